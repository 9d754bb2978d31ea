import { isReadOnlyProfileKey } from '../../channeltalk/schema';
import { profileEntries } from '../../channeltalk/values';
import type { Rule, RuleReport } from '../types';
import { DOC_001, callEvidence, evidenceOf, userCalls } from './_shared';

/**
 * 001 基本連携データ 「これらの情報は、顧客タグ、マーケティング受信同意の有無以外は変更できません」:
 * built-in keys Channel Talk records itself (access times, session counts, the channel's id, web.*,
 * mobile.*) are ignored when the page sends them in the profile.
 */
const rule: Rule = {
  scope: 'page',
  meta: {
    id: 'channeltalk/read-only-key-sent',
    severity: 'info',
    title: { ja: '変更できない基本連携データをプロフィールで送っています', en: 'A read-only built-in key is sent in the profile' },
    messages: {
      default: {
        ja: 'profile に「{key}」が含まれています。{key} はチャネルトークが自動で保存する基本連携データで、顧客タグとマーケティング受信同意の有無以外は変更できないため、この値は無視されます。',
        en: 'The profile contains "{key}". {key} is built-in data Channel Talk records itself; apart from tags and marketing consent it cannot be changed, so the value is ignored.',
      },
    },
    fix: {
      ja: '「{key}」を profile から外してください。サイト側の値として残したい場合は、別の camelCase のキー（例: siteLastLoginAt）で [顧客プロフィール情報] に追加してください。',
      en: 'Remove "{key}" from the profile. To keep the site’s own value, send it under another camelCase key (e.g. siteLastLoginAt) added under Customer profile.',
    },
    source: { doc: DOC_001, section: '基本連携データ' },
    requires: ['channeltalk-tag'],
  },
  check(ctx, page) {
    const ev = evidenceOf(page);
    if (!ev) return [];
    const reports: RuleReport[] = [];
    for (const call of userCalls(ev)) {
      for (const e of profileEntries(call)) {
        if (!isReadOnlyProfileKey(e.key)) continue;
        reports.push({ data: { key: e.key }, evidence: [callEvidence(ctx, call, undefined, `${e.container}.${e.key}`)] });
      }
    }
    return reports;
  },
};

export default rule;
