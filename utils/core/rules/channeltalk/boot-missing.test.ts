import rule from './boot-missing';
import { ruleTester } from '../rule-tester';
import { LOADER_SNIPPET, PLUGIN_KEY, bootPage, ctPage, runtimePage, snippet } from './_cases';

ruleTester(rule, {
  valid: [
    { name: 'snippet and boot', page: bootPage({ pluginKey: PLUGIN_KEY }) },
    { name: 'boot in a later inline script', page: ctPage({ scripts: [LOADER_SNIPPET, `ChannelIO('boot', { pluginKey: '${PLUGIN_KEY}' });`] }) },
    { name: 'the probe saw boot', page: runtimePage([['boot', { pluginKey: PLUGIN_KEY }], ['showMessenger']]) },
    {
      name: 'only the plugin script URL is known (boot may be in an external bundle)',
      page: ctPage({ scriptUrls: ['https://cdn.channel.io/plugin/ch-plugin-web.js'] }),
    },
    { name: 'no Channel Talk', page: ctPage({ scripts: ['var a = 1;'] }), expect: 'not-applicable', missing: ['channeltalk-tag'] },
  ],
  invalid: [
    { name: 'the snippet without boot', page: snippet(''), errors: [{ messageId: 'static', severity: 'warning', data: { how: 'ch-plugin-web.js snippet' }, source: 'static' }] },
    {
      name: 'boot commented out',
      page: snippet(`// ChannelIO('boot', { pluginKey: '${PLUGIN_KEY}' });\nChannelIO('showMessenger');`),
      errors: [{ messageId: 'static' }],
    },
    {
      name: 'SDK loader loadScript without boot',
      page: ctPage({ scripts: ["import * as ChannelService from '@channel.io/channel-web-sdk-loader';\nChannelService.loadScript();"] }),
      // the fix is written in the loader package's form (ChannelService.boot), not ChannelIO('boot')
      errors: [{ messageId: 'static-loader', data: { service: 'ChannelService' } }],
    },
    {
      name: 'the source boots but the probe saw no boot run',
      page: ctPage({ scripts: [`${LOADER_SNIPPET}\nif (false) ChannelIO('boot', { pluginKey: '${PLUGIN_KEY}' });`], runtime: [['track', 'PageView']] }),
      errors: [{ messageId: 'runtime', data: { commands: 'track' }, source: 'runtime' }],
    },
  ],
});
