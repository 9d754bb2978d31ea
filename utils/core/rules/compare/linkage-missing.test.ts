import rule from './linkage-missing';
import { ruleTester, snapshot } from '../rule-tester';

const withLinkage = (env: string) => snapshot({ env, pages: [{ state: 'logged-in' }] });
const plain = (env: string) => snapshot({ env, pages: [{ state: 'logged-in', tag: { loginKeys: [], keywords: [], linkage: false } }] });

ruleTester(rule, {
  valid: [
    { name: 'both send linkage', compare: { a: withLinkage('staging'), b: withLinkage('production') } },
    { name: 'the other side has no logged-in page: cannot tell', compare: { a: withLinkage('staging'), b: snapshot({ pages: [{ state: 'logged-out', tag: { linkage: false, loginKeys: [] } }] }) } },
    {
      name: 'one environment, logged in ⇄ logged out (issue 9): the logged-out side has no logged-in page',
      compare: { a: withLinkage('production'), b: snapshot({ env: 'production', pages: [{ state: 'logged-out', tag: { linkage: false, loginKeys: [], keywords: [] } }] }) },
    },
    { name: 'no snapshots', page: {}, expect: 'not-applicable', missing: ['snapshots'] },
  ],
  invalid: [
    {
      name: 'staging has linkage, production the plain tag (000: 確認する場所を間違えている)',
      compare: { a: withLinkage('staging'), b: plain('production') },
      errors: [{ severity: 'error', data: { with: 'A (staging)', without: 'B (production)', count: 1 }, source: 'static' }],
    },
    { name: 'reversed', compare: { a: plain('production'), b: withLinkage('staging') }, errors: [{ data: { with: 'B (staging)', without: 'A (production)' } }] },
  ],
});
