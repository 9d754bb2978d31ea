import rule from './tags-limit';
import { ruleTester } from '../rule-tester';
import { runtimePage, snippet, updateUserPage } from './_cases';

const tags = (n: number) => Array.from({ length: n }, (_, i) => `tag${i + 1}`);

ruleTester(rule, {
  valid: [
    { name: '10 tags (the limit)', page: updateUserPage({ tags: tags(10) }) },
    { name: 'tags: null resets', page: updateUserPage({ tags: null }) },
    { name: 'addTags with 10', page: snippet(`ChannelIO('addTags', ${JSON.stringify(tags(10))});`) },
    { name: 'tags from a run-time value', page: snippet('ChannelIO("updateUser", { tags: user.tags });') },
    { name: 'removeTags is not limited here', page: snippet(`ChannelIO('removeTags', ${JSON.stringify(tags(12))});`) },
  ],
  invalid: [
    { name: '11 tags in updateUser', page: updateUserPage({ tags: tags(11) }), errors: [{ severity: 'error', data: { count: 11, max: 10, call: "ChannelIO('updateUser', …)" }, source: 'static' }] },
    { name: '11 tags in addTags', page: snippet(`ChannelIO('addTags', ${JSON.stringify(tags(11))});`), errors: [{ data: { count: 11, call: "ChannelIO('addTags', …)" } }] },
    {
      name: 'SDK loader addTags',
      page: snippet(`import { addTags } from '@channel.io/channel-web-sdk-loader';\naddTags(${JSON.stringify(tags(15))});`),
      errors: [{ data: { count: 15, call: 'addTags.addTags(…)' } }],
    },
    { name: 'runtime', page: runtimePage([['updateUser', { tags: tags(20) }]]), errors: [{ data: { count: 20 }, source: 'runtime' }] },
  ],
});
