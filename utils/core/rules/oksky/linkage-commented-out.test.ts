import rule from './linkage-commented-out';
import { queueTag, ruleTester } from '../rule-tester';

const commentedTag = () =>
  queueTag({ key: 'kobuna-s-001-ED70F4289B17AA9F', host: 'kobuna-s-001.oksky-chat.net', commented: [['loginKey', 'customer_id'], ['customer_id', '0292564']] });

ruleTester(rule, {
  valid: [
    { name: 'live linkage', page: { staticTags: [queueTag({ loginKey: 'customer_id', keywords: [['customer_id', 'A1']] })] } },
    { name: 'plain tag without comments', page: { staticTags: [queueTag()] } },
    {
      name: 'a commented copy beside the live linkage',
      page: { staticTags: [queueTag({ loginKey: 'customer_id', keywords: [['customer_id', 'A1']], commented: [['loginKey', 'customer_id']] })] },
    },
    {
      name: 'the probe saw a tag manager send the linkage',
      page: {
        staticTags: [commentedTag()],
        runtimeTags: [queueTag({ origin: 'runtime', loginKey: 'customer_id', keywords: [['customer_id', 'A1']] })],
      },
    },
    { name: 'only the key commented out', page: { staticTags: [queueTag({ commented: [['key', 'kobuna-s-001-OLD0000000']] })] } },
  ],
  invalid: [
    {
      name: "000's logged-out example on a logged-out page: info",
      page: { state: 'logged-out', staticTags: [commentedTag()] },
      errors: [{ messageId: 'logged-out', severity: 'info', source: 'static', data: { names: 'loginKey, customer_id' } }],
      hidden: ['0292564'],
    },
    {
      name: 'logged in: warning',
      page: { state: 'logged-in', staticTags: [commentedTag()] },
      errors: [{ messageId: 'default', severity: 'warning' }],
      hidden: ['0292564'],
    },
    {
      name: 'unknown state: warning, never an error',
      page: { state: 'unknown', staticTags: [commentedTag()] },
      errors: [{ messageId: 'default', severity: 'warning', data: { uncommentedJa: 'OkskyChat("loginKey", "customer_id");\nOkskyChat("customer_id", "<ログインした会員の値>");' } }],
    },
  ],
});
