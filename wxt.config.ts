import { defineConfig } from 'wxt';

/**
 * Permissions (justified in docs/PERMISSIONS.md):
 * - storage: the per-tab session lives in `storage.session` (survives a service-worker restart),
 *   settings and checklist progress in `storage.local`;
 * - webRequest: see the vendors' widget loads and `/login` POST bodies as the network saw them
 *   (listeners filtered to the vendors' hosts). Chrome shows an extension a request only when it
 *   has access to both the request's URL and the page that made it: hence `<all_urls>` host
 *   access, which the content scripts on every page already imply (same install warning);
 * - activeTab: the popup, opened by a click, reads the current tab's address to say whether the
 *   user withheld site access there.
 * - scripting: the popup checklist, when the operator opens it, injects the settings reader
 *   (the unlisted script entrypoints/settings-reader.ts) into the open tab to read the settings
 *   page as it is now; nothing runs in pages until asked (no install warning).
 * Content scripts run on every page at document_start (the diagnosis must work on any customer
 * site); they read only and report only when a vendor tag is present.
 */
export default defineConfig({
  // RENKEI_OUT_DIR lets parallel work build to its own folder (the e2e fixtures read RENKEI_EXT_DIR)
  ...(process.env.RENKEI_OUT_DIR ? { outDir: process.env.RENKEI_OUT_DIR } : {}),
  modules: ['@wxt-dev/module-react'],
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'ja',
    minimum_chrome_version: '116',
    permissions: ['storage', 'webRequest', 'activeTab', 'scripting'],
    // the vendors' APIs of the popup checklist's live checks are listed too, so they stay granted
    // (no permission prompt) whatever happens to the site access above
    host_permissions: ['<all_urls>', 'https://api.line.me/*', 'https://api.chatwork.com/*', 'https://*.zendesk.com/*'],
    // the probe and the relay are unlisted scripts (entrypoints/probe.ts, relay.ts) declared here:
    // WXT's content-script wrapper would run on every page
    content_scripts: [
      { matches: ['<all_urls>'], run_at: 'document_start', all_frames: false, world: 'MAIN', js: ['probe.js'] },
      { matches: ['<all_urls>'], run_at: 'document_start', all_frames: false, js: ['relay.js'] },
    ],
  },
});
