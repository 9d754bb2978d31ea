import rule from './loginkey-differs';
import { ruleTester, snapshot } from '../rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'same loginKey', compare: { a: snapshot(), b: snapshot() } },
    { name: 'one side has none (compare/linkage-missing)', compare: { a: snapshot(), b: snapshot({ pages: [{ tag: { loginKeys: [] } }] }) } },
    {
      name: 'one environment, logged in ⇄ logged out: the plain logged-out tag has no loginKey',
      compare: {
        a: snapshot({ env: 'production', pages: [{ state: 'logged-in' }] }),
        b: snapshot({ env: 'production', pages: [{ state: 'logged-out', tag: { loginKeys: [], keywords: [], linkage: false } }] }),
      },
    },
  ],
  invalid: [
    {
      name: 'custmer_id vs customer_id',
      compare: { a: snapshot({ pages: [{ tag: { loginKeys: ['custmer_id'] } }] }), b: snapshot() },
      errors: [{ severity: 'error', data: { aKeys: 'custmer_id', bKeys: 'customer_id' } }],
    },
  ],
});
