import rule from './query-empty-on-one-side';
import { ruleTester, snapshot } from '../rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'both ok', compare: { a: snapshot({ queries: ['ok'] }), b: snapshot({ queries: ['ok'] }) } },
    { name: 'one side has no network evidence', compare: { a: snapshot({ queries: ['ok'] }), b: snapshot() } },
    { name: 'both empty', compare: { a: snapshot({ queries: ['empty'] }), b: snapshot({ queries: ['empty'] }) } },
  ],
  invalid: [
    {
      name: 'production query empty',
      compare: { a: snapshot({ env: 'staging', queries: ['ok'] }), b: snapshot({ env: 'production', queries: ['empty', 'empty'] }) },
      errors: [{ severity: 'error', data: { full: 'A (staging)', empty: 'B (production)' }, source: 'network' }],
    },
  ],
});
