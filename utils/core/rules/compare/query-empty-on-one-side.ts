import type { Rule } from '../types';
import { DOC_COMPARE, sideEvidence, sides } from './_shared';

/** 000 切り分け方法: the login query is the proof; one side's is empty. */
const rule: Rule = {
  scope: 'session',
  meta: {
    id: 'compare/query-empty-on-one-side',
    severity: 'error',
    title: { ja: '一方の環境だけ /login の query が空です', en: "One side's /login query is empty" },
    messages: {
      default: {
        ja: '{full} では login の「query」にマスターキーワードと値が表示されていますが、{empty} では「query」が空白です。{empty} のタグを埋め込んだページに、マスターキーワードと値が正しく設定されていない可能性があります。',
        en: 'On {full} the login "query" shows master keywords and values, on {empty} it is empty. The master keywords and values are probably not set correctly on the pages of {empty}.',
      },
    },
    fix: {
      ja: '{empty} のタグを {full} と比べ、ログイン時は ID 連携のタグになっているか、変数で設定した値はちゃんと連携されているかを確認してください。',
      en: 'Compare the tag of {empty} with {full}: is it the linkage tag when logged in, and do the variables hold the values?',
    },
    source: { doc: DOC_COMPARE, section: '切り分け方法' },
    requires: ['snapshots'],
  },
  check(ctx) {
    const s = sides(ctx);
    if (!s) return [];
    for (const [full, empty] of [s, [s[1], s[0]] as const]) {
      if (full.query === 'ok' && empty.query === 'empty') {
        return [
          {
            data: { full: full.label, empty: empty.label },
            evidence: [sideEvidence(full, 'login query: ok', 'network'), sideEvidence(empty, 'login query: empty', 'network')],
          },
        ];
      }
    }
    return [];
  },
};

export default rule;
