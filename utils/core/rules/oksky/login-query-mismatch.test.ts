import rule from './login-query-mismatch';
import { expr, loginRequest, queueTag, ruleTester, sdkTag } from '../rule-tester';

const linkage = (v: string | ReturnType<typeof expr> = 'A1234567') => queueTag({ loginKey: 'customer_id', keywords: [['customer_id', v]] });

ruleTester(rule, {
  valid: [
    { name: 'same keys and values', page: { staticTags: [linkage()], loginRequests: [loginRequest({ customer_id: 'A1234567' })] } },
    { name: 'run-time value: keys only', page: { staticTags: [linkage(expr('user.id'))], loginRequests: [loginRequest({ customer_id: 'B7' })] } },
    { name: 'empty query is oksky/login-query-empty', page: { staticTags: [linkage()], loginRequests: [loginRequest('empty')] } },
    { name: 'plain tag', page: { staticTags: [queueTag()], loginRequests: [loginRequest({ customer_id: 'B7' })] } },
    { name: 'SDK may add user_infos', page: { staticTags: [sdkTag({ login: { customer_id: 'A1' } })], loginRequests: [loginRequest({ customer_id: 'A1', name: 'x' })] } },
    { name: 'no network', page: { staticTags: [linkage()] }, expect: 'not-applicable', missing: ['network'] },
  ],
  invalid: [
    {
      name: 'value differs (masked)',
      page: { staticTags: [linkage()], loginRequests: [loginRequest({ customer_id: 'A1234568' })] },
      errors: [{ messageId: 'value-differs', severity: 'error', source: 'network', data: { tagValue: '"A1****67"', queryValue: '"A1****68"' } }],
      hidden: ['A1234567', 'A1234568'],
    },
    {
      name: 'other keys',
      page: { staticTags: [linkage()], loginRequests: [loginRequest({ member_no: 'A1234567' })] },
      errors: [{ messageId: 'missing-key', data: { keyword: 'customer_id' } }, { messageId: 'extra-key', data: { keyword: 'member_no' } }],
      hidden: ['A1234567'],
    },
    {
      name: 'the same difference in two requests is reported once',
      page: { staticTags: [linkage()], loginRequests: [loginRequest({ customer_id: 'Z9' }), loginRequest({ customer_id: 'Z9' })] },
      errors: [{ messageId: 'value-differs' }],
    },
  ],
});
