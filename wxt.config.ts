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
 * Content scripts run at document_start only on the sites the user turned on (opening the panel
 * for a tab turns its site on; the popup and options list them; "all sites" is a choice): they
 * read only and report only when a vendor tag is present.
 */
export default defineConfig({
  // RENKEI_OUT_DIR lets parallel work build to its own folder (the e2e fixtures read RENKEI_EXT_DIR)
  ...(process.env.RENKEI_OUT_DIR ? { outDir: process.env.RENKEI_OUT_DIR } : {}),
  modules: ['@wxt-dev/module-react'],
  hooks: {
    // the toolbar button's title, localised (WXT would take the popup's <title> as it is)
    'build:manifestGenerated': (_wxt, manifest) => {
      manifest.action = { ...manifest.action, default_title: '__MSG_extActionTitle__' };
    },
  },
  vite: () => ({
    plugins: [
      {
        // zod probes `new Function("")` to choose a faster parser; extension pages forbid eval (CSP),
        // so the probe always fails there. Answering "no" up front leaves no eval in the package
        // (web-ext lint DANGEROUS_EVAL) and changes nothing at run time.
        name: 'renkei-zod-no-eval-probe',
        transform(code: string, id: string) {
          if (!/[\\/]zod[\\/]v4[\\/]core[\\/]util\.js$/.test(id)) return undefined;
          const out = code.replace(/const F = Function;\s*new F\(""\);\s*return true;/, 'return false;');
          if (out === code) throw new Error('zod changed: review the eval-probe patch in wxt.config.ts');
          return { code: out, map: null };
        },
      },
    ],
  }),
  // store packages (`npm run package`, scripts/package.ts): the extension zips leave out source
  // maps; the sources zip for Mozilla's review holds only what builds the extension (an allowlist:
  // never the companion's data/, .env files, test fixtures or outputs)
  zip: {
    exclude: ['**/*.map'],
    includeSources: [
      'entrypoints/**',
      'components/**',
      'utils/**',
      'public/**',
      'assets/**',
      'docs/PRIVACY.md',
      'docs/store/**',
      'wxt.config.ts',
      'tsconfig.json',
      'package.json',
      'package-lock.json',
      'README.md',
    ],
    excludeSources: ['**/*.test.ts', '**/*.test.tsx', '**/__fixtures__/**', 'utils/cli/**', '**/.env*', '**/*.map'],
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'ja',
    ...(browser === 'firefox'
      ? {
          // Firefox 128 is the first to register a MAIN-world content script (registerContentScripts
          // `world`); 140 (an ESR) the first to read `data_collection_permissions`, which
          // addons.mozilla.org asks of new extensions: 140 is the lowest that takes both without a warning
          browser_specific_settings: {
            gecko: {
              id: 'renkei-doctor@renkei-doctor.jp',
              strict_min_version: '140.0',
              // nothing is sent anywhere unless the user configures the companion (docs/PRIVACY.md)
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : { minimum_chrome_version: '116' }),
    // RENKEI_NO_WEBREQUEST=1: a build without webRequest, only for the overhead benchmark's comparison
    // (what holding the permission costs every page: README, benchmarks); it records no network evidence
    permissions: process.env.RENKEI_NO_WEBREQUEST ? ['storage', 'activeTab', 'scripting'] : ['storage', 'webRequest', 'activeTab', 'scripting'],
    // the vendors' APIs of the popup checklist's live checks are listed too, so they stay granted
    // (no permission prompt) whatever happens to the site access above
    host_permissions: ['<all_urls>', 'https://api.line.me/*', 'https://api.chatwork.com/*', 'https://*.zendesk.com/*'],
    // no content_scripts: the probe and the relay (unlisted scripts entrypoints/probe.ts, relay.ts)
    // are registered with scripting.registerContentScripts only for the sites being diagnosed
    // (utils/ext/capture-sites.ts): pages of other sites get no script at all
  }),
});
