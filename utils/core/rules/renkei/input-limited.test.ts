import { describe, expect, it } from 'vitest';
import rule from './input-limited';
import { queueTag, ruleContext, ruleTester, runRule } from '../rule-tester';
import { renderReport } from '../engine';

ruleTester(rule, {
  valid: [
    { name: 'nothing cut', page: { staticTags: [queueTag()] } },
    { name: 'a page without any tag, read whole', page: {} },
    { name: 'a session that dropped nothing', session: { dropped: { pages: 0, requests: 0 } }, page: {} },
  ],
  invalid: [
    {
      name: 'an inline script cut to the script bound',
      page: { limits: [{ kind: 'script-chars', skipped: 1_234_567, unit: 'chars', limit: 2_097_152, script: 0 }] },
      errors: [{ severity: 'info', pageIndex: 0, source: 'static', data: { kind: 'script-chars', skipped: 1_234_567 } }],
    },
    {
      name: 'HTML over the bound and too many scripts on the second page',
      pages: [
        {},
        {
          limits: [
            { kind: 'html-chars', skipped: 5_000, unit: 'chars' },
            { kind: 'scripts', skipped: 12, unit: 'items' },
          ],
        },
      ],
      errors: [
        { pageIndex: 1, data: { kind: 'html-chars', skipped: 5_000 } },
        { pageIndex: 1, data: { kind: 'scripts', skipped: 12 } },
      ],
    },
    { name: 'an older capture only marked truncated', page: { truncated: true }, errors: [{ pageIndex: 0, data: { kind: 'truncated', skipped: 0 } }] },
    {
      name: 'the session dropped its oldest pages and requests',
      session: { dropped: { pages: 3, requests: 40 } },
      page: {},
      errors: [
        { data: { kind: 'session-pages', skipped: 3 } },
        { data: { kind: 'session-requests', skipped: 40 }, source: 'network' },
      ],
    },
    {
      name: 'HAR bounds recorded on the session are not counted twice with Session.dropped',
      session: {
        dropped: { pages: 0, requests: 7 },
        limits: [
          { kind: 'har-entries', skipped: 7, unit: 'items', limit: 20_000 },
          { kind: 'body-chars', skipped: 2, unit: 'items' },
        ],
      },
      page: {},
      errors: [{ data: { kind: 'har-entries', skipped: 7 } }, { data: { kind: 'body-chars', skipped: 2 } }],
    },
    {
      name: 'Channel Talk calls over the per-page bound',
      page: { extra: { channeltalk: { truncated: true, calls: [] } } },
      errors: [{ pageIndex: 0, data: { kind: 'calls' } }],
    },
  ],
});

describe('renkei/input-limited messages', () => {
  it('says 「一部を読んでいません」 with what and how much, in both languages', () => {
    const ctx = ruleContext({ pages: [{ limits: [{ kind: 'script-chars', skipped: 1_234_567, unit: 'chars', script: 2 }] }] });
    const { reports } = runRule(rule, ctx);
    const ja = renderReport(rule, reports[0], ctx, 'ja');
    const en = renderReport(rule, reports[0], ctx, 'en');
    expect(ja.message).toContain('一部を読んでいません');
    expect(ja.message).toContain('3番目のインラインスクリプト');
    expect(ja.message).toContain('1,234,567 文字');
    expect(en.message).toContain('Part of the input was not read');
    expect(en.message).toContain('Inline script #3');
    expect(en.message).toContain('1,234,567 characters');
    expect(ja.page).toBe(ctx.pages[0].page.url);
  });
});
