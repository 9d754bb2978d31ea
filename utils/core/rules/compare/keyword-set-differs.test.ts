import rule from './keyword-set-differs';
import { ruleTester, snapshot } from '../rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'same names in another order', compare: { a: snapshot({ pages: [{ tag: { keywords: ['name', 'customer_id'] } }] }), b: snapshot({ pages: [{ tag: { keywords: ['customer_id', 'name'] } }] }) } },
    { name: 'one side has no tag', compare: { a: snapshot(), b: snapshot({ pages: [{ tag: null }] }) } },
    {
      // issue 9: logged out, the plain tag has no master keywords, and that is right (000)
      name: 'one environment, logged in ⇄ logged out: the logged-out plain tag has no keywords',
      compare: {
        a: snapshot({ env: 'production', pages: [{ state: 'logged-in', tag: { keywords: ['customer_id', 'name'] } }] }),
        b: snapshot({ env: 'production', pages: [{ state: 'logged-out', tag: { loginKeys: [], keywords: [], linkage: false } }] }),
      },
    },
    {
      name: 'overall pair: logged-out pages are left out, the logged-in keywords agree',
      compare: {
        a: snapshot({ env: 'staging', pages: [{ state: 'logged-in' }, { state: 'logged-out', tag: { loginKeys: [], keywords: [], linkage: false } }] }),
        b: snapshot({ env: 'production', pages: [{ state: 'logged-in' }, { state: 'logged-out', tag: { keywords: ['customer_id', 'name'] } }] }),
      },
    },
  ],
  invalid: [
    {
      name: 'production lacks name',
      compare: { a: snapshot({ pages: [{ tag: { keywords: ['customer_id', 'name'] } }] }), b: snapshot() },
      errors: [{ severity: 'warning', data: { onlyA: 'name', onlyB: '—' } }],
    },
    {
      name: 'overall pair: the logged-in pages differ, whatever the logged-out pages do',
      compare: {
        a: snapshot({ env: 'staging', pages: [{ state: 'logged-in', tag: { keywords: ['customer_id', 'name'] } }, { state: 'logged-out', tag: { loginKeys: [], keywords: [], linkage: false } }] }),
        b: snapshot({ env: 'production', pages: [{ state: 'logged-in' }, { state: 'logged-out', tag: { loginKeys: [], keywords: [], linkage: false } }] }),
      },
      errors: [{ data: { a: 'A (staging)', b: 'B (production)', onlyA: 'name' } }],
    },
    {
      name: 'login state unknown on both sides (CLI snapshots): compared',
      compare: { a: snapshot({ pages: [{ state: 'unknown', tag: { keywords: ['customer_id', 'name'] } }] }), b: snapshot({ pages: [{ state: 'unknown' }] }) },
      errors: [{ data: { onlyA: 'name' } }],
    },
  ],
});
