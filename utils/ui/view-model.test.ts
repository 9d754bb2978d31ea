import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Page } from '../core/model';
import { applyOverrides, buildFilterIndex, documentLine, filterIndex, scriptSourceLines, staticValueText } from './view-model';

const page = (over: Partial<Page> = {}): Page => ({
  id: 'p',
  url: 'https://shop.example.jp/',
  state: { value: 'logged-in', source: 'inferred', hints: ['link text "ログアウト"'] },
  scripts: [{ text: '\nOkskyChat("customer_id", "A1234567");\nOkskyChat("loginKey", "customer_id");', line: 10, column: 9 }],
  scriptUrls: [],
  runtimeCalls: [],
  ...over,
});

describe('view model', () => {
  it('filters by every whitespace-separated term, case-insensitively', () => {
    const idx = buildFilterIndex(['POST https://x.okskychat.net/login ok', 'GET https://x.okskychat.net/widget/widget.js', 'GET https://cdn.example.jp/a.js']);
    expect(filterIndex(idx, '')).toEqual([0, 1, 2]);
    expect(filterIndex(idx, 'OKSKY')).toEqual([0, 1]);
    expect(filterIndex(idx, 'oksky  login')).toEqual([0]);
    expect(filterIndex(idx, 'nothing')).toEqual([]);
  });

  it('filter agrees with a naive scan on any input', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 30 }), { maxLength: 40 }), fc.string({ maxLength: 8 }), (rows, q) => {
        const terms = q.toLowerCase().split(/\s+/).filter(Boolean);
        const naive = rows.flatMap((r, i) => (terms.every((t) => r.toLowerCase().includes(t)) ? [i] : []));
        expect(filterIndex(buildFilterIndex(rows), q)).toEqual(naive);
      }),
    );
  });

  it('applies overrides as explicit states, leaving inferred pages alone', () => {
    const s = applyOverrides({ pages: [page(), page({ id: 'q' })], requests: [] }, { p: 'logged-out' });
    expect(s.pages[0]!.state).toEqual({ value: 'logged-out', source: 'explicit', hints: ['link text "ログアウト"'] });
    expect(s.pages[1]!.state.source).toBe('inferred');
  });

  it('shows script lines with document line numbers, highlights and masked personal values', () => {
    const p = page();
    expect(documentLine(p, { line: 11, script: 0 })).toBe(11);
    expect(documentLine(p, { line: 2, script: 0 })).toBe(11);
    const lines = scriptSourceLines(p, 0, new Set([11]), ['A1234567']);
    expect(lines.map((l) => l.line)).toEqual([10, 11, 12]);
    expect(lines[1]).toEqual({ line: 11, text: 'OkskyChat("customer_id", "A1****67");', highlighted: true });
    expect(lines.some((l) => l.text.includes('A1234567'))).toBe(false);
  });

  it('masks keyword values', () => {
    expect(staticValueText({ kind: 'string', value: '012345' })).toEqual({ text: '0****5', kind: 'string' });
    expect(staticValueText({ kind: 'number', value: 12345, raw: '012345' }).text).toBe('0****5');
    expect(staticValueText({ kind: 'unknown', raw: 'user.id' })).toEqual({ text: 'user.id', kind: 'unknown' });
  });
});
