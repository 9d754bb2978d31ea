import rule from './profile-value-type';
import { ruleTester } from '../rule-tester';
import { PLUGIN_KEY, profilePage, runtimePage, snippet, updateUserPage } from './_cases';

ruleTester(rule, {
  valid: [
    { name: 'string, number, boolean, null', page: profilePage({ memberRank: 'gold', points: 120, newsletter: true, memo: null }) },
    { name: 'list of strings (List type)', page: profilePage({ interests: ['shoes', 'bags'] }) },
    { name: 'list built at run time', page: snippet(`ChannelIO('boot', { pluginKey: '${PLUGIN_KEY}', profile: { interests: [user.a, user.b] } });`) },
    { name: 'empty list', page: profilePage({ interests: [] }) },
  ],
  invalid: [
    { name: 'nested object', page: profilePage({ address: { city: '東京都', zip: '100-0001' } }), errors: [{ messageId: 'object', severity: 'error', data: { key: 'address' } }] },
    { name: 'function', page: snippet(`ChannelIO('boot', { pluginKey: '${PLUGIN_KEY}', profile: { fullName: function () { return user.name; } } });`), errors: [{ messageId: 'function', data: { key: 'fullName' } }] },
    { name: 'arrow function', page: snippet(`ChannelIO('boot', { pluginKey: '${PLUGIN_KEY}', profile: { points: () => 1 } });`), errors: [{ messageId: 'function' }] },
    { name: 'list of numbers', page: profilePage({ orderIds: [1001, 1002] }), errors: [{ messageId: 'list-item', data: { kinds: 'number' } }] },
    { name: 'list of objects', page: updateUserPage({ profile: { items: [{ sku: 'A' }, 'B'] } }), errors: [{ messageId: 'list-item', data: { kinds: 'object' } }] },
    {
      name: 'probe saw a nested object under a personal key (masked)',
      page: runtimePage([['boot', { pluginKey: PLUGIN_KEY, profile: { name: { first: 'Hanako', last: 'Suzuki' } } }]]),
      errors: [{ messageId: 'object', source: 'runtime' }],
      hidden: ['Hanako', 'Suzuki'],
    },
  ],
});
