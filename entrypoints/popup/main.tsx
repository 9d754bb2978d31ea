import '@/components/theme.css';
import { createRoot } from 'react-dom/client';
import { LangRoot } from '@/components/LangRoot';
import { Popup } from '@/components/Popup';
import { createExtensionSessionSource } from '@/utils/ext/session-source';
import { currentLang, popupTabId, setDocumentLang, watchLang } from '@/utils/ui/extension-env';

// the analysis core (parsers, rules) is a separate chunk: the popup paints before it loads
const loadAnalyze = () => import('@/utils/ui/panel-core').then((m) => m.analyzeCapture);

async function main() {
  const [lang, tabId] = await Promise.all([currentLang(), popupTabId(location.search)]);
  createRoot(document.getElementById('root')!).render(
    <LangRoot initial={lang} watch={watchLang} onChange={setDocumentLang}>
      <Popup source={createExtensionSessionSource()} tabId={tabId} loadAnalyze={loadAnalyze} />
    </LangRoot>,
  );
}

void main();
