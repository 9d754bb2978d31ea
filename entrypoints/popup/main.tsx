import '@/components/theme.css';
import { lazy, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { LangRoot } from '@/components/LangRoot';
import { Popup, type ChecklistPhase, type PopupActions } from '@/components/Popup';
import { CaptureSitesList } from '@/components/CaptureSites';
import { extensionCaptureSitesClient } from '@/utils/ext/capture-sites';
import { useI18n } from '@/components/i18n-context';
import { createExtensionChecklistHost, type ChecklistHost } from '@/utils/ext/checklist-host';
import { createExtensionSessionSource } from '@/utils/ext/session-source';
import { currentLang, popupTabId, setDocumentLang, watchLang } from '@/utils/ui/extension-env';

// the analysis core (parsers, rules) is a separate chunk: the popup paints before it loads
const loadAnalyze = () => import('@/utils/ui/panel-core').then((m) => m.analyzeCapture);
// so are the checklists (their page reader) and the live checks
const PopupChecklist = lazy(() => import('@/components/checklist/PopupChecklist').then((m) => ({ default: m.PopupChecklist })));

function Checklist({ host, onPhase }: { host: ChecklistHost; onPhase: (p: ChecklistPhase) => void }) {
  const { lang } = useI18n();
  return (
    <Suspense fallback={null}>
      <PopupChecklist host={host} lang={lang} onPhase={onPhase} />
    </Suspense>
  );
}

/** The full panel for this tab as a tab (the panel page reads `?tabId=`), and the options page. */
function actionsFor(tabId: number | undefined): PopupActions {
  return {
    openPanel:
      tabId === undefined
        ? undefined
        : () => {
            void browser.tabs.create({ url: browser.runtime.getURL(`/devtools-panel.html?tabId=${tabId}`) }).then(() => window.close());
          },
    openOptions: () => {
      void browser.runtime.openOptionsPage().then(() => window.close());
    },
  };
}

async function main() {
  const [lang, tabId] = await Promise.all([currentLang(), popupTabId(location.search)]);
  const host = tabId !== undefined ? createExtensionChecklistHost(tabId) : undefined;
  createRoot(document.getElementById('root')!).render(
    <LangRoot initial={lang} watch={watchLang} onChange={setDocumentLang}>
      <Popup
        source={createExtensionSessionSource()}
        tabId={tabId}
        loadAnalyze={loadAnalyze}
        checklist={host ? (onPhase) => <Checklist host={host} onPhase={onPhase} /> : undefined}
        captureSite={<CaptureSitesList client={extensionCaptureSitesClient()} tabId={tabId} compact />}
        actions={actionsFor(tabId)}
      />
    </LangRoot>,
  );
}

void main();
