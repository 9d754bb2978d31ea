import rule from './loginkey-missing';
import { queueTag, ruleTester, sdkTag } from '../rule-tester';

ruleTester(rule, {
  valid: [
    { name: "000's correct tag (loginKey customer_id)", page: { staticTags: [queueTag({ loginKey: 'customer_id', keywords: [['customer_id', 'xxxxx']] })] } },
    { name: 'plain tag without keywords', page: { staticTags: [queueTag()] } },
    { name: 'SDK with login', page: { staticTags: [sdkTag({ login: { customer_id: 'A1234567' }, userInfos: { name: 'Taro' } })] } },
    {
      name: 'the static source lacks loginKey but the probe saw it run',
      page: {
        staticTags: [queueTag({ keywords: [['customer_id', 'A1234567']] })],
        runtimeTags: [queueTag({ origin: 'runtime', loginKey: 'customer_id', keywords: [['customer_id', 'A1234567']] })],
      },
    },
    { name: 'no tag on the page', page: {}, expect: 'not-applicable', missing: ['oksky-tag'] },
  ],
  invalid: [
    {
      name: "000's wrong tag (no loginKey)",
      page: { staticTags: [queueTag({ keywords: [['customer_id', 'A1234567']] })] },
      errors: [{ messageId: 'default', severity: 'error', data: { keywords: 'customer_id', fixLine: 'OkskyChat("loginKey", "customer_id");' }, source: 'static' }],
      hidden: ['A1234567'],
    },
    {
      name: 'loginKey given as an empty string',
      page: { staticTags: [queueTag({ loginKey: ' ', keywords: [['customer_id', 'A1234567'], ['name', 'Taro Yamada']] })] },
      errors: [{ messageId: 'empty', data: { keywords: 'customer_id, name' } }],
      hidden: ['A1234567', 'Taro Yamada'],
    },
    {
      name: 'runtime evidence wins: tag manager dropped the loginKey',
      page: {
        staticTags: [queueTag({ loginKey: 'customer_id', keywords: [['customer_id', 'A1234567']] })],
        runtimeTags: [queueTag({ origin: 'runtime', global: 'KobunaChat', keywords: [['customer_id', 'A1234567']] })],
      },
      errors: [{ data: { global: 'KobunaChat', fixLine: 'KobunaChat("loginKey", "customer_id");' }, source: 'runtime' }],
    },
    {
      name: 'SDK user_infos without login',
      page: { staticTags: [sdkTag({ login: null, userInfos: { customer_id: 'A1234567' } })] },
      errors: [{ messageId: 'sdk', data: { keywords: 'customer_id' } }],
      hidden: ['A1234567'],
    },
  ],
});
