import type { Evidence } from '../../model';
import type { Rule } from '../types';
import { DOC_SDK, callEvidence, evidenceOf } from './_shared';

/**
 * SDK: loading the SDK does nothing by itself; `boot` starts it. The page loads Channel Talk but
 * `boot` never ran (or is not in the page source).
 */
const rule: Rule = {
  scope: 'page',
  meta: {
    id: 'channeltalk/boot-missing',
    severity: 'warning',
    title: { ja: 'チャネルトークの boot が実行されていません', en: 'Channel Talk boot never ran' },
    messages: {
      runtime: {
        ja: 'ページはチャネルトークの SDK を読み込み ChannelIO を呼び出していますが（{commands}）、boot が一度も実行されていません。boot しないとチャネルボタンは表示されず、顧客データも連携されません。',
        en: 'The page loads the Channel Talk SDK and calls ChannelIO ({commands}), but boot never ran. Without boot there is no channel button and no customer data is linked.',
      },
      static: {
        ja: 'ページのソースにはチャネルトークの読み込み（{how}）がありますが、boot の呼び出しが見つかりません。boot しないとチャネルボタンは表示されず、顧客データも連携されません。boot を別の外部スクリプトで呼んでいる場合は、拡張機能でページを開いて実行時の呼び出しを確認してください。',
        en: 'The page source loads Channel Talk ({how}) but no boot call was found. Without boot there is no channel button and no customer data is linked. If boot is called from an external script, open the page with the extension to see the calls at run time.',
      },
    },
    fix: {
      ja: 'SDK の読み込みのあとで boot を呼び出してください。\nChannelIO(\'boot\', { pluginKey: \'（プラグインキー）\', memberId: （会員ID） });',
      en: "Call boot after loading the SDK:\nChannelIO('boot', { pluginKey: '(your plugin key)', memberId: (member id) });",
    },
    source: { doc: DOC_SDK, section: 'boot' },
    requires: ['channeltalk-tag'],
  },
  check(ctx, page) {
    const ev = evidenceOf(page);
    if (!ev || !ev.present || ev.boots.length > 0) return [];
    if (ev.probed) {
      const commands = [...new Set(ev.runtimeCalls.map((c) => c.name))].slice(0, 10).join(', ');
      return [{ messageId: 'runtime', data: { commands }, evidence: ev.runtimeCalls.slice(0, 5).map((c) => callEvidence(ctx, c)) }];
    }
    // statically, only a loader in the page's own scripts says the boot belongs there too
    const inline = ev.loaders.filter((l) => l.origin === 'static' && l.how !== 'script-url');
    if (inline.length === 0) return [];
    const how = [...new Set(inline.map((l) => (l.how === 'inline-snippet' ? 'ch-plugin-web.js snippet' : l.how === 'import' ? 'import @channel.io/channel-web-sdk-loader' : 'ChannelService.loadScript()')))].join(', ');
    const evidence: Evidence[] = inline.slice(0, 5).map((l) => {
      const e: Evidence = { source: 'static', text: l.url ?? l.how };
      if (l.location) e.location = l.location;
      return e;
    });
    for (const c of ev.staticCalls.slice(0, 5)) evidence.push(callEvidence(ctx, c));
    return [{ messageId: 'static', data: { how }, evidence }];
  },
};

export default rule;
