/**
 * The companion API's contract, on both engines: auth and isolation, validation (400 with the
 * list of issues), 404, 413, 429 + Retry-After, privacy rejection, pagination, checklists with
 * optimistic concurrency, share links and their expiry, CORS, compare, the OpenAPI document.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareSnapshots } from '../utils/core/compare';
import { Snapshot } from '../utils/core/snapshot';
import { createApp, MAX_BODY_BYTES } from './app';
import type { CompareFn } from './compare';
import type { Db } from './db';
import { Store } from './store';
import { createEngine, ENGINES, stopCluster, type EngineHandle } from './test/engines';
import { snapshot } from './test/fixtures';
import { ROOT } from './test/process';

const EXT = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

const fakeCompare: CompareFn = (a, b) => ({
  rows: [{ aspect: 'env', a: a.env ?? '', b: b.env ?? '', same: a.env === b.env }],
  findings: [],
  summary: { errors: 0, warnings: 0, infos: 0 },
});

describe.each(ENGINES)('companion API on %s', (engine) => {
  let h: EngineHandle;
  let db: Db;
  let store: Store;
  let clock = Date.parse('2026-03-01T00:00:00Z');
  let app: ReturnType<typeof createApp>;
  let limited: ReturnType<typeof createApp>;
  let tokA: string;
  let tokB: string;

  beforeAll(async () => {
    h = await createEngine(engine);
    db = await h.open();
    store = new Store(db, { now: () => clock });
    app = createApp({ store, corsOrigins: [EXT], rateLimit: { ratePerSec: 0, burst: 1 }, compare: fakeCompare });
    limited = createApp({ store, rateLimit: { ratePerSec: 1, burst: 3 } });
    tokA = (await store.createToken('team-a')).token;
    tokB = (await store.createToken('team-b')).token;
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await h?.dispose();
    await stopCluster();
  }, 30_000);

  const req = (path: string, init: RequestInit & { token?: string | null; json?: unknown } = {}) => {
    const headers = new Headers(init.headers);
    if (init.token !== null) headers.set('authorization', `Bearer ${init.token ?? tokA}`);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(init.json);
    }
    return app.request(path, { ...init, headers, body });
  };
  const post = async (json: unknown, token?: string) => {
    const r = await req('/v1/snapshots', { method: 'POST', json, token });
    return { status: r.status, body: (await r.json()) as { id: string; issues?: { path: (string | number)[]; message: string }[] } };
  };

  it('health needs no token', async () => {
    const r = await app.request('/healthz');
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ ok: true });
  });

  it('rejects missing, malformed, unknown and revoked tokens with 401', async () => {
    expect((await req('/v1/snapshots', { token: null })).status).toBe(401);
    expect((await req('/v1/snapshots', { headers: { authorization: 'Basic Zm9vOmJhcg==' }, token: null })).status).toBe(401);
    expect((await req('/v1/snapshots', { token: 'rk_' + 'A'.repeat(43) })).status).toBe(401);
    const { token } = await store.createToken('team-revoked');
    expect((await req('/v1/snapshots', { token })).status).toBe(200);
    expect(await store.revokeToken(token)).toBe(true);
    const r = await req('/v1/snapshots', { token });
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toBe('Bearer');
    expect(await r.json()).toMatchObject({ error: 'unauthorized' });
    expect(await store.revokeToken(token)).toBe(false);
  });

  it('stores only token hashes', async () => {
    const { token } = await store.createToken('team-hash');
    const rows = await db.query<{ hash: string }>('SELECT hash FROM tokens');
    expect(rows.rows.some((r) => r.hash === token)).toBe(false);
    expect(rows.rows.every((r) => /^[0-9a-f]{64}$/.test(r.hash))).toBe(true);
    expect(token).toMatch(/^rk_[A-Za-z0-9_-]{43}$/);
  });

  it('creates, reads, lists and deletes a snapshot; workspaces are isolated', async () => {
    const s = snapshot({ site: 'iso.example.jp' });
    const c = await post(s);
    expect(c.status).toBe(201);
    expect(c.body.id).toMatch(/^sn_/);
    const g = await req(`/v1/snapshots/${c.body.id}`);
    expect(g.status).toBe(200);
    const env = (await g.json()) as { id: string; site: string; snapshot: unknown };
    expect(env.id).toBe(c.body.id);
    expect(env.site).toBe('iso.example.jp');
    expect(env.snapshot).toEqual(s);

    // team B sees nothing of team A
    expect((await req(`/v1/snapshots/${c.body.id}`, { token: tokB })).status).toBe(404);
    const lb = (await (await req('/v1/snapshots?site=iso.example.jp', { token: tokB })).json()) as { items: unknown[] };
    expect(lb.items).toEqual([]);
    expect((await req(`/v1/snapshots/${c.body.id}`, { method: 'DELETE', token: tokB })).status).toBe(404);
    expect((await req(`/v1/snapshots/${c.body.id}/share`, { method: 'POST', token: tokB })).status).toBe(404);
    expect((await req(`/v1/compare?a=${c.body.id}&b=${c.body.id}`, { token: tokB })).status).toBe(404);

    expect((await req(`/v1/snapshots/${c.body.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await req(`/v1/snapshots/${c.body.id}`)).status).toBe(404);
    expect((await req(`/v1/snapshots/${c.body.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('keeps what the bounds skipped and the verdict of a snapshot (limits speak in the companion too)', async () => {
    const detail = { ja: '1番目のインラインスクリプトが長すぎるため、3,146,545 文字は構文を解析せず、OK SKY・チャネルトークの目印だけを探しました（目印の周りのタグは読んでいます）。', en: 'Inline script #1 is too long: 3,146,545 characters were not parsed.' };
    const s = snapshot({
      site: 'limits.example.jp',
      limits: [{ kind: 'parse-chars', skipped: 3_146_545, unit: 'chars', limit: 2_097_152, pageIndex: 0, script: 0, detail }],
      verdict: {
        kind: 'problems',
        vendors: [
          { vendor: 'oksky', found: true, where: ['static'] },
          { vendor: 'channeltalk', found: false, where: [] },
        ],
        lookedAt: ['static'],
        limited: true,
        limits: [{ what: 'parse-chars', detail }],
        passed: [{ ruleId: 'oksky/smart-quotes', title: { ja: 'タグに全角・装飾の引用符（“ ”）が使われています', en: 'The tag uses typographic quotes' } }],
        headline: { ja: 'エラー 1 件・警告 0 件が見つかりました（一部を読んでいません）', en: 'Found 1 error and 0 warnings (part of the input was not read)' },
      },
    });
    const c = await post(s);
    expect(c.status).toBe(201);
    const env = (await (await req(`/v1/snapshots/${c.body.id}`)).json()) as { snapshot: Snapshot };
    expect(env.snapshot.limits).toEqual(s.limits);
    expect(env.snapshot.verdict).toEqual(s.verdict);
  });

  it('checklists are isolated per workspace', async () => {
    const put = await req('/v1/checklists/iso.example.jp/ecai-line-connect', {
      method: 'PUT',
      headers: { 'if-match': '"0"' },
      json: { items: [{ id: 'channel-id', state: 'pass' }] },
    });
    expect(put.status).toBe(200);
    const other = (await (await req('/v1/checklists/iso.example.jp/ecai-line-connect', { token: tokB })).json()) as { version: number };
    expect(other.version).toBe(0);
  });

  it('answers 400 with the list of issues (path + message)', async () => {
    const bad = { ...snapshot(), tool: { name: 'other', version: 1 }, pages: 'x' };
    const r = await post(bad);
    expect(r.status).toBe(400);
    const paths = r.body.issues!.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['tool.name', 'tool.version', 'pages']));
    for (const i of r.body.issues!) expect(typeof i.message).toBe('string');

    const q = await req('/v1/snapshots?limit=0');
    expect(q.status).toBe(400);
    expect(((await q.json()) as { issues: { path: string[] }[] }).issues[0].path).toEqual(['query', 'limit']);
    const p = await req('/v1/snapshots/not-an-id');
    expect(p.status).toBe(400);
    expect(((await p.json()) as { issues: { path: string[] }[] }).issues[0].path).toEqual(['param', 'id']);
    const m = await req('/v1/snapshots', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"tool":' });
    expect(m.status).toBe(400);
    const ct = await req('/v1/snapshots', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(ct.status).toBe(415);
    const cur = await req('/v1/snapshots?cursor=bm9wZQ');
    expect(cur.status).toBe(400);
  });

  it('rejects payloads carrying clear personal values or secrets, with the path', async () => {
    const cases: [unknown, string][] = [
      [snapshot({ findings: [{ ...snapshot().findings[0], message: 'member taro.yamada@example.co.jp' }] }), 'findings.0.message'],
      [
        (() => {
          const s = snapshot() as unknown as { pages: { tags: { keywords: { value: Record<string, string> }[] }[] }[] };
          s.pages[0].tags[0].keywords[0].value.clear = 'A1234593';
          return s;
        })(),
        'pages.0.tags.0.keywords.0.value.clear',
      ],
      [snapshot({ pages: [{ url: 'https://x.example/?secret=0123456789abcdef0123456789abcdef', state: 'unknown', tags: [] }] }), 'pages.0.url'],
      [snapshot({ requests: [{ url: 'https://api.line.me/', method: 'POST', kind: 'other', error: 'token aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7dE9fG1' }] }), 'requests.0.error'],
      [snapshot({ env: `Bearer ${'x'.repeat(30)}` }), 'env'],
    ];
    for (const [body, path] of cases) {
      const r = await post(body);
      expect(r.status, path).toBe(400);
      expect(r.body.issues!.map((i) => i.path.join('.'))).toContain(path);
    }
    // the same snapshot, masked, is accepted
    expect((await post(snapshot())).status).toBe(201);
  });

  it('answers 404 JSON for unknown routes and unknown ids', async () => {
    const r = await app.request('/nope');
    expect(r.status).toBe(404);
    expect(await r.json()).toMatchObject({ error: 'not_found' });
    expect((await req('/v1/unknown')).status).toBe(404);
    expect((await req('/v1/snapshots/sn_AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
  });

  it('answers 413 for bodies over 1 MiB (declared and streamed)', async () => {
    const big = JSON.stringify({ ...snapshot(), pad: 'x'.repeat(MAX_BODY_BYTES) });
    const r = await req('/v1/snapshots', { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
    expect(r.status).toBe(413);
    expect(await r.json()).toMatchObject({ error: 'too_large' });
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let n = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(ctrl) {
        if (n++ < 20) ctrl.enqueue(chunk);
        else ctrl.close();
      },
    });
    const s = await app.request('/v1/snapshots', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokA}` },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(s.status).toBe(413);
  });

  it('rate-limits per token with 429 and Retry-After', async () => {
    const { token } = await store.createToken('team-limited');
    const codes: number[] = [];
    let retry: string | null = null;
    for (let i = 0; i < 5; i++) {
      const r = await limited.request('/v1/snapshots', { headers: { authorization: `Bearer ${token}` } });
      codes.push(r.status);
      if (r.status === 429) retry = r.headers.get('retry-after');
    }
    expect(codes.slice(0, 3)).toEqual([200, 200, 200]);
    expect(codes.slice(3)).toEqual([429, 429]);
    expect(Number(retry)).toBeGreaterThanOrEqual(1);
    // another token has its own bucket
    const other = await limited.request('/v1/snapshots', { headers: { authorization: `Bearer ${tokB}` } });
    expect(other.status).toBe(200);
  });

  it('paginates with an opaque cursor in a stable order (created time, then id)', async () => {
    const { token } = await store.createToken('team-pages');
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      clock += i % 3 === 0 ? 1000 : 0; // several snapshots share a created time
      ids.push((await post(snapshot({ site: 'pages.example.jp', env: i % 2 ? 'production' : 'staging' }), token)).body.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/v1/snapshots?site=pages.example.jp&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await (await req(url, { token })).json()) as { items: { id: string; summary: unknown }[]; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(3);
      for (const it of page.items) expect(it.summary).toEqual({ errors: 1, warnings: 0, infos: 0 });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.length).toBe(7);
    expect(new Set(seen)).toEqual(new Set(ids));
    const rows = await db.query<{ id: string; ms: number }>(
      "SELECT id, created_ms::float8 AS ms FROM snapshots WHERE site = 'pages.example.jp' ORDER BY created_ms DESC, id DESC",
    );
    expect(seen).toEqual(rows.rows.map((r) => r.id));
    const prod = (await (await req('/v1/snapshots?site=pages.example.jp&env=production', { token })).json()) as { items: unknown[] };
    expect(prod.items.length).toBe(3);
  });

  it('compares two snapshots of the workspace', async () => {
    const a = (await post(snapshot({ env: 'staging' }))).body.id;
    const b = (await post(snapshot({ env: 'production' }))).body.id;
    const r = await req(`/v1/compare?a=${a}&b=${b}&lang=en`);
    expect(r.status).toBe(200);
    const body = (await r.json()) as { a: { id: string }; b: { id: string }; rows: unknown[] };
    expect(body.a.id).toBe(a);
    expect(body.b.id).toBe(b);
    expect(body.rows).toEqual([{ aspect: 'env', a: 'staging', b: 'production', same: false }]);
    expect((await req(`/v1/compare?a=${a}`)).status).toBe(400);
  });

  it('compare gives exactly what `renkei compare` gives (compareSnapshots), on real snapshots', async () => {
    const real = createApp({ store, rateLimit: { ratePerSec: 0, burst: 1 } });
    const files = ['staging', 'production'].map((f) => readFileSync(join(ROOT, 'tests', 'fixtures', 'cli', `${f}.json`), 'utf8'));
    const ids: string[] = [];
    for (const text of files) {
      const r = await real.request('/v1/snapshots', { method: 'POST', headers: { authorization: `Bearer ${tokA}`, 'content-type': 'application/json' }, body: text });
      expect(r.status, await r.clone().text()).toBe(201); // real, masked snapshots pass the privacy check
      ids.push(((await r.json()) as { id: string }).id);
    }
    for (const lang of ['ja', 'en'] as const) {
      const r = await real.request(`/v1/compare?a=${ids[0]}&b=${ids[1]}&lang=${lang}`, { headers: { authorization: `Bearer ${tokA}` } });
      expect(r.status).toBe(200);
      const body = (await r.json()) as { rows: unknown; findings: unknown; summary: unknown };
      const expected = compareSnapshots(Snapshot.parse(JSON.parse(files[0])), Snapshot.parse(JSON.parse(files[1])), { lang });
      expect(body.rows).toEqual(JSON.parse(JSON.stringify(expected.rows)));
      expect(body.findings).toEqual(JSON.parse(JSON.stringify(expected.findings)));
      expect(body.summary).toEqual(expected.summary);
    }
  });

  it('checklists: GET version 0, PUT with If-Match, 409 with current state, 428 without If-Match, ETags', async () => {
    const url = '/v1/checklists/shop.example.jp/ecai-line-connect';
    const g0 = await req(url);
    expect(g0.status).toBe(200);
    expect(await g0.json()).toEqual({ items: [], version: 0, updatedAt: null });
    expect(g0.headers.get('etag')).toBe('"0"');
    const items1 = [{ id: 'channel-id', state: 'pass' }];
    const p1 = await req(url, { method: 'PUT', headers: { 'if-match': '"0"' }, json: { items: items1 } });
    expect(p1.status).toBe(200);
    expect(p1.headers.get('etag')).toBe('"1"');
    expect(await p1.json()).toMatchObject({ items: items1, version: 1 });
    const stale = await req(url, { method: 'PUT', headers: { 'if-match': '"0"' }, json: { items: [{ id: 'channel-id', state: 'fail' }] } });
    expect(stale.status).toBe(409);
    expect(stale.headers.get('etag')).toBe('"1"');
    expect(await stale.json()).toMatchObject({ error: 'conflict', current: { items: items1, version: 1 } });
    const p2 = await req(url, { method: 'PUT', headers: { 'if-match': 'W/"1"' }, json: { items: [{ id: 'channel-id', state: 'manual-done' }] } });
    expect(p2.status).toBe(200);
    expect(((await p2.json()) as { version: number }).version).toBe(2);
    expect((await req(url, { method: 'PUT', json: { items: [] } })).status).toBe(428);
    expect((await req(url, { method: 'PUT', headers: { 'if-match': 'abc' }, json: { items: [] } })).status).toBe(400);
    const bad = await req(url, { method: 'PUT', headers: { 'if-match': '"2"' }, json: { items: [{ id: 'x', state: 'maybe' }] } });
    expect(bad.status).toBe(400);
    const secret = await req(url, {
      method: 'PUT',
      headers: { 'if-match': '"2"' },
      json: { items: [{ id: 'channel-secret', state: 'pass', note: '0123456789abcdef0123456789abcdef' }] },
    });
    expect(secret.status).toBe(400);
    expect((await req('/v1/checklists/bad%00site/ecai-line-connect')).status).toBe(400);
  });

  it('N parallel PUTs on one version: exactly one 200, the rest 409', async () => {
    const url = '/v1/checklists/race.example.jp/luxliner-chatwork';
    const N = 20;
    const results = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        req(url, { method: 'PUT', headers: { 'if-match': '"0"' }, json: { items: [{ id: `item-${i}`, state: 'pass' }] } }),
      ),
    );
    const codes = results.map((r) => r.status).sort();
    expect(codes.filter((c) => c === 200).length).toBe(1);
    expect(codes.filter((c) => c === 409).length).toBe(N - 1);
    // and again on version 1 (UPDATE path)
    const again = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        req(url, { method: 'PUT', headers: { 'if-match': '"1"' }, json: { items: [{ id: `again-${i}`, state: 'pass' }] } }),
      ),
    );
    expect(again.filter((r) => r.status === 200).length).toBe(1);
    expect(again.filter((r) => r.status === 409).length).toBe(N - 1);
    const final = (await (await req(url)).json()) as { version: number };
    expect(final.version).toBe(2);
  });

  it('share links: read-only without a token, 410 after expiry, 404 when unknown or deleted', async () => {
    const id = (await post(snapshot({ site: 'share.example.jp' }))).body.id;
    const r = await req(`/v1/snapshots/${id}/share`, { method: 'POST', json: { ttlSeconds: 3600 } });
    expect(r.status).toBe(201);
    const link = (await r.json()) as { url: string; token: string; expiresAt: string };
    expect(link.token).toMatch(/^rks_/);
    expect(link.url.endsWith(`/v1/shared/${link.token}`)).toBe(true);
    expect(Date.parse(link.expiresAt)).toBe(clock + 3600_000);
    const shared = await app.request(`/v1/shared/${link.token}`);
    expect(shared.status).toBe(200);
    expect(((await shared.json()) as { id: string }).id).toBe(id);
    // a share token is not a workspace token
    expect((await req('/v1/snapshots', { token: link.token })).status).toBe(401);
    // default TTL when no body
    expect((await req(`/v1/snapshots/${id}/share`, { method: 'POST' })).status).toBe(201);
    expect((await req(`/v1/snapshots/${id}/share`, { method: 'POST', json: { ttlSeconds: 1 } })).status).toBe(400);

    clock += 3600_000;
    const expired = await app.request(`/v1/shared/${link.token}`);
    expect(expired.status).toBe(410);
    expect(await expired.json()).toMatchObject({ error: 'gone' });
    expect((await app.request(`/v1/shared/rks_${'A'.repeat(43)}`)).status).toBe(404);
    expect((await app.request('/v1/shared/whatever')).status).toBe(404);

    const fresh = (await (await req(`/v1/snapshots/${id}/share`, { method: 'POST' })).json()) as { token: string };
    expect((await req(`/v1/snapshots/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await app.request(`/v1/shared/${fresh.token}`)).status).toBe(404);
  });

  it('CORS: only the configured extension origin', async () => {
    const pre = await app.request('/v1/snapshots', {
      method: 'OPTIONS',
      headers: { origin: EXT, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(EXT);
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    const ok = await req('/v1/snapshots', { headers: { origin: EXT } });
    expect(ok.headers.get('access-control-allow-origin')).toBe(EXT);
    expect(ok.headers.get('access-control-expose-headers')).toMatch(/ETag/);
    for (const origin of ['chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba', 'https://evil.example', 'null']) {
      const p = await app.request('/v1/snapshots', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET' } });
      expect(p.status).toBe(403);
      expect(p.headers.get('access-control-allow-origin')).toBeNull();
      const g = await req('/v1/snapshots', { headers: { origin } });
      expect(g.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('serves the OpenAPI document generated from the zod schemas', async () => {
    const r = await app.request('/v1/openapi.json');
    expect(r.status).toBe(200);
    const doc = (await r.json()) as { openapi: string; paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };
    expect(doc.openapi).toBe('3.1.0');
    for (const p of ['/healthz', '/v1/snapshots', '/v1/snapshots/{id}', '/v1/compare', '/v1/checklists/{site}/{checklist}', '/v1/snapshots/{id}/share', '/v1/shared/{token}']) {
      expect(doc.paths[p], p).toBeDefined();
    }
    expect(Object.keys(doc.paths['/v1/checklists/{site}/{checklist}']).sort()).toEqual(['get', 'put']);
    expect(doc.components.schemas.Snapshot).toBeDefined();
  });

  it('migrations are recorded and re-running them is a no-op', async () => {
    const { migrate } = await import('./db');
    expect(await migrate(db)).toEqual([]);
    const r = await db.query<{ id: number }>('SELECT id FROM schema_migrations ORDER BY id');
    expect(r.rows.map((x) => x.id)).toEqual([1]);
  });
});
