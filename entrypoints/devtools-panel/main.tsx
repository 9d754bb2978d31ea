import '@/components/theme.css';
import { createRoot } from 'react-dom/client';
import { LangRoot } from '@/components/LangRoot';
import { DevtoolsFallback } from '@/components/DevtoolsFallback';
import { PanelCaptureBar } from '@/components/CaptureSites';
import { extensionCaptureSitesClient } from '@/utils/ext/capture-sites';
import { Panel } from '@/components/Panel';
import { createFallbackSource } from '@/utils/ext/fallback-source';
import { chromeInspectedPage } from '@/utils/ext/inspected-page';
import { createExtensionSessionSource } from '@/utils/ext/session-source';
import type { Analyze, PanelActions } from '@/utils/ui/analysis';
import { devtoolsHar } from '@/utils/ui/devtools-har';
import { currentLang, devtoolsApi, devtoolsCaptureApi, extensionVersion, setDocumentLang, watchLang } from '@/utils/ui/extension-env';
import { applyTheme, devtoolsTheme, followDevtoolsTheme, openResourceFn, panelTabId } from '@/utils/ui/panel-host';

/** Firefox (the only browser with runtime.getBrowserInfo) has no `injectedScript` in DevTools' reload. */
function probeReloadSupport(): 'supported' | 'unsupported' {
  const b = (globalThis as { browser?: { runtime?: { getBrowserInfo?: unknown } } }).browser;
  return typeof b?.runtime?.getBrowserInfo === 'function' ? 'unsupported' : 'supported';
}

async function main() {
  const dt = devtoolsApi();
  applyTheme(devtoolsTheme(dt));
  followDevtoolsTheme(dt);
  // the analysis core is its own chunk: the panel paints (and subscribes) while it loads
  const core = import('@/utils/ui/panel-core');
  const lang = await currentLang();
  const root = createRoot(document.getElementById('root')!);
  const tabId = panelTabId(location.search, dt);
  if (tabId === undefined) {
    root.render(<p className="empty">{lang === 'ja' ? 'タブが指定されていません（?tabId=N）。' : 'No tab given (?tabId=N).'}</p>);
    return;
  }
  const capture = devtoolsCaptureApi();
  // hosted in DevTools on the inspected tab: where the background cannot see the tab (site access
  // withheld), the captures come from chrome.devtools (its chunk loads only then)
  const background = createExtensionSessionSource();
  const fallback =
    capture && dt?.inspectedWindow?.tabId === tabId
      ? createFallbackSource(background, tabId, () => import('@/utils/ext/devtools-source').then((m) => m.createDevtoolsSessionSource(m.chromeDevtoolsApi())), {
          // the mode is decided again on every navigation of the inspected tab
          inspected: chromeInspectedPage(),
        })
      : undefined;
  const source = fallback ?? background;
  const version = extensionVersion();
  const readDevtools = capture ? () => devtoolsHar(capture) : undefined;
  // opening the panel for a tab turns capture on for its site (utils/ext/capture-sites.ts)
  const sites = extensionCaptureSitesClient();
  const inspectedTabId = dt?.inspectedWindow?.tabId;
  const openResource = openResourceFn(dt);
  const draw = (analyze?: Analyze, actions?: PanelActions) =>
    root.render(
      <LangRoot initial={lang} watch={watchLang} onChange={setDocumentLang}>
        <Panel
          source={source}
          tabId={tabId}
          analyze={analyze}
          actions={actions}
          version={version}
          devtoolsHar={readDevtools}
          top={fallback ? <DevtoolsFallback source={fallback} probeReload={probeReloadSupport()} /> : undefined}
          toolbarExtra={<PanelCaptureBar client={sites} tabId={tabId} />}
          openResource={openResource}
          inspectedTabId={inspectedTabId}
        />
      </LangRoot>,
    );
  draw();
  const m = await core;
  draw(m.analyzeCapture, m.reportActions);
}

void main();
