import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from './input-error';
import { assembleSession, INPUT_LIMITS, jsonDepthExceeds, recogniseInput, recogniseText, type RecognisedInput } from './input';
import { Session } from './model';
import { decodeBytes } from './text-decode';

const enc = (s: string) => new TextEncoder().encode(s);

function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

// 「ログアウト」 in Shift_JIS and EUC-JP
const LOGOUT_SJIS = [0x83, 0x8d, 0x83, 0x4f, 0x83, 0x41, 0x83, 0x45, 0x83, 0x67];
const LOGOUT_EUC = [0xa5, 0xed, 0xa5, 0xb0, 0xa5, 0xa2, 0xa5, 0xa6, 0xa5, 0xc8];
// 「会員番号を入力してください」 in Shift_JIS
const TEXT_SJIS = [0x89, 0xef, 0x88, 0xf5, 0x94, 0xd4, 0x8d, 0x86, 0x82, 0xf0, 0x93, 0xfc, 0x97, 0xcd, 0x82, 0xb5, 0x82, 0xc4, 0x82, 0xad, 0x82, 0xbe, 0x82, 0xb3, 0x82, 0xa2];
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const page = (before: string, body: number[], after: string) => Uint8Array.from([...ascii(before), ...body, ...ascii(after)]);

const SNAPSHOT = {
  tool: { name: 'renkei-doctor', version: '0.1.0' },
  schemaVersion: 1,
  pages: [{ url: 'https://a.example.jp/', state: 'logged-in', tags: [] }],
  requests: [],
  findings: [],
  summary: { errors: 0, warnings: 0, infos: 0 },
};

describe('decodeBytes', () => {
  it('reads UTF-8, with and without BOM, and UTF-16 with BOM', () => {
    expect(decodeBytes(enc('<p>ログアウト</p>'))).toMatchObject({ text: '<p>ログアウト</p>', encoding: 'utf-8', via: 'utf-8' });
    expect(decodeBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...enc('<p>x</p>')]))).toMatchObject({ text: '<p>x</p>', via: 'bom' });
    const u16 = Uint8Array.from([0xff, 0xfe, ...[...'<p>会員</p>'].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
    expect(decodeBytes(u16)).toMatchObject({ text: '<p>会員</p>', encoding: 'utf-16le' });
  });

  it('uses the declared charset, then guesses Shift_JIS or EUC-JP', () => {
    const declared = page('<meta charset="Shift_JIS"><a href="/x">', LOGOUT_SJIS, '</a>');
    expect(decodeBytes(declared)).toMatchObject({ encoding: 'shift_jis', via: 'declared' });
    expect(decodeBytes(declared).text).toContain('ログアウト');
    const sjis = page('<p>', TEXT_SJIS, '</p>');
    expect(decodeBytes(sjis)).toMatchObject({ text: '<p>会員番号を入力してください</p>', encoding: 'shift_jis', via: 'heuristic' });
    const euc = page('<p>', LOGOUT_EUC, '</p>');
    expect(decodeBytes(euc)).toMatchObject({ text: '<p>ログアウト</p>', encoding: 'euc-jp', via: 'heuristic' });
    const http = page('<meta http-equiv="Content-Type" content="text/html; charset=x-sjis"><p>', LOGOUT_SJIS, '</p>');
    expect(decodeBytes(http).encoding).toBe('shift_jis');
  });

  it('rejects binary data with a reason', () => {
    expect(inputError(() => decodeBytes(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).code).toBe('binary');
    expect(inputError(() => decodeBytes(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 0x41]))).code).toBe('binary');
    const e = inputError(() => decodeBytes(Uint8Array.from([0xff, 0xff, 0xff, 0xfd, 0xfe, 0xff])));
    expect(['binary', 'undecodable']).toContain(e.code);
    expect(e.reason('ja')).not.toMatch(/\n/);
  });
});

describe('jsonDepthExceeds', () => {
  const depth = (v: unknown): number => (Array.isArray(v) ? 1 + Math.max(0, ...v.map(depth)) : v && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v).map(depth)) : 0);

  it('agrees with the real nesting depth, ignoring brackets and escaped quotes in strings', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.integer({ min: 0, max: 8 }), (v, max) => {
        expect(jsonDepthExceeds(JSON.stringify(v), max)).toBe(depth(v) > max);
      }),
      { numRuns: 500 },
    );
    expect(jsonDepthExceeds(JSON.stringify({ a: '[[[[\\"{{{{', b: ['\\\\'] }), 2)).toBe(false);
  });

  it('answers on 100 000 levels (no recursion, no stack overflow)', () => {
    // no clock here: a runaway scan is caught by the test's timeout, speed is a benchmark figure
    expect(jsonDepthExceeds('['.repeat(100_000) + ']'.repeat(100_000), 256)).toBe(true);
    expect(jsonDepthExceeds('['.repeat(100_000) + ']'.repeat(100_000), 100_000)).toBe(false);
  });
});

describe('recogniseInput', () => {
  it('recognises an HTML page, with a synthetic URL unless one is given', () => {
    const r = recogniseInput(enc('<html><body><script>OkskyChat("key","t-1")</script></body></html>'), 'dir/mypage.html');
    expect(r.kind).toBe('html');
    if (r.kind !== 'html') return;
    expect(r.page.url).toBe('https://unknown.invalid/mypage.html');
    expect(r.page.scripts).toHaveLength(1);
    const u = recogniseInput(enc('<p>x</p>'), 'a.html', { url: 'https://shop.example.jp/mypage' });
    expect(u.kind === 'html' && u.page.url).toBe('https://shop.example.jp/mypage');
  });

  it('reads a Shift_JIS page', () => {
    const r = recogniseInput(page('<html><body><a href="/bye">', LOGOUT_SJIS, '</a></body></html>'), 'sjis.html');
    expect(r).toMatchObject({ kind: 'html', encoding: 'shift_jis' });
    expect(r.kind === 'html' && r.page.state.value).toBe('logged-in');
  });

  it('recognises a bare tag snippet as one script at line 1, column 1', () => {
    const r = recogniseInput(enc('OkskyChat("key", "t-1");\nOkskyChat("loginKey", "customer_id");'), 'tag.txt');
    expect(r.kind).toBe('script');
    if (r.kind !== 'script') return;
    expect(r.page.scripts[0]).toMatchObject({ line: 1, column: 1 });
    expect(r.page.scripts[0].text).toContain('loginKey');
  });

  it('recognises a HAR, a snapshot, a /login payload and a Channel Talk boot option', () => {
    const h = recogniseInput(enc(JSON.stringify({ log: { entries: [{ request: { url: 'https://a.example.jp/' } }] } })), 'x.har', { idPrefix: 'f1:' });
    expect(h.kind).toBe('har');
    expect(h.kind === 'har' && h.session.requests[0].id).toBe('f1:r1');

    const s = recogniseInput(enc(JSON.stringify(SNAPSHOT)), 'snap.json');
    expect(s.kind).toBe('snapshot');

    const l = recogniseInput(enc('  {"query": {"customer_id": "123"}, "key": "t-1"}\n'), 'payload.json');
    expect(l).toMatchObject({ kind: 'login-payload', body: '{"query": {"customer_id": "123"}, "key": "t-1"}', contentType: 'application/json' });
    const f = recogniseInput(enc('query%5Bcustomer_id%5D=123&key=t-1'), 'payload.txt');
    expect(f).toMatchObject({ kind: 'login-payload', contentType: 'application/x-www-form-urlencoded' });

    const c = recogniseInput(enc(JSON.stringify({ pluginKey: 'pk', memberId: 'm-1', profile: { name: 'x' } })), 'boot.json');
    expect(c.kind).toBe('channeltalk-boot');
    if (c.kind !== 'channeltalk-boot') return;
    expect(c.page.limits).toBeUndefined();
    // nesting the conversion cuts (values read as unknown) is recorded; just under the bound is not
    const nest = (n: number): unknown => (n === 0 ? 'leaf' : { a: nest(n - 1) });
    const at = (levels: number) => recogniseInput(enc(JSON.stringify({ pluginKey: 'pk', profile: nest(levels) })), 'deep.json');
    const under = at(23);
    const over = at(24);
    if (under.kind !== 'channeltalk-boot' || over.kind !== 'channeltalk-boot') throw new Error('not a boot option');
    expect(JSON.stringify(under.page.runtimeCalls[0].args)).not.toContain('"unknown"');
    expect(under.page.limits).toBeUndefined();
    expect(JSON.stringify(over.page.runtimeCalls[0].args)).toContain('"unknown"');
    expect(over.page.limits).toEqual([{ kind: 'json-depth', skipped: 0, unit: 'items', limit: 24 }]);
    const call = c.page.runtimeCalls[0];
    expect(call).toMatchObject({ vendor: 'channeltalk', form: 'snippet', name: 'boot', origin: 'static' });
    expect(call.args[0].kind).toBe('object');
  });

  it.each<[string, Uint8Array, string]>([
    ['empty file', new Uint8Array(0), 'empty'],
    ['white space', enc('  \n\t '), 'blank'],
    ['truncated JSON', enc('{"log": {"entries": [{"request": '), 'json-syntax'],
    ['100 000 levels of JSON', enc('['.repeat(100_000) + ']'.repeat(100_000)), 'json-too-deep'],
    ['HAR without entries', enc('{"log": {"version": "1.2"}}'), 'har-invalid'],
    ['HAR with entries not a list', enc('{"log": {"entries": {}}}'), 'har-invalid'],
    ['bad snapshot', enc(JSON.stringify({ ...SNAPSHOT, pages: 'x' })), 'snapshot-invalid'],
    ['unknown JSON', enc('[1, 2, 3]'), 'unrecognised-json'],
    ['plain text', enc('hello, this is not a page'), 'unrecognised'],
    ['binary', Uint8Array.from([0, 1, 2, 3, 255]), 'binary'],
  ])('rejects %s with a one-line reason', (_name, bytes, code) => {
    const e = inputError(() => recogniseInput(bytes, 'f'));
    expect(e.code).toBe(code);
    for (const lang of ['ja', 'en'] as const) {
      expect(e.reason(lang)).not.toMatch(/[\n\r]/);
      expect(e.reason(lang).length).toBeGreaterThan(3);
    }
  });

  it('refuses files over the size bound', () => {
    expect(inputError(() => recogniseInput(enc('<p>0123456789</p>'), 'big.html', { maxBytes: 10 })).code).toBe('too-large');
    expect(INPUT_LIMITS.maxBytes).toBe(200 * 1024 * 1024);
  });

  it('property: any bytes are recognised or refused with an InputError', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.string({ maxLength: 300 }).map(enc),
      fc.jsonValue({ maxDepth: 4 }).map((v) => enc(JSON.stringify(v))),
      fc.string({ maxLength: 100 }).map((s) => enc(`<script>${s}</script>`)),
      fc.string({ maxLength: 100 }).map((s) => enc(`{"query": ${JSON.stringify(s)}}`)),
    );
    fc.assert(
      fc.property(bytes, (b) => {
        try {
          const r = recogniseInput(b, 'x');
          expect(['har', 'snapshot', 'login-payload', 'channeltalk-boot', 'html', 'script']).toContain(r.kind);
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('assembleSession', () => {
  const html = (s: string, name: string, prefix: string, url?: string) => recogniseText(s, name, { idPrefix: prefix, url });
  const TAG = '<script>!function(t,e,o,n){var i=function(t,e){i.q.push([t,e])};t.OkskyChat=i,i.q=[],o=e.createElement("script"),o.async=1,o.src="https://kobuna-s-001.okskychat.net/widget/widget.js",n=e.getElementsByTagName("script")[0],n.parentNode.insertBefore(o,n)}(window,document);\nOkskyChat("key", "kobuna-s-001-0D5ACD179B043831");</script>';

  it('puts a /login payload on the page before it, on the widget host the page loads', () => {
    const inputs: RecognisedInput[] = [html(TAG, 'a.html', 'f1:', 'https://shop.example.jp/mypage'), recogniseText('{"query": {}}', 'payload.json', { idPrefix: 'f2:' })];
    const s = assembleSession(inputs);
    expect(Session.safeParse(s).success).toBe(true);
    expect(s.pages).toHaveLength(1);
    expect(s.requests).toHaveLength(1);
    expect(s.requests[0]).toMatchObject({ method: 'POST', url: 'https://kobuna-s-001.okskychat.net/login', body: '{"query": {}}', pageId: s.pages[0].id });
    expect(s.requests[0].time).toBeGreaterThan(s.pages[0].time ?? Infinity);
  });

  it('gives a lone /login payload a synthetic page, and applies an explicit state', () => {
    const s = assembleSession([recogniseText('{"query": {"id": "1"}}', 'payload.json')], { state: 'logged-in' });
    expect(s.pages).toHaveLength(1);
    expect(s.pages[0].url).toBe('https://unknown.invalid/payload.json');
    expect(s.pages[0].state).toEqual({ value: 'logged-in', source: 'explicit', hints: [] });
    expect(s.requests[0].pageId).toBe(s.pages[0].id);
  });

  it('keeps files in the given order with increasing times and unique ids', () => {
    const s = assembleSession([html('<p>1</p>', '1.html', 'f1:'), html('<p>2</p>', '2.html', 'f2:'), html('<p>3</p>', '3.html', 'f3:')]);
    expect(s.pages.map((p) => p.url)).toEqual(['1.html', '2.html', '3.html'].map((n) => `https://unknown.invalid/${n}`));
    expect(new Set(s.pages.map((p) => p.id)).size).toBe(3);
    const times = s.pages.map((p) => p.time ?? 0);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('refuses to merge a snapshot into a session', () => {
    const snap = recogniseText(JSON.stringify(SNAPSHOT), 's.json');
    expect(inputError(() => assembleSession([snap, html('<p>1</p>', '1.html', 'f1:')])).code).toBe('snapshot-mixed');
  });
});
