import rule from './member-id-missing';
import { ruleTester } from '../rule-tester';
import { PLUGIN_KEY, bootPage, runtimePage, snippet } from './_cases';

ruleTester(rule, {
  valid: [
    { name: 'member data with memberId', page: bootPage({ pluginKey: PLUGIN_KEY, memberId: 'M00012345', profile: { email: 'taro@example.jp' } }) },
    { name: 'anonymous boot (no member data)', page: bootPage({ pluginKey: PLUGIN_KEY }) },
    { name: 'profile without member fields', page: bootPage({ pluginKey: PLUGIN_KEY, profile: { utmSource: 'line' } }) },
    { name: 'empty member fields', page: bootPage({ pluginKey: PLUGIN_KEY, profile: { email: '', name: null } }) },
    { name: 'memberId from a run-time value', page: snippet(`ChannelIO('boot', { pluginKey: '${PLUGIN_KEY}', memberId: user.id, profile: { email: user.email } });`) },
    { name: 'boot option from a spread (cannot tell)', page: snippet(`ChannelIO('boot', { ...base, profile: { email: 'taro@example.jp' } });`) },
    { name: 'member: false', page: bootPage({ pluginKey: PLUGIN_KEY, profile: { member: false } }) },
  ],
  invalid: [
    {
      name: 'name, email and mobile number without memberId',
      page: bootPage({ pluginKey: PLUGIN_KEY, profile: { name: '山田 太郎', email: 'taro.yamada@example.jp', mobileNumber: '+819012345678' } }),
      errors: [{ severity: 'warning', data: { fields: 'profile.email, profile.mobileNumber, profile.name' }, source: 'static' }],
      hidden: ['taro.yamada@example.jp', '山田 太郎', '+819012345678'],
    },
    { name: 'member: true without memberId', page: bootPage({ pluginKey: PLUGIN_KEY, profile: { member: true } }), errors: [{ data: { fields: 'profile.member: true' } }] },
    { name: 'memberId: undefined', page: snippet(`ChannelIO('boot', { pluginKey: '${PLUGIN_KEY}', memberId: undefined, profile: { email: user.email } });`), errors: [{ data: { fields: 'profile.email' } }] },
    { name: 'memberId: null', page: bootPage({ pluginKey: PLUGIN_KEY, memberId: null, profile: { name: 'Taro' } }), errors: [{}], hidden: ['Taro'] },
    { name: 'top-level email (older snippets)', page: bootPage({ pluginKey: PLUGIN_KEY, email: 'taro@example.jp' }), errors: [{ data: { fields: 'email' } }], hidden: ['taro@example.jp'] },
    {
      name: 'the probe saw a boot with e-mail but no memberId',
      page: runtimePage([['boot', { pluginKey: PLUGIN_KEY, profile: { email: 'hanako@example.jp' } }]]),
      errors: [{ source: 'runtime' }],
      hidden: ['hanako@example.jp'],
    },
  ],
});
