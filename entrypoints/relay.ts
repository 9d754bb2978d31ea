/**
 * The relay (isolated world, document_start, top frame): see utils/ext/relay.ts.
 * An unlisted script declared in wxt.config.ts's manifest (not a WXT content-script entry): no
 * framework wrapper runs on every page, and the extension API is touched only when there is
 * something to send (its bindings cost about a millisecond to set up in each page).
 */
import { startRelay } from '@/utils/ext/relay';

interface RuntimeLike {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
}

export default defineUnlistedScript(() => {
  startRelay({
    window,
    // the answer is the background's acknowledgement; a rejection (the worker was stopped while it
    // held the message) makes the relay send it again (utils/ext/relay-outbox.ts). Throws at once
    // when the extension is gone (reloaded): then nothing is resent.
    send: (msg) => (globalThis as unknown as { chrome: RuntimeLike }).chrome.runtime.sendMessage(msg),
  });
});
