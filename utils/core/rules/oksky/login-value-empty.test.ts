import rule from './login-value-empty';
import { queueTag, ruleTester, sdkTag, expr } from '../rule-tester';

const tag = (v: Parameters<typeof queueTag>[0] extends infer T ? T : never) => queueTag(v);

ruleTester(rule, {
  valid: [
    { name: 'a real value', page: { state: 'logged-in', staticTags: [tag({ loginKey: 'customer_id', keywords: [['customer_id', 'A1234567']] })] } },
    { name: 'a run-time expression cannot be judged', page: { staticTags: [tag({ loginKey: 'customer_id', keywords: [['customer_id', expr('user.id')]] })] } },
    { name: 'an empty non-identifying keyword', page: { staticTags: [tag({ loginKey: 'customer_id', keywords: [['customer_id', 'A1'], ['name', '']] })] } },
    {
      name: 'logged-out pages are for oksky/linkage-tag-while-logged-out',
      page: { state: 'logged-out', staticTags: [tag({ loginKey: 'customer_id', keywords: [['customer_id', '']] })] },
    },
    { name: 'no tag', page: {}, expect: 'not-applicable', missing: ['oksky-tag'] },
  ],
  invalid: [
    {
      name: 'empty string',
      page: { state: 'logged-in', staticTags: [tag({ loginKey: 'customer_id', keywords: [['customer_id', '']] })] },
      errors: [{ severity: 'error', data: { keyword: 'customer_id', shown: '""' }, source: 'static' }],
    },
    {
      name: 'full-width space only (U+3000)',
      page: { staticTags: [tag({ loginKey: 'customer_id', keywords: [['customer_id', '\u3000']] })] },
      errors: [{ data: { shown: '"\u3000"' } }],
    },
    {
      name: 'the string "undefined" from a template',
      page: { runtimeTags: [tag({ origin: 'runtime', loginKey: 'customer_id', keywords: [['customer_id', 'undefined']] })] },
      errors: [{ data: { shown: '"undefined"' }, source: 'runtime' }],
    },
    {
      name: 'null literal',
      page: { staticTags: [tag({ loginKey: 'customer_id', keywords: [['customer_id', null]] })] },
      errors: [{ data: { shown: 'null' } }],
    },
    {
      name: 'SDK login with NaN',
      page: { staticTags: [sdkTag({ login: { customer_id: { kind: 'number', value: NaN, raw: 'NaN' } } })] },
      errors: [{ data: { shown: 'NaN' } }],
    },
  ],
});
