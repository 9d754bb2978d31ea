import { renderValue } from '../../channeltalk/render';
import { isPersonalKey } from '../../channeltalk/schema';
import { profileEntries } from '../../channeltalk/values';
import type { Rule, RuleReport } from '../types';
import { DOC_001, callEvidence, evidenceOf, userCalls } from './_shared';

/**
 * 001 データタイプ (Boolean / String / Number / Date / Datetime / List): a profile value is one of
 * those. An object, a function, or a list holding anything but strings cannot be stored.
 */
const rule: Rule = {
  scope: 'page',
  meta: {
    id: 'channeltalk/profile-value-type',
    severity: 'error',
    title: { ja: 'プロフィール値の型が使えません', en: 'Profile value of an unusable type' },
    messages: {
      object: {
        ja: 'profile の {key} にオブジェクト（{value}）が指定されています。顧客プロフィールの値は Boolean・String・Number・Date・Datetime・List のどれかで、入れ子のオブジェクトは保存できません。',
        en: 'profile {key} is an object ({value}). Profile values are Boolean, String, Number, Date, Datetime or List; nested objects cannot be stored.',
      },
      function: {
        ja: 'profile の {key} に関数が指定されています。関数の結果ではなく関数そのものが渡されているため、値は保存されません。',
        en: 'profile {key} is a function: the function itself is passed instead of its result, so nothing is stored.',
      },
      'list-item': {
        ja: 'profile の {key} はリストですが、文字列以外の要素（{kinds}）が含まれています。List タイプはタグのような文字列のリストです。',
        en: 'profile {key} is a list holding items that are not strings ({kinds}). The List type is a list of strings, like tags.',
      },
    },
    fix: {
      ja: '{key} は文字列・数値・真偽値、または文字列の配列で送信してください。入れ子の項目は camelCase のキーに分けて送信してください（例: address の city → addressCity）。関数は呼び出した結果を渡してください。',
      en: 'Send {key} as a string, number, boolean or array of strings. Split nested fields into separate camelCase keys (e.g. city inside address → addressCity); pass a function’s result, not the function.',
    },
    source: { doc: DOC_001, section: 'データタイプ' },
    requires: ['channeltalk-tag'],
  },
  check(ctx, page) {
    const ev = evidenceOf(page);
    if (!ev) return [];
    const reports: RuleReport[] = [];
    for (const call of userCalls(ev)) {
      for (const e of profileEntries(call)) {
        const shown = renderValue(e.value, ctx.masker, isPersonalKey(e.key)).slice(0, 120);
        const evidence = [callEvidence(ctx, call, undefined, `${e.container}.${e.key}`)];
        if (e.value.kind === 'object') {
          reports.push({ messageId: 'object', data: { key: e.key, value: shown }, evidence });
        } else if (e.value.kind === 'function') {
          reports.push({ messageId: 'function', data: { key: e.key }, evidence });
        } else if (e.value.kind === 'array') {
          const kinds = [...new Set(e.value.items.map((i) => i.kind).filter((k) => k !== 'string' && k !== 'unknown'))];
          if (kinds.length > 0) reports.push({ messageId: 'list-item', data: { key: e.key, kinds: kinds.join(', ') }, evidence });
        }
      }
    }
    return reports;
  },
};

export default rule;
