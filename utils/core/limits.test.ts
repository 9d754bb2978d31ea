import { describe, expect, it } from 'vitest';
import { describeLimit, inputLimitsOf, limitWhat } from './limits';
import type { Page, Session } from './model';

const KINDS = [
  'html-chars',
  'script-chars',
  'scripts',
  'script-urls',
  'har-entries',
  'har-pages',
  'har-documents',
  'session-pages',
  'session-requests',
  'body-chars',
  'json-depth',
  'calls',
  'parse-chars',
  'relay-script-chars',
  'relay-calls',
  'truncated',
  'a-kind-from-a-newer-version',
];

const page = (over: Partial<Page> = {}): Page => ({
  id: 'p',
  url: 'https://shop.example.jp/',
  state: { value: 'unknown', source: 'inferred', hints: [] },
  scripts: [],
  scriptUrls: [],
  runtimeCalls: [],
  ...over,
});

describe('describeLimit', () => {
  it.each(KINDS)('%s: a sentence in Japanese and English, with the amount when known', (kind) => {
    const known = describeLimit({ kind, skipped: 12_345, unit: 'items' });
    const unknown = describeLimit({ kind, skipped: 0, unit: 'items' });
    for (const d of [known, unknown]) {
      expect(d.ja).toMatch(/[ぁ-んァ-ヶ一-龠]/);
      expect(d.ja).toMatch(/読んでいません|解析していません|探しました|読んでいません。/);
      expect(d.en).toMatch(/not (read|analysed|parsed)|read only in part/);
    }
    if (!['json-depth', 'truncated'].includes(kind)) {
      expect(known.ja).toContain('12,345');
      expect(known.en).toContain('12,345');
      expect(unknown.ja).not.toMatch(/\d/);
    }
    expect(limitWhat(kind).ja).not.toBe('');
  });
});

describe('inputLimitsOf', () => {
  it('reads page and session limits, Session.dropped, flags of older captures and cut request bodies', () => {
    const session: Session = {
      pages: [page({ limits: [{ kind: 'scripts', skipped: 2, unit: 'items' }] }), page({ id: 'q', truncated: true }), page({ id: 'r', scripts: [{ text: 'x', line: 1, column: 1, truncated: true }] })],
      requests: [{ id: 'r1', url: 'https://a.okskychat.net/login', method: 'POST', time: 1, bodyTruncated: true }],
      dropped: { pages: 1, requests: 0 },
    };
    const got = inputLimitsOf(session).map((l) => [l.kind, l.skipped, l.pageIndex]);
    expect(got).toEqual([
      ['session-pages', 1, undefined],
      ['body-chars', 1, undefined],
      ['scripts', 2, 0],
      ['truncated', 0, 1],
    ]);
  });

  it('nothing skipped: no limit', () => {
    expect(inputLimitsOf({ pages: [page()], requests: [], dropped: { pages: 0, requests: 0 } })).toEqual([]);
  });
});
