import rule from './widget-host-mismatch';
import { queueTag, ruleTester } from '../rule-tester';

const loggedInTag = () => queueTag({ loginKey: 'customer_id', keywords: [['customer_id', 'xxxxx']] });
const loggedOutTag = () => queueTag({ host: 'kobuna-s-001.oksky-chat.net', key: 'kobuna-s-001-ED70F4289B17AA9F' });

ruleTester(rule, {
  valid: [
    { name: 'host and key of one tenant', page: { staticTags: [loggedInTag()] } },
    { name: 'same domain on every page', pages: [{ staticTags: [loggedInTag()] }, { staticTags: [queueTag()] }] },
    { name: 'unrecognised host (custom domain)', page: { staticTags: [queueTag({ host: 'chat.example.jp' })] } },
    { name: 'no tag', page: {}, expect: 'not-applicable' },
  ],
  invalid: [
    {
      name: "000's login/logout pair: okskychat.net vs oksky-chat.net",
      pages: [
        { url: 'https://shop.example.jp/mypage', state: 'logged-in', staticTags: [loggedInTag()] },
        { url: 'https://shop.example.jp/', state: 'logged-out', staticTags: [loggedOutTag()] },
      ],
      errors: [{ messageId: 'domain', severity: 'warning', pageIndex: 1, data: { domains: 'okskychat.net / oksky-chat.net', firstHost: 'kobuna-s-001.okskychat.net' } }],
    },
    {
      name: 'tenant of the host differs from the key',
      page: { staticTags: [queueTag({ host: 'other-tenant.okskychat.net' })] },
      errors: [{ messageId: 'tenant', pageIndex: 0, data: { hostTenant: 'other-tenant', keyTenant: 'kobuna-s-001' }, source: 'static' }],
    },
  ],
});
