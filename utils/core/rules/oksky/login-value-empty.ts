import type { StaticValue } from '../../model';
import { isEmptyValue } from '../../placeholder';
import type { Rule, RuleReport } from '../types';
import { DOC_000, callEvidence, executedTags, globalName, identifyingKeywords, personalValues, valueText } from './_shared';

/** What JavaScript would send for an empty-like constant, or undefined when the value is real or unknown. */
export function emptyLike(v: StaticValue): string | undefined {
  if (v.kind === 'null') return 'null';
  if (v.kind === 'undefined') return 'undefined';
  if (v.kind === 'number' && Number.isNaN(v.value)) return 'NaN';
  if (v.kind === 'string' && isEmptyValue(v.value)) return v.value;
  return undefined;
}

/**
 * 000 (青の部分 値): the identifying value is the visitor's customer information. An empty value
 * identifies nobody (and every visitor with the same empty value shares a room).
 */
const rule: Rule = {
  scope: 'page',
  meta: {
    id: 'oksky/login-value-empty',
    severity: 'error',
    title: { ja: '来訪者を識別する値が空です', en: 'The identifying value is empty' },
    messages: {
      default: {
        ja: 'loginKey「{keyword}」の値が {shown} になっています。会員情報連携は「{keyword}」の値から来訪者を特定するため、値が空だと来訪者を識別できず、会員情報がルームに届きません。ログインした会員の値（会員No. など）がタグに出力されているか、変数で設定した値がちゃんと連携されているかをご確認下さい。',
        en: 'The value of the loginKey keyword "{keyword}" is {shown}. Member linkage identifies the visitor by this value, so an empty value identifies nobody and no member information reaches the room. Check that the logged-in member\'s value (member number etc.) is written into the tag and that the variable really holds it.',
      },
    },
    fix: {
      ja: 'ログイン時は、ログインした会員の値を出力してください（未ログイン時は ID 連携のない通常のタグにします）。\n{global}("{keyword}", "<ログインした会員の値>");',
      en: 'When logged in, output the logged-in member\'s value (when logged out, use the plain tag without linkage):\n{global}("{keyword}", "<the member\'s value>");',
    },
    source: { doc: DOC_000, section: '値' },
    requires: ['oksky-tag'],
  },
  check(_ctx, page) {
    // on a logged-out page a linkage tag is reported by oksky/linkage-tag-while-logged-out
    if (!page || page.state === 'logged-out') return [];
    const reports: RuleReport[] = [];
    for (const tag of executedTags(page).tags) {
      for (const { name, keyword } of identifyingKeywords(tag)) {
        if (!keyword) continue;
        const empty = emptyLike(keyword.value);
        if (empty === undefined) continue;
        const shown = keyword.value.kind === 'string' ? JSON.stringify(valueText(keyword.value)) : empty;
        reports.push({
          data: { keyword: name, shown, global: globalName(tag) },
          evidence: [callEvidence(_ctx, keyword.call, personalValues([tag]))],
        });
      }
    }
    return reports;
  },
};

export default rule;
