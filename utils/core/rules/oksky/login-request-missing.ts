import type { Rule } from '../types';
import type { AnalyzedPage, RuleContext } from '../types';
import { DOC_000, executedTags, tagEvidence, widgetLoaded } from './_shared';

/** Evidence that the tag ran: the probe saw it, or the network saw its widget script load. */
function tagRan(page: AnalyzedPage): boolean {
  if (page.oksky.probed) return page.oksky.runtimeTags.length > 0;
  return page.oksky.staticTags.length > 0 && widgetLoaded(page);
}

/** When the capture of this page ended early: the next page was loaded. */
function nextPageTime(ctx: RuleContext, page: AnalyzedPage): number | undefined {
  return ctx.pages[page.index + 1]?.page.time;
}

/**
 * 000 切り分け方法: after a reload the Network tab shows a `login` request. A tag that ran but
 * never sent `/login` linked nothing (the widget did not start, or a script stopped it).
 */
const rule: Rule = {
  scope: 'page',
  meta: {
    id: 'oksky/login-request-missing',
    severity: 'warning',
    title: { ja: '/login のリクエストが見つかりません', en: 'No /login request was seen' },
    messages: {
      default: {
        ja: 'OK SKY のタグは実行されていますが、ページの読み込みから {seconds} 秒以内に「login」のリクエストが送信されていません。ウィジェットが起動していないか、別のスクリプトのエラーで止まっている可能性があり、会員情報は連携されていません。デベロッパーツールの「Network」で F5 キーを押してリロードし、「login」が表示されるかをご確認下さい。',
        en: 'The OK SKY tag ran, but no "login" request was sent within {seconds} s of the page load. The widget may not have started or another script error stopped it; no member information was linked. Reload with the DevTools Network tab open and look for "login".',
      },
      late: {
        ja: '「login」のリクエストがページの読み込みから {late} 秒後に送信されました（想定は {seconds} 秒以内）。ウィジェットの起動が遅れているため、その間にチャットを開いた来訪者は会員情報が連携されていない状態になることがあります。',
        en: 'The "login" request was sent {late} s after the page load (expected within {seconds} s). The widget starts late: a visitor opening the chat before that is not linked yet.',
      },
    },
    fix: {
      ja: 'ブラウザのコンソールにエラーが出ていないか、ウィジェットの読み込みを遅らせる処理（タグマネージャーの発火条件など）がないかを確認してください。',
      en: 'Check the browser console for errors, and anything that delays the widget (e.g. tag manager trigger conditions).',
    },
    source: { doc: DOC_000, section: '切り分け方法' },
    requires: ['network', 'oksky-tag'],
  },
  notApplicable(ctx, page) {
    if (!page) return undefined;
    // without proof that the tag ran, a missing request proves nothing
    if (!tagRan(page)) return ['runtime'];
    const start = page.page.time;
    const next = nextPageTime(ctx, page);
    if (start !== undefined && next !== undefined && next < start + ctx.options.captureWindowMs) {
      const seen = page.loginRequests.some((r) => r.request.time <= next);
      if (!seen) return ['network'];
    }
    return undefined;
  },
  check(ctx, page) {
    if (!page) return [];
    const windowMs = ctx.options.captureWindowMs;
    const seconds = Math.round(windowMs / 100) / 10;
    const tags = executedTags(page).tags.length > 0 ? executedTags(page).tags : page.oksky.staticTags;
    const evidence = [
      ...tags.slice(0, 2).map(tagEvidence),
      ...page.widgetRequests.slice(0, 1).map((r) => ({ source: 'network' as const, requestId: r.id, url: r.url, text: `${r.method} ${r.url} ${r.status ?? ''}`.trim() })),
    ];
    const start = page.page.time;
    if (page.loginRequests.length === 0) return [{ data: { seconds }, evidence }];
    if (start === undefined) return [];
    const first = Math.min(...page.loginRequests.map((r) => r.request.time));
    if (first - start <= windowMs) return [];
    const late = Math.round((first - start) / 100) / 10;
    return [{ messageId: 'late', data: { seconds, late }, evidence: [...evidence, { source: 'network', requestId: page.loginRequests[0].request.id, url: page.loginRequests[0].request.url }] }];
  },
};

export default rule;
