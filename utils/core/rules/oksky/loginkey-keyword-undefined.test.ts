import rule from './loginkey-keyword-undefined';
import { queueTag, ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'loginKey names a keyword with a value', page: { staticTags: [queueTag({ loginKey: 'customer_id', keywords: [['customer_id', 'A1234567']] })] } },
    {
      name: 'several loginKeys, each with a value',
      page: { staticTags: [queueTag({ loginKey: 'customer_code, name', keywords: [['customer_code', 'C-77'], ['name', 'Taro']] })] },
    },
    { name: 'no loginKey at all (another rule)', page: { staticTags: [queueTag({ keywords: [['customer_id', 'A1']] })] } },
    { name: 'no tag', page: {}, expect: 'not-applicable' },
  ],
  invalid: [
    {
      name: "000's spelling: loginKey custmer_id, keyword customer_id",
      page: { staticTags: [queueTag({ loginKey: 'custmer_id', keywords: [['customer_id', 'A1234567']] })] },
      errors: [{ messageId: 'suggest', severity: 'error', data: { loginKey: 'custmer_id', suggestion: 'customer_id' } }],
      hidden: ['A1234567'],
    },
    {
      name: 'case differs: Custmer_id vs custmer_id (000 ③)',
      page: { staticTags: [queueTag({ loginKey: 'Custmer_id', keywords: [['custmer_id', 'A1234567']] })] },
      errors: [{ messageId: 'suggest', data: { suggestion: 'custmer_id' } }],
    },
    {
      name: 'unrelated names: no suggestion',
      page: { staticTags: [queueTag({ loginKey: 'member_no', keywords: [['email', 'a@example.jp']] })] },
      errors: [{ messageId: 'default', data: { loginKey: 'member_no', defined: 'email' } }],
    },
    {
      name: 'second of two loginKeys lacks a value',
      page: { staticTags: [queueTag({ loginKey: 'customer_code,name', keywords: [['customer_code', 'C-77']] })] },
      errors: [{ messageId: 'default', data: { loginKey: 'name' } }],
    },
    {
      name: 'loginKey but no keyword call at all',
      page: { staticTags: [queueTag({ loginKey: 'customer_id' })] },
      errors: [{ messageId: 'none', data: { loginKey: 'customer_id' } }],
    },
  ],
});
