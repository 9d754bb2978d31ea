import rule from './plain-tag-while-logged-in';
import { queueTag, ruleTester, sdkTag } from '../rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'logged in with linkage', page: { state: 'logged-in', staticTags: [queueTag({ loginKey: 'customer_id', keywords: [['customer_id', 'A1']] })] } },
    { name: 'logged out with the plain tag', page: { state: 'logged-out', staticTags: [queueTag()] } },
    { name: 'unknown state: not applicable', page: { state: 'unknown', staticTags: [queueTag()] }, expect: 'not-applicable', missing: ['login-state'] },
    { name: 'SDK with login', page: { state: 'logged-in', staticTags: [sdkTag({ login: { customer_id: 'A1' } })] } },
  ],
  invalid: [
    {
      name: 'logged in with the plain tag',
      page: { state: 'logged-in', staticTags: [queueTag()] },
      errors: [{ messageId: 'default', severity: 'error', source: 'static' }],
    },
    {
      name: 'the probe shows a plain tag ran although the source has linkage',
      page: {
        state: 'logged-in',
        staticTags: [queueTag({ loginKey: 'customer_id', keywords: [['customer_id', 'A1']] })],
        runtimeTags: [queueTag({ origin: 'runtime' })],
      },
      errors: [{ source: 'runtime' }],
    },
    { name: 'SDK login {}', page: { state: 'logged-in', staticTags: [sdkTag({ login: {} })] }, errors: [{ messageId: 'sdk' }] },
    { name: 'SDK without login', page: { state: 'logged-in', staticTags: [sdkTag({ login: null })] }, errors: [{ messageId: 'sdk' }] },
  ],
});
