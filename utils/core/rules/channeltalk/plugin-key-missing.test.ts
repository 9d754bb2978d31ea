import rule from './plugin-key-missing';
import { ruleTester } from '../rule-tester';
import { PLUGIN_KEY, bootPage, ctPage, runtimePage, snippet } from './_cases';

ruleTester(rule, {
  valid: [
    { name: 'boot with a plugin key', page: bootPage({ pluginKey: PLUGIN_KEY }) },
    { name: 'plugin key from a run-time value (cannot tell)', page: snippet('ChannelIO("boot", { pluginKey: window.CH_KEY });') },
    { name: 'boot option from a spread (cannot tell)', page: snippet('ChannelIO("boot", { ...window.chSettings, memberId: "M1" });') },
    { name: 'boot option held in a variable set once', page: snippet(`var settings = { pluginKey: "${PLUGIN_KEY}" };\nChannelIO('boot', settings);`) },
    { name: 'boot option passed through a mutated variable (cannot tell)', page: snippet('var s = {};\ns.pluginKey = key;\nChannelIO("boot", s);') },
    { name: 'the probe saw a boot with a key', page: runtimePage([['boot', { pluginKey: PLUGIN_KEY }]]) },
    { name: 'no Channel Talk on the page', page: ctPage({ scripts: ['console.log(1)'] }), expect: 'not-applicable', missing: ['channeltalk-tag'] },
  ],
  invalid: [
    { name: 'boot without pluginKey', page: bootPage({ memberId: 'M00012345' }), errors: [{ severity: 'error', data: { call: "ChannelIO('boot', …)" }, source: 'static' }], hidden: ['M00012345'] },
    { name: 'boot without any option', page: snippet("ChannelIO('boot');"), errors: [{}] },
    { name: 'pluginKey undefined', page: snippet('ChannelIO("boot", { pluginKey: undefined });'), errors: [{}] },
    { name: 'pluginKey empty', page: bootPage({ pluginKey: '' }), errors: [{ messageId: 'empty' }] },
    { name: 'pluginKey white space', page: bootPage({ pluginKey: ' \u3000' }), errors: [{ messageId: 'empty' }] },
    { name: "the install guide's sample YOUR_PLUGIN_KEY", page: bootPage({ pluginKey: 'YOUR_PLUGIN_KEY' }), errors: [{ messageId: 'placeholder', data: { match: 'YOUR_PLUGIN_KEY' } }] },
    { name: 'unexpanded template', page: bootPage({ pluginKey: '{{ channel_plugin_key }}' }), errors: [{ messageId: 'placeholder', data: { match: '{{' } }] },
    {
      name: 'SDK loader boot without pluginKey',
      page: ctPage({ scripts: ["import * as ChannelService from '@channel.io/channel-web-sdk-loader';\nChannelService.loadScript();\nChannelService.boot({ memberId: 'M1' });"] }),
      errors: [{ data: { call: 'ChannelService.boot(…)' } }],
    },
    { name: 'the probe saw a boot without key', page: runtimePage([['boot', { language: 'ja' }]]), errors: [{ source: 'runtime' }] },
  ],
});
