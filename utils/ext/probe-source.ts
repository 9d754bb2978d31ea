/**
 * The probe as source text, for the places that inject it themselves: DevTools
 * (`chrome.devtools.inspectedWindow.reload({injectedScript})`, when site access is withheld) and
 * `renkei check` (Playwright's `addInitScript`). The same function the content script runs.
 *
 * `__name` is defined as the identity because TypeScript runners (tsx/esbuild `keepNames`) may
 * decorate the function's inner closures with it.
 */
import { PROBE_CHANNEL, PROBE_GLOBAL } from './constants';
import { installProbe } from './probe-main';

/** Set by the CLI's bundle (scripts/build-cli.mjs): the probe built on its own, as one script. */
declare const __RENKEI_PROBE_SOURCE__: string | undefined;

export const PROBE_SOURCE =
  typeof __RENKEI_PROBE_SOURCE__ === 'string'
    ? __RENKEI_PROBE_SOURCE__
    : `(function(){var __name=function(f){return f};try{(${installProbe.toString()})(${JSON.stringify(PROBE_CHANNEL)},${JSON.stringify(PROBE_GLOBAL)})}catch(e){}})();`;
