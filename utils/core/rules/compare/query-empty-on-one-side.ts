import type { Rule } from '../types';
import { DOC_COMPARE, sideEvidence, sidesIn } from './_shared';

/**
 * 000 切り分け方法: the login query is the proof; one side's is empty. Like with like only (000
 * 非ログイン時も会員情報連携がされますか?: logged out there is nothing to link, so an empty
 * query is right): the full side's query comes from pages not known to be logged out; the empty
 * one is an error on a logged-in page, a warning on a page of unknown state, nothing on a
 * logged-out page (compare/login-state-differs explains that difference).
 */
const rule: Rule = {
  scope: 'session',
  meta: {
    id: 'compare/query-empty-on-one-side',
    severity: { stateDependent: ['error', 'warning'] },
    title: { ja: '一方の記録だけ /login の query が空です', en: "One side's /login query is empty" },
    messages: {
      default: {
        ja: '{full} では login の「query」にマスターキーワードと値が表示されていますが、ログイン中の {empty} では「query」が空白です。{empty} のタグを埋め込んだページに、マスターキーワードと値が正しく設定されていない可能性があります。',
        en: 'On {full} the login "query" shows master keywords and values, on {empty}, logged in, it is empty. The master keywords and values are probably not set correctly on the pages of {empty}.',
      },
      stateUnknown: {
        ja: '{full} では login の「query」にマスターキーワードと値が表示されていますが、{empty} では「query」が空白です。{empty} のページのログイン状態が分からないため、ログアウトした状態で記録したのであれば空白で正しい動作です（未ログイン時は連携する情報がありません）。ログインした状態で記録したのであれば、マスターキーワードと値が正しく設定されていない可能性があります。',
        en: 'On {full} the login "query" shows master keywords and values, on {empty} it is empty. The login state of the pages of {empty} is not known: if they were recorded logged out, an empty query is right (there is nothing to link). If they were recorded logged in, the master keywords and values are probably not set correctly.',
      },
    },
    fix: {
      ja: '{empty} のタグを {full} と比べ、ログイン時は ID 連携のタグになっているか、変数で設定した値はちゃんと連携されているかを確認してください。',
      en: 'Compare the tag of {empty} with {full}: is it the linkage tag when logged in, and do the variables hold the values?',
    },
    fixes: {
      stateUnknown: {
        ja: '{empty} をログインした状態で記録し直して（記録ウィザードの「ログイン中」、または CLI の --state logged-in）、もう一度比べてください。',
        en: 'Record {empty} again while logged in (the recording wizard\'s "logged in" slot, or the CLI\'s --state logged-in) and compare again.',
      },
    },
    source: { doc: DOC_COMPARE, section: '切り分け方法' },
    requires: ['snapshots'],
  },
  check(ctx) {
    // where values are expected to be sent (not logged out) ...
    const full = sidesIn(ctx, ['logged-in', 'unknown']);
    // ... and the same, split by what is known about the empty side
    const loggedIn = sidesIn(ctx, ['logged-in']);
    const unknown = sidesIn(ctx, ['unknown']);
    if (!full || !loggedIn || !unknown) return [];
    for (const [f, e] of [
      [0, 1],
      [1, 0],
    ] as const) {
      if (full[f].query !== 'ok') continue;
      if (loggedIn[e].query === 'empty') {
        return [
          {
            severity: 'error',
            data: { full: full[f].label, empty: loggedIn[e].label },
            evidence: [sideEvidence(full[f], 'login query: ok', 'network'), sideEvidence(loggedIn[e], 'login query: empty (logged in)', 'network')],
          },
        ];
      }
      if (loggedIn[e].query !== 'ok' && unknown[e].query === 'empty') {
        return [
          {
            messageId: 'stateUnknown',
            severity: 'warning',
            data: { full: full[f].label, empty: unknown[e].label },
            evidence: [sideEvidence(full[f], 'login query: ok', 'network'), sideEvidence(unknown[e], 'login query: empty (login state unknown)', 'network')],
          },
        ];
      }
    }
    return [];
  },
};

export default rule;
