/**
 * Property tests: random and hostile methods, paths, query strings, headers and bodies against
 * every route, on both engines. The service may refuse anything, but never with a 5xx, and an
 * error always comes back as JSON.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app';
import type { Db } from './db';
import { Store } from './store';
import { createEngine, ENGINES, stopCluster, type EngineHandle } from './test/engines';
import { snapshot } from './test/fixtures';

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    '\u0000',
    '%00',
    '%',
    '%ZZ',
    '%ED%A0%80',
    '\ud800',
    '../../etc/passwd',
    "'; DROP TABLE snapshots; --",
    '<script>alert(1)</script>',
    '{{7*7}}',
    'sn_AAAAAAAAAAAAAAAAAAAAAA',
    'rk_' + 'A'.repeat(43),
    'rks_' + 'A'.repeat(43),
    '9'.repeat(400),
    '-1',
    '1e309',
    'NaN',
    '"0"',
    'W/"1"',
    '*',
    'a@b.co',
  ),
);

const jsonish: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** a valid snapshot with one random part replaced by junk */
const mutatedSnapshot = fc
  .tuple(fc.constantFrom('tool', 'pages', 'requests', 'findings', 'summary', 'site', 'env', 'createdAt', 'schemaVersion', 'extra'), jsonish)
  .map(([k, v]) => JSON.stringify({ ...snapshot(), [k]: v }));

const deepJson = fc.integer({ min: 1, max: 5000 }).map((d) => `{"pages":${'['.repeat(d)}${']'.repeat(d)}}`);

const body = fc.oneof(
  fc.constant(undefined),
  jsonish.map((v) => JSON.stringify(v)),
  mutatedSnapshot,
  deepJson,
  hostileString,
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')),
  fc.constant(JSON.stringify(snapshot())),
  fc.constant('{"items":[{"id":"a","state":"pass"}]}'),
);

const enc = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80'; // a lone surrogate cannot be encoded: send its CESU bytes instead
  }
};
const seg = fc.oneof(hostileString.map(enc), hostileString.filter((s) => !/[?#/\s]/.test(s)));

const path = fc.oneof(
  fc.constant('/healthz'),
  fc.constant('/v1/openapi.json'),
  fc.constant('/v1/snapshots'),
  seg.map((s) => `/v1/snapshots/${s}`),
  seg.map((s) => `/v1/snapshots/${s}/share`),
  fc.tuple(seg, seg).map(([s, c]) => `/v1/checklists/${s}/${c}`),
  fc.constant('/v1/checklists/shop.example.jp/ecai-line-connect'),
  seg.map((s) => `/v1/shared/${s}`),
  fc.constant('/v1/compare'),
  fc.array(seg, { maxLength: 4 }).map((p) => `/${p.join('/')}`),
);

const query = fc
  .array(fc.tuple(fc.constantFrom('site', 'env', 'cursor', 'limit', 'a', 'b', 'lang', 'x'), seg), { maxLength: 4 })
  .map((kv) => (kv.length ? `?${kv.map(([k, v]) => `${k}=${v}`).join('&')}` : ''));

const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD');

describe.each(ENGINES)('fuzzing the companion API on %s', (engine) => {
  let h: EngineHandle;
  let db: Db;
  let app: ReturnType<typeof createApp>;
  let token: string;
  let snapId: string;

  beforeAll(async () => {
    h = await createEngine(engine);
    db = await h.open();
    const store = new Store(db);
    app = createApp({ store, corsOrigins: ['chrome-extension://abcdefghijklmnopabcdefghijklmnop'], rateLimit: { ratePerSec: 0, burst: 1 } });
    token = (await store.createToken('fuzz')).token;
    const r = await app.request('/v1/snapshots', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(snapshot()),
    });
    snapId = ((await r.json()) as { id: string }).id;
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await h?.dispose();
    await stopCluster();
  }, 30_000);

  const headers = fc.record(
    {
      authorization: fc.oneof({ arbitrary: fc.constant('VALID'), weight: 4 }, hostileString.map((s) => `Bearer ${s}`), hostileString),
      'content-type': fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', ''),
      'if-match': hostileString,
      origin: fc.constantFrom('chrome-extension://abcdefghijklmnopabcdefghijklmnop', 'https://evil.example', 'null'),
      'access-control-request-method': fc.constantFrom('GET', 'PUT'),
    },
    { requiredKeys: ['authorization'] },
  );

  it('never answers 5xx, and errors are JSON', async () => {
    await fc.assert(
      fc.asyncProperty(method, path, query, headers, body, fc.boolean(), async (m, p, q, hs, b, useSnap) => {
        const h2 = new Headers();
        for (const [k, v] of Object.entries(hs)) {
          const value = k === 'authorization' && v === 'VALID' ? `Bearer ${token}` : v;
          try {
            h2.set(k, value);
          } catch {
            /* not a valid header value: a client could not send it either */
          }
        }
        const url = (useSnap ? p.replace('sn_AAAAAAAAAAAAAAAAAAAAAA', snapId) : p) + q;
        let res: Response;
        try {
          res = await app.request(url, { method: m, headers: h2, body: m === 'GET' || m === 'HEAD' ? undefined : b });
        } catch (e) {
          // the Request constructor itself refused (an invalid URL): no request would reach the server
          if (e instanceof TypeError) return;
          throw e;
        }
        expect(res.status, `${m} ${url}`).toBeLessThan(500);
        if (res.status >= 400 && m !== 'HEAD') {
          const text = await res.text();
          expect(() => JSON.parse(text), `${m} ${url}: ${text.slice(0, 100)}`).not.toThrow();
        }
      }),
      { numRuns: 1500 },
    );
  }, 120_000);

  it('random snapshot bodies are either stored (201) or refused with issues (400)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutatedSnapshot, jsonish.map((v) => JSON.stringify(v)), deepJson), async (b) => {
        const res = await app.request('/v1/snapshots', {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: b,
        });
        expect([201, 400]).toContain(res.status);
        const j = (await res.json()) as { id?: string; issues?: unknown[] };
        if (res.status === 400) expect(Array.isArray(j.issues) && j.issues.length > 0).toBe(true);
        else expect(j.id).toMatch(/^sn_/);
      }),
      { numRuns: 200 },
    );
  }, 120_000);
});
