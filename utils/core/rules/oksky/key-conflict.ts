import type { Rule } from '../types';
import { DOC_000, callEvidence, executedTags, globalName, tagEvidence, valueText } from './_shared';

/**
 * One page, two keys: two widgets (or the last key wins). The linkage may go to a widget other
 * than the one the support staff looks at.
 */
const rule: Rule = {
  scope: 'page',
  meta: {
    id: 'oksky/key-conflict',
    severity: 'error',
    title: { ja: '1 つのページで異なる key が設定されています', en: 'One page sets two different keys' },
    messages: {
      default: {
        ja: 'このページでは異なる key（{keys}）が設定されています。どちらのウィジェットに接続するかが定まらず、会員情報が担当者の確認している接客管理画面とは別のウィジェットに届くことがあります。',
        en: 'This page sets different keys ({keys}). Which widget it connects to is undefined, and the member information may reach another widget than the one the support staff looks at.',
      },
    },
    fix: {
      ja: 'このページで使う key を 1 つに決め、他のタグを削除してください。\n{global}("key", "{first}");',
      en: 'Decide the one key this page uses and remove the other tag:\n{global}("key", "{first}");',
    },
    source: { doc: DOC_000, section: '会員情報の連携のタグを埋めたがルームに情報が届かない' },
    requires: ['oksky-tag'],
  },
  check(ctx, page) {
    if (!page) return [];
    const { tags } = executedTags(page);
    const keys = [...new Set(tags.flatMap((t) => (t.keys.length > 0 ? t.keys : t.key ? [t.key] : [])))];
    if (keys.length < 2) return [];
    const evidence = tags.flatMap((t) => {
      const calls = t.calls.filter((c) => c.name === 'key' && valueText(c.args[0]) !== undefined);
      return calls.length > 0 ? calls.map((c) => callEvidence(ctx, c)) : [tagEvidence(t)];
    });
    return [{ data: { keys: keys.join(', '), first: keys[0], global: globalName(tags[0]) }, evidence: evidence.slice(0, 10) }];
  },
};

export default rule;
