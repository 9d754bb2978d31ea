/**
 * The page probe (MAIN world, document_start, top frame): see utils/ext/probe-main.ts.
 * Tiny on purpose (≤ 4 KB minified, measured by `npm run bench:overhead`).
 */
import { PROBE_CHANNEL, PROBE_GLOBAL } from '@/utils/ext/constants';
import { installProbe } from '@/utils/ext/probe-main';

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_start',
  world: 'MAIN',
  allFrames: false,
  main() {
    installProbe(PROBE_CHANNEL, PROBE_GLOBAL);
  },
});
