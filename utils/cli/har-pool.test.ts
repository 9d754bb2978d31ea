/**
 * The HAR pool (har-pool.ts) must give what reading the HAR in one thread gives: the same session
 * (harObjectToSession), the same evidence (analyze.ts pageEvidence) and so the same analysis and
 * snapshot; and `renkei analyze` the same output with and without worker threads.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { analyzeSession, type PageEvidence } from '../core/analyze';
import { harObjectToSession } from '../core/har';
import type { Page } from '../core/model';
import { buildSnapshot } from '../core/snapshot-build';
import { runAnalyze } from './analyze';
import { findCuts, HarPool, POOL_MIN_BYTES } from './har-pool';

const T0 = Date.parse('2026-03-01T10:00:00.000Z');
const iso = (ms: number) => new Date(T0 + ms).toISOString();

/** Shop pages: logged in with OK SKY linkage (a member id that differs per page), logged out, broken. */
function page(kind: number, n: number): string {
  const tag = [
    `OkskyChat("key", "kobuna-s-001-0D5ACD179B043831");\nOkskyChat("loginKey", "customer_id");\nOkskyChat("customer_id", "A${10000000 + n}");`,
    'OkskyChat("key", "kobuna-s-001-0D5ACD179B043831");',
    'OkskyChat("key", "kobuna-s-001-0D5ACD179B043831");\nOkskyChat("loginKey", “customer_id”);',
    '',
  ][kind % 4];
  const nav = kind % 2 === 0 ? '<a href="/mypage">マイページ</a><a href="/logout">ログアウト</a>' : '<a href="/login">ログイン</a>';
  return `<!DOCTYPE html><html lang="ja"><head><title>ページ${n} "},{"x":1}</title></head><body><nav>${nav}</nav><p>商品 ${n}</p>
<script>!function(t,e,o,n){var i=function(t,e){i.q.push([t,e])};t.OkskyChat=i,i.q=[],o=e.createElement("script"),o.async=1,o.src="https://kobuna-s-001.okskychat.net/widget/widget.js",n=e.getElementsByTagName("script")[0],n.parentNode.insertBefore(o,n)}(window,document);
${tag}</script></body></html>`;
}

const entry = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('doc' as const), html: fc.nat(40), ref: fc.nat(6), at: fc.option(fc.nat(60_000)), base64: fc.boolean() }) },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('req' as const),
      ref: fc.option(fc.nat(6)),
      at: fc.option(fc.nat(60_000)),
      login: fc.boolean(),
      // text that looks like an entry boundary, inside a string
      body: fc.oneof(fc.string(), fc.constantFrom('},{"pageref":"page_1"}', '"},{"a":', '\\"},{\\"', 'ログイン }, {"k": 1}')),
      params: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.constantFrom(null, 42, 'x', [{ a: 1 }]) },
);

type Spec = typeof entry extends fc.Arbitrary<infer T> ? T : never;

function harEntry(e: Spec, i: number): unknown {
  if (e === null || typeof e !== 'object' || Array.isArray(e)) return e;
  const started = e.at === null ? {} : { startedDateTime: iso(e.at) };
  if (e.kind === 'doc') {
    const html = page(e.html, i);
    return {
      pageref: `page_${e.ref}`,
      ...started,
      _resourceType: 'document',
      request: { method: 'GET', url: `https://shop.example.jp/p/${i}?id=${i}`, headers: [] },
      response: {
        status: 200,
        headers: [{ name: 'Content-Security-Policy', value: "script-src 'self'" }],
        content: e.base64 ? { mimeType: 'text/html; charset=utf-8', encoding: 'base64', text: Buffer.from(html).toString('base64') } : { mimeType: 'text/html', text: html },
      },
    };
  }
  const url = e.login ? 'https://kobuna-s-001.okskychat.net/rapi/v1/clients/8812/login' : `https://cdn.example.jp/a.js?k=${i}`;
  const body = e.login ? JSON.stringify({ key: 'kobuna-s-001-0D5ACD179B043831', query: { customer_id: `A${i}`, note: e.body } }) : e.body;
  return {
    ...(e.ref === null ? {} : { pageref: `page_${e.ref}` }),
    ...started,
    time: i % 7,
    _resourceType: e.login ? 'xhr' : 'script',
    request: {
      method: e.login ? 'post' : 'GET',
      url,
      headers: [{ name: 'content-type', value: 'application/json' }],
      ...(e.params ? { postData: { mimeType: 'application/x-www-form-urlencoded', params: [{ name: 'q', value: e.body }] } } : { postData: { text: body } }),
    },
    response: { status: i % 5 === 0 ? 0 : 200, headers: [], content: { mimeType: 'application/javascript', text: `var s = "${e.body.replace(/["\\]/g, '')}";` } },
  };
}

function harText(specs: Spec[], pretty: boolean): string {
  const pages = Array.from({ length: 7 }, (_, k) => ({ id: `page_${k}`, startedDateTime: iso(k * 9_000), title: `ページ${k}` }));
  const value = { log: { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, pages, entries: specs.map(harEntry) } };
  return pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value);
}

/** The CLI reads big UTF-8 JSON as Latin-1 (load.ts): the same here. */
const latin1Of = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

const snapshotOf = (session: Parameters<typeof analyzeSession>[0], evidence?: ReadonlyMap<Page, PageEvidence>) =>
  JSON.stringify(buildSnapshot(analyzeSession(session, { salt: 'pool-test', evidence }), { version: 't', createdAt: '2026-03-01T00:00:00.000Z' }));

describe('HarPool', () => {
  let one: HarPool;
  let two: HarPool;
  beforeAll(() => {
    one = new HarPool({ workers: 1 });
    two = new HarPool({ workers: 2 });
  });
  afterAll(async () => {
    await one.close();
    await two.close();
  });

  it('property: the same session, evidence and snapshot as reading the HAR in one thread', async () => {
    let pooled = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { minLength: 2, maxLength: 24 }), fc.boolean(), fc.boolean(), fc.boolean(), async (specs, pretty, useTwo, shared) => {
        const text = harText(specs, pretty);
        const encoded = new TextEncoder().encode(text);
        // bytes in a SharedArrayBuffer (as the CLI reads a big file) are read in place
        const bytes = shared ? new Uint8Array(new SharedArrayBuffer(encoded.length)) : encoded;
        if (shared) bytes.set(encoded);
        const serial = harObjectToSession(JSON.parse(latin1Of(encoded)), { idPrefix: 'f1:', latin1: true });
        const read = await (useTwo ? two : one).readHar(bytes, true, { idPrefix: 'f1:' });
        // the bytes are given back as they were
        expect(Buffer.from(bytes).equals(Buffer.from(encoded))).toBe(true);
        // entries that are all non-objects leave nothing to cut at: the caller reads it in one thread
        if (!read) return;
        pooled++;
        expect(JSON.stringify(read.session)).toBe(JSON.stringify(serial));
        expect(read.session).toEqual(serial);
        expect(snapshotOf(read.session, read.evidence)).toBe(snapshotOf(serial));
      }),
      { numRuns: 60 },
    );
    expect(pooled).toBeGreaterThan(30);
  }, 120_000);

  it('gives the page evidence it derived to the analysis (the same findings, no second extraction)', async () => {
    const specs: Spec[] = Array.from({ length: 12 }, (_, i) => (i % 3 === 0 ? { kind: 'doc', html: i, ref: i / 3, at: i * 1000, base64: false } : { kind: 'req', ref: Math.floor(i / 3), at: i * 1000 + 10, login: i % 3 === 1, body: 'x', params: false }));
    const bytes = new TextEncoder().encode(harText(specs, false));
    const read = (await one.readHar(bytes, true))!;
    expect(read.session.pages).toHaveLength(4);
    expect(read.evidence.size).toBeGreaterThanOrEqual(4);
    for (const p of read.session.pages) expect(read.evidence.get(p)?.oksky.staticTags.length).toBeGreaterThan(0);
    const result = analyzeSession(read.session, { salt: 's', evidence: read.evidence });
    expect(result.pages.map((p) => p.oksky)).toEqual(read.session.pages.map((p) => read.evidence.get(p)!.oksky));
  });

  it('declines what it cannot cut safely (the caller then reads the file in one thread)', async () => {
    const specs: Spec[] = [
      { kind: 'doc', html: 1, ref: 1, at: 0, base64: false },
      { kind: 'req', ref: 1, at: 5, login: true, body: '', params: false },
      { kind: 'req', ref: 1, at: 9, login: false, body: '', params: false },
    ];
    const enc = (s: string) => new TextEncoder().encode(s);
    const good = harText(specs, false);
    expect(await one.readHar(enc(good), true)).toBeDefined();
    // entries not last in `log`
    const value = JSON.parse(good) as { log: Record<string, unknown> };
    const { entries, ...rest } = value.log;
    expect(await one.readHar(enc(JSON.stringify({ log: { entries, ...rest } })), true)).toBeUndefined();
    // broken JSON inside a part (serial reading reports the syntax error)
    expect(await one.readHar(enc(good.replace('"status":200', '"status":200,,')), true)).toBeUndefined();
    // another `entries` array first (not log.entries)
    const decoy = JSON.stringify({ log: { version: '1.2', creator: { name: 't', entries: [{ a: 1 }, { b: 2 }] }, entries } });
    const decoyRead = await one.readHar(enc(decoy), true);
    if (decoyRead) expect(decoyRead.session).toEqual(harObjectToSession(JSON.parse(decoy), { latin1: true }));
    // a single entry: nothing to cut
    expect(findCuts(enc(harText(specs.slice(0, 1), false)), 2)?.commas ?? []).toEqual([]);
    // too deep for the input bound
    const deep = good.replace('"time":1', `"time":1,"deep":${'['.repeat(300)}${']'.repeat(300)}`);
    expect(await one.readHar(enc(deep), true)).toBeUndefined();
  });

  it('cuts only between entries of log.entries', () => {
    const specs: Spec[] = Array.from({ length: 30 }, (_, i) => ({ kind: 'req', ref: 1, at: i, login: false, body: '},{"pageref":"x"}', params: false }));
    for (const pretty of [false, true]) {
      const text = harText(specs, pretty);
      const bytes = new TextEncoder().encode(text);
      const cuts = findCuts(bytes, 4)!;
      expect(cuts.commas).toHaveLength(3);
      // (byte offsets: the text read as Latin-1 has one character per byte)
      const chars = latin1Of(bytes);
      const parts = [cuts.open + 1, ...cuts.commas.map((c) => c + 1)].map((start, k) => JSON.parse(`[${chars.slice(start, [...cuts.commas, cuts.close][k])}]`) as unknown[]);
      expect(parts.flat()).toEqual((JSON.parse(chars) as { log: { entries: unknown[] } }).log.entries);
    }
  });
});

describe('renkei analyze with and without the pool', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'renkei-pool-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the same JSON, Markdown and text for a big HAR', async () => {
    // big enough for the pool: pages with big script bodies
    const filler = 'function f(a,b){return a*b+"},{\\"k\\":1"}\n'.repeat(6_000);
    const entries: unknown[] = [];
    for (let p = 0; p < 40; p++) {
      entries.push(harEntry({ kind: 'doc', html: p, ref: p % 7, at: p * 1000, base64: p % 5 === 4 }, p));
      entries.push(harEntry({ kind: 'req', ref: p % 7, at: p * 1000 + 300, login: p % 2 === 0, body: `会員${p}`, params: false }, p));
      entries.push({ ...(harEntry({ kind: 'req', ref: p % 7, at: p * 1000 + 400, login: false, body: '', params: false }, p) as object), response: { status: 200, headers: [], content: { mimeType: 'application/javascript', text: filler } } });
    }
    const file = join(dir, 'big.har');
    writeFileSync(file, JSON.stringify({ log: { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, pages: [], entries } }));
    const run = async (format: 'json' | 'markdown' | 'text', workers: string) => {
      let out = '';
      const code = await runAnalyze(
        { files: [file], urls: [], format, lang: 'ja', reveal: false, version: 't', salt: 'pool-test' },
        { stdout: (t) => void (out += t), stderr: () => undefined, env: { RENKEI_WORKERS: workers } },
      );
      return { code, out: out.replace(/"createdAt": "[^"]*"/g, '').replace(/\d{4}-\d\d-\d\dT[\d:.]+Z|\d{4}[-/]\d\d[-/]\d\d \d\d:\d\d(:\d\d)?/g, 'TIME') };
    };
    expect(POOL_MIN_BYTES).toBeLessThan(entries.length * filler.length);
    const spy = vi.spyOn(HarPool.prototype, 'readHar');
    try {
      for (const format of ['json', 'markdown', 'text'] as const) {
        const serial = await run(format, '0');
        expect(spy).not.toHaveBeenCalled();
        expect(serial.out.length).toBeGreaterThan(100);
        for (const workers of ['1', '2']) {
          expect(await run(format, workers)).toEqual(serial);
          // the pool read the file (it did not fall back to one thread)
          expect(spy).toHaveBeenCalledTimes(1);
          expect(await spy.mock.results[0].value).toBeDefined();
          spy.mockClear();
        }
      }
    } finally {
      spy.mockRestore();
    }
  }, 120_000);
});
