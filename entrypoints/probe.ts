/**
 * The page probe (MAIN world, document_start, top frame): see utils/ext/probe-main.ts.
 * An unlisted script declared in wxt.config.ts's manifest (not a WXT content-script entry): no
 * framework wrapper runs on every page. Tiny on purpose (≤ 4 KB minified, `npm run bench:overhead`).
 */
import { PROBE_CHANNEL, PROBE_GLOBAL } from '@/utils/ext/constants';
import { installProbe } from '@/utils/ext/probe-main';

export default defineUnlistedScript(() => {
  installProbe(PROBE_CHANNEL, PROBE_GLOBAL);
});
