import { isPlaceholder } from '../../placeholder';
import type { Rule, RuleReport } from '../types';
import { DOC_000, callEvidence, clip, executedTags, globalName, identifyingKeywords, personalValues } from './_shared';

/**
 * 000 「ID連携の「値」が正しく連携されていない」: the tag still carries the sample value or an
 * unexpanded template instead of the logged-in member's value.
 */
const rule: Rule = {
  scope: 'page',
  meta: {
    id: 'oksky/login-value-placeholder',
    severity: 'error',
    title: { ja: '来訪者を識別する値が仮の値のままです', en: 'The identifying value is a placeholder' },
    messages: {
      default: {
        ja: 'loginKey「{keyword}」の値が「{value}」になっています。これは会員の値ではなく、{kindJa}です。ID連携の「値」が正しく連携されていないため、この値を持つ来訪者はすべて同じ来訪者（同じルーム）として扱われてしまいます。変数で設定した値がちゃんと連携されているかをご確認下さい。',
        en: 'The value of the loginKey keyword "{keyword}" is "{value}". That is not a member\'s value but {kindEn}. The linkage value is not wired, so every visitor with this value is treated as the same visitor (the same room). Check that the variable really holds the member\'s value.',
      },
      /** the SDK form (`new OkskyChat(…, { login: {…} })`): the fix is written in that form */
      sdk: {
        ja: 'login の「{keyword}」の値が「{value}」になっています。これは会員の値ではなく、{kindJa}です。ID連携の「値」が正しく連携されていないため、この値を持つ来訪者はすべて同じ来訪者（同じルーム）として扱われてしまいます。変数で設定した値がちゃんと連携されているかをご確認下さい。',
        en: 'The value of "{keyword}" in login is "{value}". That is not a member\'s value but {kindEn}. The linkage value is not wired, so every visitor with this value is treated as the same visitor (the same room). Check that the variable really holds the member\'s value.',
      },
    },
    fixes: {
      sdk: {
        ja: 'サンプルの値やテンプレートの記述を、ログインした会員の値（会員No. など）に置き換えてください。\nnew {global}(WIDGET_ID, SYSTEM_URL, { login: { {keyword}: "<ログインした会員の値>" } });',
        en: 'Replace the sample value or template text with the logged-in member\'s value (member number etc.):\nnew {global}(WIDGET_ID, SYSTEM_URL, { login: { {keyword}: "<the member\'s value>" } });',
      },
    },
    fix: {
      ja: 'サンプルの値やテンプレートの記述を、ログインした会員の値（会員No. など）に置き換えてください。\n{global}("{keyword}", "<ログインした会員の値>");',
      en: 'Replace the sample value or template text with the logged-in member\'s value (member number etc.):\n{global}("{keyword}", "<the member\'s value>");',
    },
    source: { doc: DOC_000, section: '「値」が正しく連携されていない' },
    requires: ['oksky-tag'],
  },
  check(ctx, page) {
    if (!page || page.state === 'logged-out') return [];
    const reports: RuleReport[] = [];
    for (const tag of executedTags(page).tags) {
      for (const { name, keyword } of identifyingKeywords(tag)) {
        if (!keyword) continue;
        const v = keyword.value;
        const text = v.kind === 'string' ? v.value : v.kind === 'number' ? (v.raw ?? String(v.value)) : undefined;
        if (text === undefined) continue;
        const match = isPlaceholder(text);
        if (!match || match.kind === 'empty') continue;
        reports.push({
          ...(tag.form === 'sdk' ? { messageId: 'sdk' } : {}),
          data: {
            keyword: name,
            value: clip(text, 80),
            kind: match.kind,
            kindJa: KIND_JA[match.kind],
            kindEn: KIND_EN[match.kind],
            global: globalName(tag),
          },
          evidence: [callEvidence(ctx, keyword.call, personalValues([tag]))],
        });
      }
    }
    return reports;
  },
};

const KIND_JA: Record<string, string> = {
  template: '展開されていないテンプレートの記述',
  'mask-run': '伏せ字（x や * の並び）',
  'japanese-word': '説明用の文言',
  sample: '資料のサンプル値',
};
const KIND_EN: Record<string, string> = {
  template: 'unexpanded template syntax',
  'mask-run': 'a run of x or * characters',
  'japanese-word': 'a placeholder word',
  sample: "the documents' sample value",
};

export default rule;
