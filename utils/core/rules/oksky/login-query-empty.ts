import type { Rule, RuleReport } from '../types';
import { DOC_000, executedTags, loginRequestEvidence, tagHasLinkage } from './_shared';

/**
 * 000 切り分け方法: Network → login → Request Payload → query. 「もしID連携のタグの指定が
 * 間違っている場合は、queryの部分が空白になります」.
 */
const rule: Rule = {
  scope: 'page',
  meta: {
    id: 'oksky/login-query-empty',
    severity: { stateDependent: ['error', 'info'] },
    title: { ja: '/login の query が空です', en: 'The /login query is empty' },
    messages: {
      linkage: {
        ja: 'タグには会員情報連携の記述がありますが、ウィジェットが送信した login の Request Payload の「query」が空白です（{format}）。タグを埋め込んだページにマスターキーワードと値が正しく設定されていない可能性があります。タグの記述に間違いはないか、変数で設定した値はちゃんと連携されているかをご確認下さい。',
        en: 'The tag has member linkage, but the "query" of the login Request Payload the widget sent is empty ({format}). The master keywords and values are probably not set correctly on the page. Check the tag for mistakes and that the variables really hold the values.',
      },
      'logged-in': {
        ja: 'このページはログイン中ですが、ウィジェットが送信した login の Request Payload の「query」が空白です（{format}）。ログイン後のタグが、マスターキーワードの無い通常のタグになってしまっている可能性があります。ログイン時は ID 連携のタグになっているかをご確認下さい。',
        en: 'This page is logged in, but the "query" of the login Request Payload is empty ({format}). The tag after login is probably the plain tag without master keywords. Check that logged-in pages output the linkage tag.',
      },
      'logged-out': {
        ja: '未ログインのページで通常のタグが使われているため、login の「query」は空白です（{format}）。これは想定どおりの動作で、来訪者は Cookie で識別されます。',
        en: 'The page is logged out and uses the plain tag, so the login "query" is empty ({format}). This is expected: the visitor is identified by a cookie.',
      },
      unknown: {
        ja: 'login の「query」が空白です（{format}）。このページのログイン状態が判定できないため、問題かどうかは判断できません。ログイン中のページであれば、会員情報が連携されていません（ログイン時は ID 連携のタグ、未ログイン時は通常のタグになっているかをご確認下さい）。',
        en: 'The login "query" is empty ({format}). The page\'s login state is unknown, so this may be fine (logged out) or a problem: on a logged-in page no member information is linked.',
      },
    },
    fix: {
      ja: 'ログイン時は ID 連携のタグ（loginKey とマスターキーワードの値）を出力し、login の「query」にマスターキーワードと値が表示されることを確認してください。',
      en: 'Output the linkage tag (loginKey and keyword values) when logged in, and confirm the login "query" shows the master keywords and values.',
    },
    fixes: {
      'logged-out': {
        ja: '対応は不要です。ログイン時のページで「query」にマスターキーワードと値が表示されるかを確認してください。',
        en: 'Nothing to do. Check that on logged-in pages the "query" shows the master keywords and values.',
      },
    },
    source: { doc: DOC_000, section: '切り分け方法' },
    requires: [],
  },
  // The /login requests themselves are the evidence: a captured one, or a payload pasted by hand
  // (NetworkRequest.pasted, which does not make the page network-captured). Without either there
  // is nothing to judge.
  notApplicable(_ctx, page) {
    if (page && !page.networkCaptured && page.loginRequests.length === 0) return ['network'];
    return undefined;
  },
  check(_ctx, page) {
    if (!page) return [];
    const { tags } = executedTags(page);
    const linkage = tags.some(tagHasLinkage);
    // RULES.md: error when the tag sets linkage OR the page is logged in. On a logged-in page with
    // the plain tag, oksky/plain-tag-while-logged-in names the cause from the tag; this finding is
    // the network's independent confirmation (000 切り分け方法), so both are reported.
    const reports: RuleReport[] = [];
    for (const r of page.loginRequests) {
      if (r.query.status !== 'empty') continue;
      const format = r.query.format ?? 'query';
      const evidence = [loginRequestEvidence(r, `query: ${r.query.format === 'json-string' ? '""' : '{}'} (${r.request.method} ${r.request.url})`)];
      if (linkage) reports.push({ messageId: 'linkage', severity: 'error', data: { format }, evidence });
      else if (page.state === 'logged-in') reports.push({ messageId: 'logged-in', severity: 'error', data: { format }, evidence });
      else if (page.state === 'logged-out') reports.push({ messageId: 'logged-out', severity: 'info', data: { format }, evidence });
      // a rule that needs the state never fires an error on unknown
      else reports.push({ messageId: 'unknown', severity: 'info', data: { format }, evidence });
    }
    return reports;
  },
};

export default rule;
