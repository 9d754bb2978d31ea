/**
 * Settings pages (isolated world, document_idle, top frame): does nothing until the popup asks
 * (`{type: 'renkei:settings-html'}`), then answers with the page as the operator sees it now.
 * See utils/ext/checklist-messages.ts.
 */
import { browser } from 'wxt/browser';
import { answerSettingsHtml } from '@/utils/ext/checklist-messages';

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  allFrames: false,
  main() {
    browser.runtime.onMessage.addListener((message: unknown, sender) => {
      // only our own extension's pages may ask (tabs.sendMessage from the popup has no tab)
      if (sender.id !== browser.runtime.id || sender.tab) return undefined;
      const answer = answerSettingsHtml(message, document, location.href);
      return answer ? Promise.resolve(answer) : undefined;
    });
  },
});
