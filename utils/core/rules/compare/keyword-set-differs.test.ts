import rule from './keyword-set-differs';
import { ruleTester, snapshot } from '../rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'same names in another order', compare: { a: snapshot({ pages: [{ tag: { keywords: ['name', 'customer_id'] } }] }), b: snapshot({ pages: [{ tag: { keywords: ['customer_id', 'name'] } }] }) } },
    { name: 'one side has no tag', compare: { a: snapshot(), b: snapshot({ pages: [{ tag: null }] }) } },
  ],
  invalid: [
    {
      name: 'production lacks name',
      compare: { a: snapshot({ pages: [{ tag: { keywords: ['customer_id', 'name'] } }] }), b: snapshot() },
      errors: [{ severity: 'warning', data: { onlyA: 'name', onlyB: '—' } }],
    },
  ],
});
