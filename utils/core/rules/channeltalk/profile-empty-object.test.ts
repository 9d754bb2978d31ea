import rule from './profile-empty-object';
import { ruleTester } from '../rule-tester';
import { PLUGIN_KEY, runtimePage, snippet, updateUserPage } from './_cases';

ruleTester(rule, {
  valid: [
    { name: 'profile with a field', page: updateUserPage({ profile: { memberRank: 'gold' } }) },
    { name: 'profile: null resets (allowed)', page: updateUserPage({ profile: null }) },
    { name: 'no profile', page: updateUserPage({ tags: ['vip'] }) },
    { name: 'profile from a spread (cannot tell)', page: snippet(`ChannelIO('boot', { pluginKey: '${PLUGIN_KEY}' });\nChannelIO('updateUser', { profile: { ...extra } });`) },
    { name: 'empty profile in boot is not updateUser', page: snippet(`ChannelIO('boot', { pluginKey: '${PLUGIN_KEY}', profile: {} });`) },
  ],
  invalid: [
    { name: 'updateUser with profile: {}', page: updateUserPage({ profile: {} }), errors: [{ severity: 'warning', source: 'static' }] },
    {
      name: 'SDK loader updateUser',
      page: snippet("import * as ChannelService from '@channel.io/channel-web-sdk-loader';\nChannelService.updateUser({ profile: {}, language: 'ja' });"),
      errors: [{}],
    },
    { name: 'runtime', page: runtimePage([['updateUser', { profile: {} }]]), errors: [{ source: 'runtime' }] },
  ],
});
