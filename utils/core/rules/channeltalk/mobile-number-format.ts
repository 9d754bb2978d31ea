import { entry, isE164, optionOf, profileEntries, toE164 } from '../../channeltalk/values';
import type { StaticValue, TagCall } from '../../model';
import type { Rule, RuleReport } from '../types';
import { DOC_SDK, callEvidence, evidenceOf, userCalls } from './_shared';

/** SDK types: "The `mobileNumber` field must follow the `E.164` format" (`+819012345678`). */
const rule: Rule = {
  scope: 'page',
  meta: {
    id: 'channeltalk/mobile-number-format',
    severity: 'warning',
    title: { ja: 'mobileNumber が E.164 形式ではありません', en: 'mobileNumber is not in E.164 form' },
    messages: {
      default: {
        ja: '{where} の携帯番号（{value}）が E.164 形式（+819012345678 のように国番号から始まる形式）ではありません。チャネルトークに受け付けられないか、別の番号として登録され、SMS の送信や顧客の照合に使えません。',
        en: 'The mobile number in {where} ({value}) is not in E.164 form (country code first, like +819012345678). Channel Talk rejects it or files it as another number, and it cannot be used for SMS or to match the customer.',
      },
      'unknown-country': {
        ja: '{where} の携帯番号（{value}）が E.164 形式（+819012345678 のように国番号から始まる形式）ではありません。日本の番号の形ではないため、どの国の番号かをこのツールでは判断できません。チャネルトークに受け付けられないか、別の番号として登録されます。',
        en: 'The mobile number in {where} ({value}) is not in E.164 form (country code first, like +819012345678). It does not have the shape of a Japanese number, so its country cannot be told from it. Channel Talk rejects it or files it as another number.',
      },
      number: {
        ja: '{where} の携帯番号が数値（{value}）で送信されています。数値では先頭の 0 や + が消えるため、E.164 形式の文字列（+819012345678）で送信してください。',
        en: 'The mobile number in {where} is sent as a number ({value}); numbers lose the leading 0 and +. Send an E.164 string (+819012345678).',
      },
    },
    fix: {
      ja: '携帯番号は国番号付きの E.164 形式の文字列で送信してください（日本の番号は先頭の 0 を +81 に置き換え、ハイフンを除きます: 090-1234-5678 → +819012345678）。この値の変換結果: {suggestion}',
      en: 'Send mobile numbers as E.164 strings with the country code (Japanese numbers: replace the leading 0 with +81 and drop the hyphens: 090-1234-5678 → +819012345678). This value converted: {suggestion}',
    },
    fixes: {
      'unknown-country': {
        ja: '番号の国の国番号を付けた E.164 形式の文字列で送信してください（先頭の 0 を国番号に置き換え、ハイフンを除きます。例: 韓国の 010-1234-5678 → +821012345678）。国番号は会員情報の国や登録フォームで確認してください。',
        en: "Send the number as an E.164 string with its country's code (replace the leading 0 with the country code and drop the hyphens, e.g. a Korean 010-1234-5678 → +821012345678). Take the country from the member's profile or sign-up form.",
      },
    },
    source: { doc: DOC_SDK, section: 'UpdateUserInfo profile mobileNumber' },
    requires: ['channeltalk-tag'],
  },
  check(ctx, page) {
    const ev = evidenceOf(page);
    if (!ev) return [];
    const reports: RuleReport[] = [];
    const judge = (call: TagCall, where: string, v: StaticValue) => {
      if (v.kind === 'number') {
        const text = v.raw ?? String(v.value);
        // the number literal dropped the domestic leading 0 (09012345678 → 9012345678)
        const fixed = /^[1-9]\d{8,9}$/.test(text) ? toE164(`0${text}`) : toE164(text);
        reports.push({
          messageId: 'number',
          data: { where, value: ctx.masker.show(text), suggestion: fixed ? ctx.masker.show(fixed) : '—' },
          evidence: [callEvidence(ctx, call, [ctx.masker.mask(text)], where)],
        });
        return;
      }
      if (v.kind !== 'string' || v.value.trim() === '' || isE164(v.value)) return;
      const fixed = toE164(v.value);
      reports.push({
        // only a Japanese number's country is known (+81); any other is asked for, never guessed
        ...(!fixed && /^\+?\d{7,15}$/.test(v.value.normalize('NFKC').replace(/[\s\-‐－()（）.]/g, '')) ? { messageId: 'unknown-country' } : {}),
        data: { where, value: ctx.masker.show(v.value), suggestion: fixed ? ctx.masker.show(fixed) : '—' },
        evidence: [callEvidence(ctx, call, [ctx.masker.mask(v.value)], where)],
      });
    };
    for (const call of userCalls(ev)) {
      for (const e of profileEntries(call)) if (e.key === 'mobileNumber') judge(call, `${e.container}.mobileNumber`, e.value);
      // older snippets put mobileNumber at the top level of the boot option
      const top = entry(optionOf(call), 'mobileNumber');
      if (top) judge(call, 'mobileNumber', top);
    }
    return reports;
  },
};

export default rule;
