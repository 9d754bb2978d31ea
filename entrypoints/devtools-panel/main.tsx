import '@/components/theme.css';
import { createRoot } from 'react-dom/client';
import { LangRoot } from '@/components/LangRoot';
import { DevtoolsFallback } from '@/components/DevtoolsFallback';
import { Panel } from '@/components/Panel';
import { createFallbackSource } from '@/utils/ext/fallback-source';
import { createExtensionSessionSource } from '@/utils/ext/session-source';
import type { Analyze, PanelActions } from '@/utils/ui/analysis';
import { devtoolsHar } from '@/utils/ui/devtools-har';
import { currentLang, devtoolsApi, devtoolsCaptureApi, extensionVersion, setDocumentLang, watchLang } from '@/utils/ui/extension-env';
import { applyTheme, devtoolsTheme, followDevtoolsTheme, panelTabId } from '@/utils/ui/panel-host';

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
      ? createFallbackSource(background, tabId, () => import('@/utils/ext/devtools-source').then((m) => m.createDevtoolsSessionSource(m.chromeDevtoolsApi())))
      : undefined;
  const source = fallback ?? background;
  const version = extensionVersion();
  const readDevtools = capture ? () => devtoolsHar(capture) : undefined;
  const panel = (analyze?: Analyze, actions?: PanelActions) => <Panel source={source} tabId={tabId} analyze={analyze} actions={actions} version={version} devtoolsHar={readDevtools} />;
  const draw = (analyze?: Analyze, actions?: PanelActions) =>
    root.render(
      <LangRoot initial={lang} watch={watchLang} onChange={setDocumentLang}>
        {fallback ? (
          <div className="with-fallback">
            <DevtoolsFallback source={fallback} />
            {panel(analyze, actions)}
          </div>
        ) : (
          panel(analyze, actions)
        )}
      </LangRoot>,
    );
  draw();
  const m = await core;
  draw(m.analyzeCapture, m.reportActions);
}

void main();
