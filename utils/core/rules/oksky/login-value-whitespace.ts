import type { Rule, RuleReport } from '../types';
import { DOC_000, callEvidence, executedTags, globalName, identifyingKeywords, maskValues, personalValues, showValue } from './_shared';

function codePoints(s: string): string {
  return [...new Set(Array.from(s).map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`))].join(' ');
}

/**
 * 000: visitors with the same value share a room. `"A123 "` and `"A123"` are different values:
 * a stray space (often a full-width U+3000 or a line break from a template) splits the room.
 */
const rule: Rule = {
  scope: 'page',
  meta: {
    id: 'oksky/login-value-whitespace',
    severity: 'warning',
    title: { ja: '来訪者を識別する値の前後に空白があります', en: 'The identifying value has leading or trailing white space' },
    messages: {
      leading: {
        ja: 'loginKey「{keyword}」の値 {value} の先頭に空白（{chars}）が入っています。同じ値を持つ来訪者が同じルームになるため、空白の有無で別の来訪者として扱われ、ルームが別れることがあります。',
        en: 'The value {value} of the loginKey keyword "{keyword}" starts with white space ({chars}). Visitors with the same value share a room, so with and without the space they are different visitors and rooms can split.',
      },
      trailing: {
        ja: 'loginKey「{keyword}」の値 {value} の末尾に空白（{chars}）が入っています。同じ値を持つ来訪者が同じルームになるため、空白の有無で別の来訪者として扱われ、ルームが別れることがあります。',
        en: 'The value {value} of the loginKey keyword "{keyword}" ends with white space ({chars}). Visitors with the same value share a room, so with and without the space they are different visitors and rooms can split.',
      },
    },
    fix: {
      ja: '値を出力するときに前後の空白（全角スペース・改行を含む）を取り除いてください。\n{global}("{keyword}", "<前後の空白を除いた会員の値>");',
      en: 'Trim the value (including full-width spaces and line breaks) when writing it into the tag:\n{global}("{keyword}", "<the trimmed member value>");',
    },
    source: { doc: DOC_000, section: '会員情報の連携のタグを埋めたがルームに情報が届かない' },
    requires: ['oksky-tag'],
  },
  check(ctx, page) {
    if (!page) return [];
    const reports: RuleReport[] = [];
    for (const tag of executedTags(page).tags) {
      const personal = personalValues([tag]);
      for (const { name, keyword } of identifyingKeywords(tag)) {
        if (!keyword || keyword.value.kind !== 'string') continue;
        const v = keyword.value.value;
        const t = v.trim();
        if (t === '' || t === v) continue;
        const lead = v.slice(0, v.length - v.trimStart().length);
        const trail = v.slice(v.trimEnd().length);
        const data = { keyword: name, value: JSON.stringify(showValue(ctx, t)), global: globalName(tag) };
        const evidence = [callEvidence(ctx, keyword.call, personal, maskValues(ctx, [v]))];
        if (lead) reports.push({ messageId: 'leading', data: { ...data, chars: codePoints(lead) }, evidence });
        if (trail) reports.push({ messageId: 'trailing', data: { ...data, chars: codePoints(trail) }, evidence });
      }
    }
    return reports;
  },
};

export default rule;
