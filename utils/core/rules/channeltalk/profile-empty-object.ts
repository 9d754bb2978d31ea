import { asObject, entry, optionOf } from '../../channeltalk/values';
import type { Rule, RuleReport } from '../types';
import { DOC_SDK, callEvidence, evidenceOf } from './_shared';

/** SDK types (UpdateUserInfo.profile): "Empty objects are not allowed"; `null` resets the profile. */
const rule: Rule = {
  scope: 'page',
  meta: {
    id: 'channeltalk/profile-empty-object',
    severity: 'warning',
    title: { ja: 'updateUser の profile が空のオブジェクトです', en: 'updateUser with an empty profile object' },
    messages: {
      default: {
        ja: "ChannelIO('updateUser', …) に profile: {} が渡されています。空のオブジェクトは受け付けられず、この updateUser は失敗します（同じ呼び出しの他の項目も更新されません）。",
        en: "ChannelIO('updateUser', …) is given profile: {}. Empty objects are not allowed: the updateUser fails (other fields of the same call are not updated either).",
      },
    },
    fix: {
      ja: '更新する項目がないときは profile を渡さないでください。プロフィールを消去したいときは profile: null を渡してください。',
      en: 'Leave profile out when there is nothing to update; pass profile: null to reset the profile.',
    },
    source: { doc: DOC_SDK, section: 'UpdateUserInfo profile' },
    requires: ['channeltalk-tag'],
  },
  check(ctx, page) {
    const ev = evidenceOf(page);
    if (!ev) return [];
    const reports: RuleReport[] = [];
    for (const call of ev.updateUsers) {
      const profile = asObject(entry(optionOf(call), 'profile'));
      if (profile && profile.entries.length === 0) reports.push({ evidence: [callEvidence(ctx, call)] });
    }
    return reports;
  },
};

export default rule;
