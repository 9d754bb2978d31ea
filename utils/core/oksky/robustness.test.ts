/**
 * Property tests: the parsers never throw and never run away on hostile input (random text, mutated
 * tags, deep nesting, binary-like bodies), and what they return still fits the evidence model.
 * No clock is read (a loaded machine must not fail a test): a runaway parse is caught by the
 * test's timeout; speed is measured by the benchmarks (`npm run bench:analyze`), not asserted here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixtures } from '../../../tests/fixtures/oksky';
import { parseHtmlPage } from '../html';
import { Page, TagCall } from '../model';
import { fromJson } from '../static-value';
import { extractOksky } from './extract';
import { parseLoginPayload } from './login-payload';
import type { OkskyPageEvidence } from './types';

const URL_ = 'https://shop.example.jp/';
const fixtureList = Object.values(fixtures);

function checkEvidence(ev: OkskyPageEvidence): void {
  for (const tag of [...ev.staticTags, ...ev.runtimeTags]) {
    expect(tag.loaderCount).toBeGreaterThanOrEqual(0);
    for (const call of [...tag.calls, ...tag.commentedCalls]) {
      expect(TagCall.safeParse(call).success).toBe(true);
    }
  }
  for (const e of ev.syntaxErrors) {
    expect(e.location.line).toBeGreaterThanOrEqual(1);
    expect(e.location.column).toBeGreaterThanOrEqual(1);
    expect(e.lineText.length).toBeLessThanOrEqual(301);
  }
}

/** characters that matter to a tag's syntax */
const interesting = fc.constantFrom('"', "'", '`', '“', '”', '‘', '’', '＂', '″', '(', ')', '{', '}', '[', ']', ',', ';', '!', '/', '*', '\n', '\\', '<', '>', 'OkskyChat', '</script>', '<script>', '<!--', '${');

type Mutation = { at: number; op: 'delete' | 'insert' | 'smart'; text: string };

const mutation = fc.record({
  at: fc.nat(),
  op: fc.constantFrom<'delete' | 'insert' | 'smart'>('delete', 'insert', 'smart'),
  text: interesting,
});

function mutate(src: string, ms: Mutation[]): string {
  let s = src;
  for (const m of ms) {
    const at = s.length === 0 ? 0 : m.at % s.length;
    if (m.op === 'delete') s = s.slice(0, at) + s.slice(at + 1);
    else if (m.op === 'insert') s = s.slice(0, at) + m.text + s.slice(at);
    else {
      // replace the next straight quote with a typographic one
      const q = s.indexOf('"', at);
      if (q >= 0) s = `${s.slice(0, q)}${at % 2 === 0 ? '“' : '”'}${s.slice(q + 1)}`;
    }
  }
  return s;
}

describe('parseHtmlPage + extractOksky never throw and stay bounded', () => {
  it('on random text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2_000, unit: 'grapheme' }), (s) => {
        const page = parseHtmlPage(s, URL_);
        expect(Page.safeParse(page).success).toBe(true);
        checkEvidence(extractOksky(page));
      }),
      { numRuns: 150 },
    );
  });

  it('on random text inside a script that names OK SKY', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(interesting, fc.string({ maxLength: 20 })), { maxLength: 200 }), (parts) => {
        const page = parseHtmlPage(`<script>OkskyChat(${parts.join('')}</script>`, URL_);
        checkEvidence(extractOksky(page));
      }),
      { numRuns: 200 },
    );
  });

  it('on mutations of the source document tags', () => {
    fc.assert(
      fc.property(fc.constantFrom(...fixtureList), fc.array(mutation, { minLength: 1, maxLength: 8 }), (html, ms) => {
        const page = parseHtmlPage(mutate(html, ms), URL_);
        checkEvidence(extractOksky(page));
      }),
      { numRuns: 300 },
    );
  });

  it('on binary-like input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3_000, unit: 'binary' }), (s) => {
        const page = parseHtmlPage(`<script>${s}okskychat</script>${s}`, URL_);
        checkEvidence(extractOksky(page));
      }),
      { numRuns: 100 },
    );
  });

  it('on deeply nested scripts', () => {
    for (const open of ['(', '[', '{', '`${', 'function(){', '/*']) {
      const src = `<script>OkskyChat("key", ${open.repeat(50_000)}</script>`;
      const page = parseHtmlPage(src, URL_);
      checkEvidence(extractOksky(page));
    }
  });

  it('on many call-looking fragments that never close', () => {
    for (const unit of ['OkskyChat(“', 'OkskyChat([', '// OkskyChat(\n', 'new OkskyChat({']) {
      for (const count of [5_000, 150_000]) {
        const page = parseHtmlPage(`<script>${unit.repeat(count)}</script>`, URL_);
        checkEvidence(extractOksky(page));
      }
    }
  });

  it('on a 2 MB script that names OK SKY and one that does not', () => {
    const filler = 'var a = [1, 2, 3].map(function (x) { return x * 2; });\n'.repeat(36_000);
    for (const marker of ['OkskyChat("key", "k");\n', '']) {
      const page = parseHtmlPage(`<script>${marker}${filler}</script>`, URL_);
      const ev = extractOksky(page);
      checkEvidence(ev);
      expect(ev.staticTags.length).toBe(marker ? 1 : 0);
    }
  });
});

describe('parseLoginPayload never throws and stays bounded', () => {
  it('on random strings and JSON', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 2_000 }), fc.string({ maxLength: 2_000, unit: 'binary' }), fc.json(), fc.json().map((j) => `query=${encodeURIComponent(j)}`)),
        fc.option(fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data'), { nil: undefined }),
        (body, ct) => {
          const q = parseLoginPayload(body, ct);
          expect(['ok', 'empty', 'absent', 'unreadable']).toContain(q.status);
          expect(Array.isArray(q.entries)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('on query values of any shape', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (query) => {
        const q = parseLoginPayload(JSON.stringify({ key: 'k', query }));
        expect(q.status).not.toBe('absent');
        for (const e of q.entries) expect(typeof e.value).toBe('string');
      }),
      { numRuns: 300 },
    );
  });

  it('on deep nesting', () => {
    for (const body of [`{"query":${'['.repeat(200_000)}${']'.repeat(200_000)}}`, `{"query":"${'{\\"a\\":'.repeat(50_000)}1${'}'.repeat(50_000)}"}`]) {
      const q = parseLoginPayload(body);
      expect(q.status).toBe('unreadable');
    }
  });
});

describe('fromJson never throws', () => {
  it('on anything', () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withMap: true, withSet: true, withDate: true, withTypedArray: true, withNullPrototype: true }), (v) => {
        fromJson(v);
      }),
      { numRuns: 300 },
    );
  });
});
