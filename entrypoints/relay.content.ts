/**
 * The relay (isolated world, document_start, top frame): see utils/ext/relay.ts.
 */
import { browser } from 'wxt/browser';
import { startRelay } from '@/utils/ext/relay';

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_start',
  allFrames: false,
  main() {
    startRelay({
      window,
      send: (msg) => {
        void browser.runtime.sendMessage(msg).catch(() => undefined);
      },
    });
  },
});
