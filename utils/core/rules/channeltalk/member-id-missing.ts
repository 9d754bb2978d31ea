import { asObject, certainlyMissing, entry, optionOf, textOf } from '../../channeltalk/values';
import type { MaskedValue, StaticValue } from '../../model';
import { isEmptyValue } from '../../placeholder';
import type { Rule, RuleReport } from '../types';
import { DOC_001, callEvidence, callName, evidenceOf } from './_shared';

const MEMBER_FIELDS = ['email', 'mobileNumber', 'name'] as const;

/** A value that is sent: constant and not empty, or computed at run time. */
function sent(v: StaticValue | undefined): boolean {
  if (!v) return false;
  if (v.kind === 'unknown') return true;
  if (v.kind === 'string') return !isEmptyValue(v.value);
  return v.kind === 'number';
}

/**
 * 001 memberId 「会員を識別する目安となるデータ」: a boot that carries member data (e-mail, mobile
 * number, name, `member: true`) without `memberId` keeps the person as a non-member.
 */
const rule: Rule = {
  scope: 'page',
  meta: {
    id: 'channeltalk/member-id-missing',
    severity: 'warning',
    title: { ja: '会員情報を送っていますが memberId がありません', en: 'Member data is sent without memberId' },
    messages: {
      default: {
        ja: '{call} は会員の情報（{fields}）を送っていますが、memberId（会員ID）が指定されていません。memberId は会員を識別する目安となるデータのため、この顧客はチャネルトークで非会員として扱われ、ログインしても同じ会員の問い合わせ履歴とつながりません。',
        en: '{call} sends member data ({fields}) but no memberId. memberId is what identifies a member, so Channel Talk keeps this person as a non-member and their conversations are not linked to the member after login.',
      },
    },
    fix: {
      ja: 'ログイン中のページでは、サイトの会員ID を boot の memberId に指定してください。\nChannelIO(\'boot\', { pluginKey: \'…\', memberId: （サイトの会員ID）, profile: { … } });',
      en: "On logged-in pages pass the site's member id as memberId in boot:\nChannelIO('boot', { pluginKey: '…', memberId: (site member id), profile: { … } });",
    },
    source: { doc: DOC_001, section: '基本連携データ memberId' },
    requires: ['channeltalk-tag'],
  },
  check(ctx, page) {
    const ev = evidenceOf(page);
    if (!ev) return [];
    const reports: RuleReport[] = [];
    for (const call of ev.boots) {
      const option = optionOf(call);
      if (!asObject(option) || !certainlyMissing(option, 'memberId')) continue;
      const profile = entry(option, 'profile');
      const fields: string[] = [];
      const values: MaskedValue[] = [];
      for (const f of MEMBER_FIELDS) {
        for (const [where, v] of [[`profile.${f}`, entry(profile, f)], [f, entry(option, f)]] as const) {
          if (!sent(v)) continue;
          fields.push(where);
          const t = textOf(v);
          if (t !== undefined) values.push(ctx.masker.mask(t));
        }
      }
      for (const [where, v] of [['profile.member', entry(profile, 'member')], ['member', entry(option, 'member')]] as const) {
        if (v?.kind === 'boolean' && v.value) fields.push(`${where}: true`);
      }
      if (fields.length === 0) continue;
      reports.push({ data: { call: callName(call), fields: fields.join(', ') }, evidence: [callEvidence(ctx, call, values)] });
    }
    return reports;
  },
};

export default rule;
