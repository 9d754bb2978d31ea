import { MAX_TAGS } from '../../channeltalk/schema';
import { entry, optionOf } from '../../channeltalk/values';
import type { StaticValue } from '../../model';
import type { Rule, RuleReport } from '../types';
import { DOC_SDK, callEvidence, callName, evidenceOf } from './_shared';

/** SDK types: updateUser `tags` "Up to 10 tags are allowed"; addTags "Max 10". */
const rule: Rule = {
  scope: 'page',
  meta: {
    id: 'channeltalk/tags-limit',
    severity: 'error',
    title: { ja: '顧客タグが 10 個を超えています', en: 'More than 10 customer tags' },
    messages: {
      default: {
        ja: '{call} で顧客タグが {count} 個指定されています。一度に指定できる顧客タグは最大 {max} 個のため、この呼び出しは失敗し、タグは付きません。',
        en: '{call} sets {count} customer tags. At most {max} tags are allowed, so the call fails and no tag is set.',
      },
    },
    fix: {
      ja: '顧客タグは {max} 個以内にしてください。タグが多い場合は、絞り込みに使うものだけをタグにし、その他の情報はプロフィール項目（profile）で送信してください。',
      en: 'Keep to {max} tags or fewer. Keep only the tags used for filtering and send the rest as profile fields.',
    },
    source: { doc: DOC_SDK, section: 'updateUser tags / addTags' },
    requires: ['channeltalk-tag'],
  },
  check(ctx, page) {
    const ev = evidenceOf(page);
    if (!ev) return [];
    const reports: RuleReport[] = [];
    for (const call of ev.calls) {
      let tags: StaticValue | undefined;
      if (call.name === 'updateUser') tags = entry(optionOf(call), 'tags');
      else if (call.name === 'addTags') tags = call.args[0];
      else continue;
      if (tags?.kind !== 'array' || tags.items.length <= MAX_TAGS) continue;
      reports.push({ data: { call: callName(call), count: tags.items.length, max: MAX_TAGS }, evidence: [callEvidence(ctx, call)] });
    }
    return reports;
  },
};

export default rule;
