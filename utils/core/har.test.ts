import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { harObjectToSession, harToSession, isHarObject } from './har';
import { InputError } from './input-error';
import { Session } from './model';
import { latin1ToUtf8 } from './text-decode';

const asLatin1 = (text: string) => String.fromCharCode(...new TextEncoder().encode(text));

const T0 = Date.parse('2026-03-01T10:00:00.000Z');
const iso = (ms: number) => new Date(T0 + ms).toISOString();

function doc(url: string, html: string, at: number, extra: Record<string, unknown> = {}) {
  return {
    pageref: extra.pageref,
    startedDateTime: iso(at),
    time: 20,
    _resourceType: 'document',
    request: { method: 'GET', url, headers: [] },
    response: { status: 200, headers: [], content: { mimeType: 'text/html; charset=utf-8', text: html, ...((extra.content as object) ?? {}) } },
  };
}

function xhr(url: string, at: number, postData?: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    startedDateTime: iso(at),
    time: 5,
    _resourceType: 'xhr',
    request: { method: 'POST', url, headers: [], ...(postData ? { postData } : {}) },
    response: { status: 200, headers: [], content: { mimeType: 'application/json', text: '{}' } },
    ...extra,
  };
}

const har = (entries: unknown[], pages?: unknown[]) => ({ log: { version: '1.2', creator: { name: 't', version: '1' }, ...(pages ? { pages } : {}), entries } });

const LOGGED_IN = '<html><body><a href="/logout">ログアウト</a><script>OkskyChat("key", "t-1");</script></body></html>';

describe('harToSession', () => {
  it('turns documents into pages and every entry into a request, assigned to its page', () => {
    const s = harToSession(
      JSON.stringify(
        har(
          [
            doc('https://shop.example.jp/mypage', LOGGED_IN, 0, { pageref: 'page_1' }),
            { ...xhr('https://t.okskychat.net/rapi/v1/clients/1/login', 800, { mimeType: 'application/json', text: '{"query":{}}' }), pageref: 'page_1' },
            doc('https://www.example.jp/', '<html><body>top</body></html>', 5000, { pageref: 'page_2' }),
            { ...xhr('https://t.okskychat.net/x', 5200), pageref: 'page_2' },
          ],
          [
            { id: 'page_1', startedDateTime: iso(0), title: 'a' },
            { id: 'page_2', startedDateTime: iso(5000), title: 'b' },
          ],
        ),
      ),
    );
    expect(Session.parse(s)).toBeTruthy();
    expect(s.pages.map((p) => p.url)).toEqual(['https://shop.example.jp/mypage', 'https://www.example.jp/']);
    expect(s.pages[0].state.value).toBe('logged-in');
    expect(s.pages[0].time).toBe(T0);
    expect(s.pages[0].scripts[0].text).toContain('OkskyChat');
    expect(s.requests).toHaveLength(4);
    const login = s.requests[1];
    expect(login).toMatchObject({ method: 'POST', body: '{"query":{}}', contentType: 'application/json', status: 200, type: 'xhr', time: T0 + 800, durationMs: 5, pageId: s.pages[0].id });
    expect(s.requests[3].pageId).toBe(s.pages[1].id);
    expect(s.requests[0]).toMatchObject({ type: 'document', pageId: s.pages[0].id });
    expect(s.dropped).toBeUndefined();
  });

  it('sorts unsorted entries by time and assigns requests without pageref to the page showing then', () => {
    const s = harObjectToSession(
      har([
        xhr('https://t.okskychat.net/b', 6000),
        doc('https://b.example.jp/', '<p>b</p>', 5000),
        doc('https://a.example.jp/', '<p>a</p>', 0),
        xhr('https://t.okskychat.net/a', 100),
        xhr('https://t.okskychat.net/before', -100),
      ]),
    );
    expect(s.pages.map((p) => p.url)).toEqual(['https://a.example.jp/', 'https://b.example.jp/']);
    const byUrl = Object.fromEntries(s.requests.map((r) => [r.url, r.pageId]));
    expect(byUrl['https://t.okskychat.net/a']).toBe(s.pages[0].id);
    expect(byUrl['https://t.okskychat.net/b']).toBe(s.pages[1].id);
    expect(byUrl['https://t.okskychat.net/before']).toBeUndefined();
  });

  it('marks status 0 with _error, and response._error, as failed', () => {
    const s = harObjectToSession(
      har([
        { ...xhr('https://t.okskychat.net/widget/widget.js', 0), response: { status: 0, content: {} }, _error: 'net::ERR_BLOCKED_BY_CLIENT' },
        { ...xhr('https://t.okskychat.net/2', 1), response: { status: 0, _error: 'net::ERR_NAME_NOT_RESOLVED', content: {} } },
        { ...xhr('https://t.okskychat.net/3', 2), response: { status: 0, content: {} } },
      ]),
    );
    expect(s.requests[0]).toMatchObject({ error: 'net::ERR_BLOCKED_BY_CLIENT' });
    expect(s.requests[0].status).toBeUndefined();
    expect(s.requests[1].error).toBe('net::ERR_NAME_NOT_RESOLVED');
    expect(s.requests[2].error).toMatch(/status 0/);
  });

  it('reads postData.params as a form body and caps big bodies', () => {
    const s = harObjectToSession(
      har([
        xhr('https://t.okskychat.net/login', 0, { mimeType: 'application/x-www-form-urlencoded', params: [{ name: 'query[customer_id]', value: 'A 1' }, { name: 'key', value: 'k' }] }),
        xhr('https://t.okskychat.net/big', 1, { mimeType: 'text/plain', text: 'x'.repeat(100_000) }),
      ]),
      { maxBodyChars: 1000 },
    );
    expect(s.requests[0].body).toBe('query%5Bcustomer_id%5D=A%201&key=k');
    expect(s.requests[0].contentType).toBe('application/x-www-form-urlencoded');
    expect(s.requests[1].body).toHaveLength(1000);
    expect(s.requests[1].bodyTruncated).toBe(true);
    // the cut is recorded: renkei/input-limited says how many bodies were read only in part
    expect(s.limits).toEqual([{ kind: 'body-chars', skipped: 1, unit: 'items', limit: 1000 }]);
  });

  it('decodes base64 documents, including Shift_JIS ones', () => {
    const sjis = Uint8Array.from([0x3c, 0x61, 0x20, 0x68, 0x72, 0x65, 0x66, 0x3d, 0x22, 0x2f, 0x6c, 0x6f, 0x67, 0x6f, 0x75, 0x74, 0x22, 0x3e, 0x83, 0x8d, 0x83, 0x4f, 0x83, 0x41, 0x83, 0x45, 0x83, 0x67, 0x3c, 0x2f, 0x61, 0x3e]); // <a href="/logout">ログアウト</a>
    const b64 = btoa(String.fromCharCode(...sjis));
    const s = harObjectToSession(
      har([doc('https://a.example.jp/', b64, 0, { content: { encoding: 'base64', mimeType: 'text/html; charset=Shift_JIS' } })]),
    );
    expect(s.pages).toHaveLength(1);
    expect(s.pages[0].state.value).toBe('logged-in');
    expect(s.pages[0].state.hints.join(' ')).toContain('ログアウト');
  });

  it('takes only the first HTML document of a HAR page (frames are requests), and no XHR HTML', () => {
    const s = harObjectToSession(
      har([
        doc('https://a.example.jp/', '<p>main</p>', 0, { pageref: 'p1' }),
        doc('https://ads.example.net/frame', '<p>frame</p>', 10, { pageref: 'p1' }),
        { ...doc('https://a.example.jp/fragment', '<p>frag</p>', 20), _resourceType: 'xhr' },
      ]),
    );
    expect(s.pages.map((p) => p.url)).toEqual(['https://a.example.jp/']);
    expect(s.requests).toHaveLength(3);
    expect(s.requests[1].pageId).toBe(s.pages[0].id);
  });

  it('tolerates missing fields and drops entries without a URL', () => {
    const s = harObjectToSession(har([{}, null, 'x', { request: { url: 'https://a.example.jp/x' } }, { request: {}, response: {} }]));
    expect(s.requests).toEqual([{ id: 'r1', url: 'https://a.example.jp/x', method: 'GET', time: 0 }]);
    expect(s.dropped).toEqual({ pages: 0, requests: 4 });
  });

  it('bounds entries and pages, dropping the oldest', () => {
    const entries = Array.from({ length: 30 }, (_, i) => doc(`https://a.example.jp/${i}`, '<p>x</p>', i * 1000));
    const s = harObjectToSession(har(entries), { maxEntries: 20, maxPages: 5 });
    expect(s.requests).toHaveLength(20);
    expect(s.requests[0].url).toBe('https://a.example.jp/10');
    expect(s.pages.map((p) => p.url)).toEqual([25, 26, 27, 28, 29].map((i) => `https://a.example.jp/${i}`));
    expect(s.dropped).toEqual({ pages: 15, requests: 10 });
    expect(s.requests[0].pageId).toBeUndefined(); // its page was dropped
  });

  it('prefixes ids', () => {
    const s = harObjectToSession(har([doc('https://a.example.jp/', '<p>x</p>', 0)]), { idPrefix: 'f2:' });
    expect(s.pages[0].id).toBe('f2:p1');
    expect(s.requests[0].id).toBe('f2:r1');
  });

  it('throws InputError without log.entries or on malformed JSON', () => {
    expect(() => harObjectToSession({ log: {} })).toThrow(InputError);
    expect(() => harObjectToSession({ log: { entries: {} } })).toThrow(InputError);
    expect(() => harObjectToSession([])).toThrow(InputError);
    expect(() => harToSession('{"log": {"entries": [')).toThrow(InputError);
    try {
      harToSession('{"log":');
    } catch (e) {
      expect((e as InputError).code).toBe('json-syntax');
      expect((e as InputError).reason('ja')).toMatch(/JSON として正しくありません/);
    }
    expect(isHarObject({ log: { entries: [] } })).toBe(true);
    expect(isHarObject({ log: {} })).toBe(false);
  });

  it('a status that is not an HTTP status (2^53, 1e6, 0.5) is left out, not a schema error', () => {
    for (const status of [2 ** 53, 1e6, 0.5, -1]) {
      const s = harToSession(JSON.stringify({ log: { entries: [{ request: { url: 'http://a.aa' }, response: { status } }], pages: {} } }));
      expect(s.requests[0]!.status).toBeUndefined();
    }
  });

  it('property: any entries give a valid Session or an InputError, never another exception', () => {
    const value = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.boolean(), fc.double());
    const entry = fc.oneof(
      fc.anything(),
      fc.record(
        {
          startedDateTime: fc.oneof(value, fc.date({ noInvalidDate: true }).map((d) => d.toISOString())),
          time: value,
          pageref: value,
          _resourceType: fc.oneof(value, fc.constantFrom('document', 'xhr', 'script')),
          _error: value,
          request: fc.oneof(
            value,
            fc.record({ url: fc.oneof(value, fc.webUrl()), method: value, postData: fc.oneof(value, fc.record({ text: value, params: fc.array(fc.anything()) }, { requiredKeys: [] })) }, { requiredKeys: [] }),
          ),
          response: fc.oneof(
            value,
            fc.record({ status: value, _error: value, content: fc.oneof(value, fc.record({ mimeType: fc.oneof(value, fc.constant('text/html')), text: value, encoding: fc.oneof(value, fc.constant('base64')) }, { requiredKeys: [] })) }, { requiredKeys: [] }),
          ),
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.record({ log: fc.oneof(fc.anything(), fc.record({ entries: fc.oneof(fc.anything(), fc.array(entry, { maxLength: 8 })), pages: fc.anything() })) })), (h) => {
        try {
          const s = harObjectToSession(h);
          expect(Session.safeParse(s).success).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('property: any text gives a Session or an InputError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (t) => {
        try {
          harToSession(t);
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same session from the UTF-8 bytes read as Latin-1 (the CLI\'s memory-saving path)', () => {
    const h = har([
      doc('https://shop.example.jp/マイページ', LOGGED_IN, 0, { pageref: 'p1' }),
      xhr('https://t.okskychat.net/login', 10, { mimeType: 'application/json', text: '{"query":{"名前":"山田 太郎 😀"}}' }),
      xhr('https://t.okskychat.net/big', 20, { mimeType: 'text/plain', text: 'あ'.repeat(5000) }),
    ]);
    const text = JSON.stringify(h);
    const viaLatin1 = harObjectToSession(JSON.parse(asLatin1(text)), { latin1: true, maxBodyChars: 1000 });
    const direct = harToSession(text, { maxBodyChars: 1000 });
    expect(viaLatin1).toEqual(direct);
    expect(direct.requests[2].body).toBe('あ'.repeat(1000));
  });

  it('property: latin1ToUtf8 undoes a Latin-1 reading of UTF-8, and keeps real Latin-1 and escapes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (t) => {
        expect(latin1ToUtf8(asLatin1(t))).toBe(t);
      }),
      { numRuns: 300 },
    );
    expect(latin1ToUtf8('caf\u00e9')).toBe('café'); // \u00e9 from an escape: not UTF-8, kept
    expect(latin1ToUtf8(`${asLatin1('日本')}語`)).toBe('日本語'); // a real U+8A9E between runs
  });
});
