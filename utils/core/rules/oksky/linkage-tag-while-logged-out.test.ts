import rule from './linkage-tag-while-logged-out';
import { expr, queueTag, ruleTester } from '../rule-tester';

const linkage = (v: Parameters<typeof queueTag>[0] extends infer _T ? string | ReturnType<typeof expr> : never) =>
  queueTag({ loginKey: 'customer_id', keywords: [['customer_id', v]] });

ruleTester(rule, {
  valid: [
    { name: 'logged out with the plain tag', page: { state: 'logged-out', staticTags: [queueTag()] } },
    { name: 'logged in with linkage', page: { state: 'logged-in', staticTags: [linkage('A1234567')] } },
    { name: 'unknown state', page: { staticTags: [linkage('')] }, expect: 'not-applicable', missing: ['login-state'] },
  ],
  invalid: [
    { name: 'empty value', page: { state: 'logged-out', staticTags: [linkage('')] }, errors: [{ messageId: 'empty', severity: 'warning' }] },
    {
      name: 'placeholder value',
      page: { state: 'logged-out', staticTags: [linkage('xxxxx')] },
      errors: [{ messageId: 'placeholder', data: { value: 'xxxxx' } }],
    },
    {
      name: 'a stale member value is masked',
      page: { state: 'logged-out', staticTags: [linkage('A1234567')] },
      errors: [{ messageId: 'value', data: { value: '"A1****67"' } }],
      hidden: ['A1234567'],
    },
    { name: 'run-time expression', page: { state: 'logged-out', staticTags: [linkage(expr('user.id'))] }, errors: [{ messageId: 'value', data: { value: 'user.id' } }] },
    {
      name: 'loginKey without a keyword value',
      page: { state: 'logged-out', staticTags: [queueTag({ loginKey: 'customer_id' })] },
      errors: [{ messageId: 'linkage', data: { names: 'loginKey' } }],
    },
  ],
});
