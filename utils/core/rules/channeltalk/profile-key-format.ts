import { isReadOnlyProfileKey } from '../../channeltalk/schema';
import { checkProfileKey, profileEntries } from '../../channeltalk/values';
import type { Rule, RuleReport } from '../types';
import { DOC_001, callEvidence, evidenceOf, userCalls } from './_shared';

const KIND_LABEL: Record<string, string> = {
  space: 'space',
  hyphen: 'kebab-case (-)',
  'snake-case': 'snake_case (_)',
  dot: 'dot (.)',
  'upper-first': 'PascalCase',
  'digit-first': 'leading digit',
  symbol: 'symbol',
};

/**
 * 001 データキー (分かりやすい任意の英字 / 数字の値) and the SDK types ("Field names must be in
 * camelCase"): a profile key in Japanese, with spaces, hyphens or snake_case does not match the
 * customer-profile fields set up in Channel Talk.
 */
const rule: Rule = {
  scope: 'page',
  meta: {
    id: 'channeltalk/profile-key-format',
    severity: 'warning',
    title: { ja: 'プロフィールのデータキーが camelCase の英数字ではありません', en: 'Profile key is not camelCase ASCII' },
    messages: {
      default: {
        ja: 'profile のデータキー「{key}」が camelCase の英字・数字ではありません（{kind}）。データキーは camelCase で指定する必要があり、このままでは [顧客プロフィール情報] に追加した項目と一致せず、値が表示・活用されません。',
        en: 'The profile key "{key}" is not camelCase letters and digits ({kind}). Keys must be camelCase; as written it does not match the customer-profile field set up in Channel Talk, and the value is not shown or usable.',
      },
      japanese: {
        ja: 'profile のデータキー「{key}」に日本語（英数字以外の文字）が使われています。データキーは分かりやすい英字 / 数字の値（camelCase）にしてください。日本語の名前は [顧客プロフィール情報] の「表示名」に設定します。',
        en: 'The profile key "{key}" contains Japanese (non-ASCII) characters. Keys must be plain letters and digits in camelCase; the Japanese name belongs in the field’s display name in Channel Talk.',
      },
      'profile-prefix': {
        ja: 'profile のデータキー「{key}」に「profile.」が付いています。001 の表のデータキー（profile.email など）は、インストールスクリプトでは profile オブジェクトの中のキー（email）として書きます。',
        en: 'The profile key "{key}" starts with "profile.". The data keys of the customer-data table (profile.email, …) are written inside the profile object without the prefix (email).',
      },
    },
    fix: {
      ja: 'データキーを camelCase の英数字に変更し、同じキーを [チャネル設定] - [基本設定] - [顧客プロフィール情報] に追加してください。候補: {suggestion}',
      en: 'Rename the key to camelCase letters and digits and add the same key under Channel settings > General > Customer profile. Suggested: {suggestion}',
    },
    fixes: {
      japanese: {
        ja: '分かりやすい英字 / 数字の camelCase のキー（例: memberRank）に変更し、[顧客プロフィール情報] で表示名を「{key}」にしてください。',
        en: 'Use a plain camelCase key (e.g. memberRank) and set "{key}" as the field’s display name under Customer profile.',
      },
    },
    source: { doc: DOC_001, section: 'データキー' },
    requires: ['channeltalk-tag'],
  },
  check(ctx, page) {
    const ev = evidenceOf(page);
    if (!ev) return [];
    const reports: RuleReport[] = [];
    for (const call of userCalls(ev)) {
      for (const e of profileEntries(call)) {
        if (isReadOnlyProfileKey(e.key)) continue; // read-only-key-sent explains those
        const v = checkProfileKey(e.key);
        if (!v) continue;
        const evidence = [callEvidence(ctx, call, undefined, `${e.container}: "${e.key}"`)];
        if (v.problem === 'non-ascii') reports.push({ messageId: 'japanese', data: { key: e.key }, evidence });
        else if (v.problem === 'profile-prefix') reports.push({ messageId: 'profile-prefix', data: { key: e.key, suggestion: v.suggestion ?? '—' }, evidence });
        else reports.push({ data: { key: e.key, kind: KIND_LABEL[v.problem] ?? v.problem, suggestion: v.suggestion ?? 'memberRank' }, evidence });
      }
    }
    return reports;
  },
};

export default rule;
