/**
 * Every OK SKY rule on arbitrary evidence: never throws, never reports an undeclared message or
 * misses placeholder data (strict rendering in both languages), never fires an error from a rule
 * that needs the state on a page whose state is unknown, and never shows a member value in clear.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LoginState, StaticValue } from '../model';
import { renderReport, runRules } from './engine';
import { okskyRules } from './oksky';
import { loginRequest, num, queueTag, ruleContext, sdkTag, widgetRequest, type PageSpec } from './rule-tester';

const SECRET = 'Q9Z8Y7X6W5';

const value: fc.Arbitrary<StaticValue> = fc.oneof(
  fc.constantFrom<StaticValue>(
    { kind: 'string', value: SECRET },
    { kind: 'string', value: '' },
    { kind: 'string', value: 'xxxxx' },
    { kind: 'string', value: `${SECRET}\u3000` },
    { kind: 'null' },
    { kind: 'undefined' },
    { kind: 'unknown', raw: 'user.id' },
    num('012345'),
    num('12345678901234567'),
  ),
  fc.string({ maxLength: 12 }).map((s): StaticValue => ({ kind: 'string', value: s })),
);

const name = fc.constantFrom('customer_id', 'custmer_id', 'Customer_ID', 'name', 'email', 'member_no', '');

const tag = fc.oneof(
  fc.record({
    origin: fc.constantFrom('static' as const, 'runtime' as const),
    host: fc.constantFrom('kobuna-s-001.okskychat.net', 'kobuna-s-001.oksky-chat.net', 'other.okskychat.net', null),
    key: fc.constantFrom('kobuna-s-001-0D5ACD179B043831', 'kobuna-s-001-ED70F4289B17AA9F', null),
    loginKey: fc.option(fc.oneof(name, fc.constant('customer_id,name')), { nil: undefined }),
    keywords: fc.array(fc.tuple(name, value), { maxLength: 4 }),
    commented: fc.array(fc.constantFrom<[string, string]>(['loginKey', 'customer_id'], ['customer_id', SECRET]), { maxLength: 2 }),
    loaderCount: fc.integer({ min: 0, max: 3 }),
    smartQuotes: fc.boolean(),
  }).map((spec) => queueTag(spec)),
  fc.record({
    origin: fc.constantFrom('static' as const, 'runtime' as const),
    systemUrl: fc.constantFrom('https://a.ok-sky.com/', 'http://a.ok-sky.com', 'a.ok-sky.com'),
    login: fc.option(fc.dictionary(name, fc.constantFrom(SECRET, '', 'xxxxx'), { maxKeys: 2 }), { nil: null }),
  }).map((spec) => sdkTag(spec)),
);

const pageSpec: fc.Arbitrary<PageSpec> = fc.record({
  url: fc.constantFrom('https://shop.example.jp/', 'https://support.example.jp/faq', 'https://shop.example.com/mypage'),
  state: fc.constantFrom<LoginState>('logged-in', 'logged-out', 'unknown'),
  time: fc.integer({ min: 0, max: 100_000 }),
  staticTags: fc.array(tag, { maxLength: 2 }),
  runtimeTags: fc.option(fc.array(tag, { maxLength: 2 }), { nil: undefined }),
  syntaxErrors: fc.array(fc.record({ smartQuotes: fc.boolean(), holdsTag: fc.boolean(), lineText: fc.constant(`OkskyChat(“customer_id”, “${SECRET}”);`) }), { maxLength: 1 }),
  loginRequests: fc.array(
    fc.oneof(
      fc.constant(loginRequest('empty')),
      fc.constant(loginRequest({ customer_id: SECRET })),
      fc.constant(loginRequest({ other: SECRET })),
    ),
    { maxLength: 2 },
  ),
  widgetRequests: fc.array(fc.constantFrom(widgetRequest(), widgetRequest({ status: 404 }), widgetRequest({ error: 'net::ERR_BLOCKED_BY_CLIENT' })), { maxLength: 2 }),
});

describe('OK SKY rules on arbitrary evidence', () => {
  it('render in both languages, respect the state, mask member values', () => {
    fc.assert(
      fc.property(fc.array(pageSpec, { minLength: 1, maxLength: 4 }), (pages) => {
        const ctx = ruleContext({ pages });
        const run = runRules(okskyRules, ctx, { strict: true });
        for (const { rule, report } of run.reports) {
          const en = renderReport(rule, report, ctx, 'en');
          expect(en.title).not.toBe('');
          const page = report.pageIndex !== undefined ? ctx.pages[report.pageIndex] : undefined;
          if (rule.meta.requires.includes('login-state') && page) expect(page.state).not.toBe('unknown');
        }
        expect(JSON.stringify(run.findings)).not.toContain(SECRET);
      }),
      { numRuns: 300 },
    );
  });
});
