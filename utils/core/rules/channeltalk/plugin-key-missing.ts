import { entry, certainlyMissing, optionOf } from '../../channeltalk/values';
import { isEmptyValue, isPlaceholder } from '../../placeholder';
import type { Rule, RuleReport } from '../types';
import { DOC_SDK, callEvidence, callName, evidenceOf } from './_shared';

/** The official sample value of the install guide (`pluginKey: "YOUR_PLUGIN_KEY"`). */
const SAMPLE_KEY = /^YOUR[_\s-]?PLUGIN[_\s-]?KEY$/i;

/** SDK: `boot` needs the channel's plugin key; without it the SDK does not start. */
const rule: Rule = {
  scope: 'page',
  meta: {
    id: 'channeltalk/plugin-key-missing',
    severity: 'error',
    title: { ja: 'boot に pluginKey がありません', en: 'boot has no pluginKey' },
    messages: {
      default: {
        ja: '{call} に pluginKey が指定されていません。pluginKey はどのチャネルに接続するかを決める必須の値のため、チャネルトークが起動せず、チャネルボタンも表示されません。',
        en: '{call} has no pluginKey. The plugin key selects the channel and is required: Channel Talk does not start and no channel button appears.',
      },
      empty: {
        ja: '{call} の pluginKey が空です。pluginKey はどのチャネルに接続するかを決める必須の値のため、チャネルトークが起動しません。',
        en: 'The pluginKey of {call} is empty. The plugin key selects the channel and is required: Channel Talk does not start.',
      },
      placeholder: {
        ja: '{call} の pluginKey がサンプルの値（{match}）のままです。インストールスクリプトをコピーしたあと、実際のプラグインキーに置き換えられていません。',
        en: 'The pluginKey of {call} is still a sample value ({match}): the install script was copied but the real plugin key was never filled in.',
      },
    },
    fix: {
      ja: 'チャネルトークの [チャネル設定] からプラグインキーをコピーし、boot の pluginKey に指定してください。\nChannelIO(\'boot\', { pluginKey: \'（プラグインキー）\' });',
      en: "Copy the plugin key from Channel Talk's channel settings and pass it as pluginKey in boot:\nChannelIO('boot', { pluginKey: '(your plugin key)' });",
    },
    source: { doc: DOC_SDK, section: 'BootOption pluginKey' },
    requires: ['channeltalk-tag'],
  },
  check(ctx, page) {
    const ev = evidenceOf(page);
    if (!ev) return [];
    const reports: RuleReport[] = [];
    for (const call of ev.boots) {
      const option = optionOf(call);
      const data = { call: callName(call) };
      if (certainlyMissing(option, 'pluginKey')) {
        reports.push({ data, evidence: [callEvidence(ctx, call)] });
        continue;
      }
      const key = entry(option, 'pluginKey');
      if (key?.kind !== 'string') continue;
      if (isEmptyValue(key.value)) {
        reports.push({ messageId: 'empty', data, evidence: [callEvidence(ctx, call)] });
        continue;
      }
      const sample = SAMPLE_KEY.test(key.value.trim()) ? key.value.trim() : isPlaceholder(key.value)?.match;
      if (sample !== undefined) reports.push({ messageId: 'placeholder', data: { ...data, match: sample }, evidence: [callEvidence(ctx, call)] });
    }
    return reports;
  },
};

export default rule;
