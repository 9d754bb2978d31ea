/**
 * The relay (isolated world, document_start, top frame): see utils/ext/relay.ts.
 * An unlisted script declared in wxt.config.ts's manifest (not a WXT content-script entry): no
 * framework wrapper (and no extension API call) runs on pages without a vendor tag.
 */
import { browser } from 'wxt/browser';
import { startRelay } from '@/utils/ext/relay';

export default defineUnlistedScript(() => {
  startRelay({
    window,
    send: (msg) => {
      void browser.runtime.sendMessage(msg).catch(() => undefined);
    },
  });
});
