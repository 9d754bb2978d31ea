import rule from './query-empty-on-one-side';
import { ruleTester, snapshot } from '../rule-tester';

/** The recording wizard's records: one page each, with its state and its `/login` query. */
const rec = (env: string, state: 'logged-in' | 'logged-out' | 'unknown', query: 'ok' | 'empty', plain = state === 'logged-out') =>
  snapshot({ env, pages: [{ url: `https://${env === 'staging' ? 'stg' : 'www'}.shop.example.jp/mypage`, state, tag: plain ? { loginKeys: [], keywords: [], linkage: false } : {}, queries: [query] }] });

ruleTester(rule, {
  valid: [
    { name: 'both ok', compare: { a: snapshot({ queries: ['ok'] }), b: snapshot({ queries: ['ok'] }) } },
    { name: 'one side has no network evidence', compare: { a: snapshot({ queries: ['ok'] }), b: snapshot() } },
    { name: 'both empty', compare: { a: snapshot({ queries: ['empty'] }), b: snapshot({ queries: ['empty'] }) } },
    {
      // issue 9: the wizard's 本番 ログイン中 ⇄ ログアウト中 — the empty query is the logged-out side's, and right (000)
      name: 'one environment, logged in ⇄ logged out: the logged-out empty query is right',
      compare: { a: rec('production', 'logged-in', 'ok'), b: rec('production', 'logged-out', 'empty') },
    },
    { name: 'the same, the other way round', compare: { a: rec('production', 'logged-out', 'empty'), b: rec('production', 'logged-in', 'ok') } },
    { name: 'staging logged in ⇄ production logged out: no like-with-like pair', compare: { a: rec('staging', 'logged-in', 'ok'), b: rec('production', 'logged-out', 'empty') } },
    {
      name: 'logged out on both sides, one still sends linkage: the empty side is right (the other is oksky/linkage-tag-while-logged-out)',
      compare: { a: rec('staging', 'logged-out', 'ok', false), b: rec('production', 'logged-out', 'empty') },
    },
    {
      name: 'both environments, both states (the wizard\'s overall pair), all as expected',
      compare: {
        a: snapshot({ env: 'staging', pages: [{ state: 'logged-in', queries: ['ok'] }, { state: 'logged-out', tag: { loginKeys: [], keywords: [], linkage: false }, queries: ['empty'] }] }),
        b: snapshot({ env: 'production', pages: [{ state: 'logged-in', queries: ['ok'] }, { state: 'logged-out', tag: { loginKeys: [], keywords: [], linkage: false }, queries: ['empty'] }] }),
      },
    },
    { name: 'no snapshots', page: {}, expect: 'not-applicable', missing: ['snapshots'] },
  ],
  invalid: [
    {
      name: 'production query empty',
      compare: { a: snapshot({ env: 'staging', queries: ['ok'] }), b: snapshot({ env: 'production', queries: ['empty', 'empty'] }) },
      errors: [{ severity: 'error', data: { full: 'A (staging)', empty: 'B (production)' }, source: 'network' }],
    },
    {
      name: 'logged in on both sides, production empty (000 切り分け方法)',
      compare: { a: rec('staging', 'logged-in', 'ok'), b: rec('production', 'logged-in', 'empty') },
      errors: [{ severity: 'error', data: { full: 'A (staging)', empty: 'B (production)' } }],
    },
    {
      name: 'overall pair: production\'s logged-in page is empty; its logged-out page (also empty) does not hide it',
      compare: {
        a: snapshot({ env: 'staging', pages: [{ state: 'logged-in', queries: ['ok'] }, { state: 'logged-out', queries: ['empty'] }] }),
        b: snapshot({ env: 'production', pages: [{ state: 'logged-in', queries: ['empty'] }, { state: 'logged-out', queries: ['empty'] }] }),
      },
      errors: [{ severity: 'error', data: { full: 'A (staging)', empty: 'B (production)' } }],
    },
    {
      name: 'the empty side\'s login state is unknown: a warning that says the empty query is right if it was logged out',
      compare: { a: rec('staging', 'logged-in', 'ok'), b: rec('production', 'unknown', 'empty') },
      errors: [{ messageId: 'stateUnknown', severity: 'warning', data: { full: 'A (staging)', empty: 'B (production)' }, source: 'network' }],
    },
    {
      name: 'both unknown (a CLI snapshot without --state): a warning, not an error',
      compare: { a: rec('staging', 'unknown', 'ok'), b: rec('production', 'unknown', 'empty') },
      errors: [{ messageId: 'stateUnknown', severity: 'warning' }],
    },
  ],
});
