import rule from './login-state-differs';
import { ruleTester, snapshot } from '../rule-tester';

const plain = { loginKeys: [], keywords: [], linkage: false };
const one = (env: string, state: 'logged-in' | 'logged-out' | 'unknown') =>
  snapshot({ env, pages: [{ state, tag: state === 'logged-out' ? plain : {}, queries: [state === 'logged-out' ? 'empty' : 'ok'] }] });
const both = (env: string) => snapshot({ env, pages: [{ state: 'logged-in' }, { state: 'logged-out', tag: plain }] });

ruleTester(rule, {
  valid: [
    { name: 'logged in on both sides', compare: { a: one('staging', 'logged-in'), b: one('production', 'logged-in') } },
    { name: 'logged out on both sides', compare: { a: one('staging', 'logged-out'), b: one('production', 'logged-out') } },
    { name: 'both states on both sides (the wizard\'s overall pair)', compare: { a: both('staging'), b: both('production') } },
    { name: 'one side\'s state is unknown: nothing known to differ', compare: { a: one('staging', 'logged-in'), b: one('production', 'unknown') } },
    { name: 'no snapshots', page: {}, expect: 'not-applicable', missing: ['snapshots'] },
  ],
  invalid: [
    {
      // issue 9: 本番 ログイン中 ⇄ ログアウト中 explains the difference as info
      name: 'one environment, logged in ⇄ logged out',
      compare: { a: one('production', 'logged-in'), b: one('production', 'logged-out') },
      errors: [{ severity: 'info', data: { a: 'A (production)', b: 'B (production)', aStatesJa: 'ログイン中', bStatesJa: 'ログアウト中', bStatesEn: 'logged out' } }],
    },
    {
      name: 'staging logged in ⇄ production logged out',
      compare: { a: one('staging', 'logged-in'), b: one('production', 'logged-out') },
      errors: [{ severity: 'info', data: { a: 'A (staging)', b: 'B (production)' } }],
    },
    {
      name: 'both states on one side, only logged in on the other',
      compare: { a: both('staging'), b: one('production', 'logged-in') },
      errors: [{ severity: 'info', data: { aStatesJa: 'ログイン中・ログアウト中', bStatesJa: 'ログイン中', aStatesEn: 'logged in, logged out' } }],
    },
  ],
});
