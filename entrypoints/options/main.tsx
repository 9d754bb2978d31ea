import '@/components/theme.css';
import { createRoot } from 'react-dom/client';
import { LangRoot } from '@/components/LangRoot';
import { Options } from '@/components/Options';
import { CaptureSitesList } from '@/components/CaptureSites';
import { extensionCaptureSitesClient } from '@/utils/ext/capture-sites';
import { testCompanionConnection } from '@/utils/ui/companion-check';
import { currentLang, setDocumentLang, watchLang } from '@/utils/ui/extension-env';
import { extensionSettings } from '@/utils/ui/settings-storage';

async function main() {
  const lang = await currentLang();
  createRoot(document.getElementById('root')!).render(
    <LangRoot initial={lang} watch={watchLang} onChange={setDocumentLang}>
      <Options settings={extensionSettings} testConnection={(url, token) => testCompanionConnection(url, token)}>
        <CaptureSitesList client={extensionCaptureSitesClient()} />
      </Options>
    </LangRoot>,
  );
}

void main();
