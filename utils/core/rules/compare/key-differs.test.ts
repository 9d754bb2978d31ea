import rule from './key-differs';
import { ruleTester, snapshot } from '../rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'same key', compare: { a: snapshot(), b: snapshot() } },
    {
      name: 'one environment, logged in ⇄ logged out with the same widget key',
      compare: {
        a: snapshot({ env: 'production', pages: [{ state: 'logged-in' }] }),
        b: snapshot({ env: 'production', pages: [{ state: 'logged-out', tag: { loginKeys: [], keywords: [], linkage: false } }] }),
      },
    },
  ],
  invalid: [
    {
      name: "000's two keys",
      compare: { a: snapshot(), b: snapshot({ pages: [{ tag: { key: 'kobuna-s-001-ED70F4289B17AA9F' } }] }) },
      errors: [{ severity: 'warning', data: { aKeys: 'kobuna-s-001-0D5ACD179B043831', bKeys: 'kobuna-s-001-ED70F4289B17AA9F' } }],
    },
    {
      name: 'staging and production: may be separate widgets (a person confirms)',
      compare: { a: snapshot({ env: 'staging' }), b: snapshot({ env: 'production', pages: [{ tag: { key: 'kobuna-s-001-ED70F4289B17AA9F' } }] }) },
      errors: [{ messageId: 'default', severity: 'warning', data: { a: 'A (staging)', b: 'B (production)' } }],
    },
    {
      // 000's logged-in and logged-out tags use two keys: within one environment that splits rooms
      name: "one environment, logged in ⇄ logged out with 000's two keys: no staging/production excuse",
      compare: {
        a: snapshot({ env: 'production', pages: [{ state: 'logged-in' }] }),
        b: snapshot({ env: 'production', pages: [{ state: 'logged-out', tag: { key: 'kobuna-s-001-ED70F4289B17AA9F', loginKeys: [], keywords: [], linkage: false } }] }),
      },
      errors: [{ messageId: 'sameEnv', severity: 'warning', data: { env: 'production', aKeys: 'kobuna-s-001-0D5ACD179B043831' } }],
    },
  ],
});
