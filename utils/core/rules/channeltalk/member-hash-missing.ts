import { certainlyMissing, entry, optionOf } from '../../channeltalk/values';
import { isEmptyValue } from '../../placeholder';
import type { Rule, RuleReport } from '../types';
import { DOC_SDK, callEvidence, callName, evidenceOf } from './_shared';

/**
 * SDK docs (memberHash): without `memberHash` the member id is not verified — anyone who knows
 * (or guesses) an id can boot as that member and read their conversations.
 */
const rule: Rule = {
  scope: 'page',
  meta: {
    id: 'channeltalk/member-hash-missing',
    severity: 'warning',
    title: { ja: 'memberId に memberHash がありません', en: 'memberId without memberHash' },
    messages: {
      default: {
        ja: '{call} は memberId を送っていますが memberHash がありません。顧客データ暗号化（memberHash による本人確認）を使っていないため、会員ID を知っている人なら誰でもその会員になりすまして boot でき、問い合わせ履歴を見られるおそれがあります。',
        en: '{call} sends memberId without memberHash. With no user data encryption (identity verification by memberHash), anyone who knows a member id can boot as that member and may read their conversations.',
      },
    },
    fix: {
      ja: 'チャネルトークの [セキュリティ] 設定で顧客データ暗号化を有効にし、発行されたシークレットキーで memberId の HMAC-SHA256 をサーバー側で計算して memberHash に指定してください（シークレットキーはページに書かないでください）。',
      en: 'Turn on user data encryption in Channel Talk’s security settings, compute the HMAC-SHA256 of memberId with the issued secret on the server and pass it as memberHash (never put the secret in the page).',
    },
    source: { doc: DOC_SDK, section: 'BootOption memberHash' },
    requires: ['channeltalk-tag'],
  },
  check(ctx, page) {
    const ev = evidenceOf(page);
    if (!ev) return [];
    const reports: RuleReport[] = [];
    for (const call of ev.boots) {
      const option = optionOf(call);
      const id = entry(option, 'memberId');
      if (!id || id.kind === 'null' || id.kind === 'undefined') continue;
      if (id.kind === 'string' && isEmptyValue(id.value)) continue;
      const hash = entry(option, 'memberHash');
      const hashEmpty = hash?.kind === 'string' && hash.value.trim() === '';
      if (!certainlyMissing(option, 'memberHash') && !hashEmpty) continue;
      reports.push({ data: { call: callName(call) }, evidence: [callEvidence(ctx, call)] });
    }
    return reports;
  },
};

export default rule;
