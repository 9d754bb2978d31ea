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
      /** the loader package (`@channel.io/channel-web-sdk-loader`): the fix is written in its form */
      'static-loader': {
        ja: 'ソースには SDK ローダーパッケージによるチャネルトークの読み込み（{how}）がありますが、{service}.boot の呼び出しが見つかりません。boot しないとチャネルボタンは表示されず、顧客データも連携されません。boot を別のファイルで呼んでいる場合は、そのファイルも確認してください。',
        en: 'The source loads Channel Talk through the SDK loader package ({how}) but no {service}.boot call was found. Without boot there is no channel button and no customer data is linked. If boot is called from another file, check that file too.',
      },
    },
    fixes: {
      'static-loader': {
        ja: 'loadScript のあとで boot を呼び出してください。\n{service}.boot({ pluginKey: \'（プラグインキー）\', memberId: （会員ID） });',
        en: "Call boot after loadScript:\n{service}.boot({ pluginKey: '(your plugin key)', memberId: (member id) });",
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
    // a script that does not parse: its syntax error is the finding; a boot may be in the text the parser could not read
    if (ev.syntaxErrors.length > 0) return [];
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
    // the fix line in the form the source uses: the loader package's `ChannelService.boot`, not the snippet's ChannelIO('boot')
    if (inline.every((l) => l.form === 'sdk-loader')) {
      const service = ev.staticCalls.find((c) => c.form === 'sdk-loader' && c.global && /^[A-Za-z_$][\w$]*$/.test(c.global))?.global ?? 'ChannelService';
      return [{ messageId: 'static-loader', data: { how, service }, evidence }];
    }
    return [{ messageId: 'static', data: { how }, evidence }];
  },
};

export default rule;
