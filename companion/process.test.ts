/**
 * The real server process on both engines: acknowledged writes survive `kill -9`, SIGTERM
 * finishes in-flight requests and closes the database, the token CLI (also while the server
 * runs), streamed bodies over 1 MiB, and CORS over real HTTP.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Store } from './store';
import { createEngine, ENGINES, stopCluster, type EngineHandle } from './test/engines';
import { snapshot } from './test/fixtures';
import { runCli, spawnServer, type ServerProc } from './test/process';

describe.each(ENGINES)('companion server process on %s', (engine) => {
  let h: EngineHandle;
  let token: string;
  const running: ServerProc[] = [];

  beforeAll(async () => {
    h = await createEngine(engine);
    const r = await runCli(['token', 'create', '--workspace', 'proc'], h.env);
    expect(r.code, r.stderr).toBe(0);
    token = r.stdout.trim().split('\n').pop()!;
    expect(token).toMatch(/^rk_[A-Za-z0-9_-]{43}$/);
  }, 120_000);
  afterAll(async () => {
    for (const s of running) if (s.proc.exitCode === null) s.proc.kill('SIGKILL');
    await h?.dispose();
    await stopCluster();
  }, 30_000);

  const start = async (extra: Record<string, string> = {}) => {
    const s = await spawnServer({ ...h.env, ...extra });
    running.push(s);
    return s;
  };
  const auth = () => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

  it('every acknowledged write survives kill -9 under load', async () => {
    const s1 = await start();
    const acked: string[] = [];
    let lastVersion = 0;
    let stop = false;
    const writer = async (i: number) => {
      while (!stop) {
        try {
          const r = await fetch(`${s1.url}/v1/snapshots`, {
            method: 'POST',
            headers: auth(),
            body: JSON.stringify(snapshot({ site: `kill-${i}.example.jp` })),
          });
          if (r.status === 201) acked.push(((await r.json()) as { id: string }).id);
        } catch {
          return; // the server is gone
        }
      }
    };
    const checklistWriter = async () => {
      while (!stop) {
        try {
          const r = await fetch(`${s1.url}/v1/checklists/kill.example.jp/ecai-line-connect`, {
            method: 'PUT',
            headers: { ...auth(), 'if-match': `"${lastVersion}"` },
            body: JSON.stringify({ items: [{ id: 'channel-id', state: 'pass', note: `v${lastVersion + 1}` }] }),
          });
          if (r.status === 200) lastVersion = ((await r.json()) as { version: number }).version;
        } catch {
          return;
        }
      }
    };
    const loops = [...Array.from({ length: 12 }, (_, i) => writer(i)), checklistWriter()];
    // enough acknowledged writes (a state; the test's timeout bounds it), then kill with more in flight
    await vi.waitFor(() => expect(acked.length >= 40 && lastVersion >= 3).toBe(true), { timeout: 100_000, interval: 50 });
    const more = acked.length + 5;
    await vi.waitFor(() => expect(acked.length).toBeGreaterThanOrEqual(more), { timeout: 100_000, interval: 10 });
    s1.proc.kill('SIGKILL'); // mid-write: requests are in flight
    await s1.exited;
    stop = true;
    await Promise.all(loops);
    expect(acked.length).toBeGreaterThanOrEqual(40);
    expect(lastVersion).toBeGreaterThan(0);

    const s2 = await start(); // same DATA_DIR / database (a stale lock from the dead pid is taken over)
    const missing: string[] = [];
    for (const id of acked) {
      const r = await fetch(`${s2.url}/v1/snapshots/${id}`, { headers: auth() });
      if (r.status !== 200) missing.push(id);
    }
    expect(missing).toEqual([]);
    const cl = (await (await fetch(`${s2.url}/v1/checklists/kill.example.jp/ecai-line-connect`, { headers: auth() })).json()) as {
      version: number;
    };
    expect(cl.version).toBeGreaterThanOrEqual(lastVersion);
    s2.proc.kill('SIGTERM');
    expect(await s2.exited).toBe(0);
  }, 120_000);

  it('SIGTERM finishes the in-flight request, refuses new ones and closes the database', async () => {
    const s = await start();
    const body = Buffer.from(JSON.stringify(snapshot({ site: 'graceful.example.jp' })));
    const half = Math.floor(body.length / 2);
    // an in-flight request: headers and half of the body sent, then SIGTERM, then the rest
    const response = new Promise<{ status: number; text: string }>((res, rej) => {
      const req = httpRequest(
        `${s.url}/v1/snapshots`,
        { method: 'POST', headers: { ...auth(), 'content-length': String(body.length), expect: '100-continue' } },
        (r) => {
          let text = '';
          r.on('data', (d: Buffer) => (text += d.toString()));
          r.on('end', () => res({ status: r.statusCode ?? 0, text }));
        },
      );
      req.on('error', rej);
      // states, not times: `100 Continue` says the server has read the headers (the request is in
      // flight); the server's log line says it has the signal; refused connections say it drains
      req.on('continue', () => {
        req.write(body.subarray(0, half));
        s.proc.kill('SIGTERM');
        vi.waitFor(() => expect(s.output()).toMatch(/SIGTERM/), { timeout: 30_000, interval: 20 })
          .then(() =>
            // while draining, new connections are refused
            vi.waitFor(() => expect(fetch(`${s.url}/healthz`)).rejects.toThrow(), { timeout: 30_000, interval: 20 }),
          )
          .then(() => req.end(body.subarray(half)), rej);
      });
    });
    const r = await response;
    expect(r.status).toBe(201);
    const id = (JSON.parse(r.text) as { id: string }).id;
    expect(await s.exited).toBe(0);
    expect(s.output()).toMatch(/SIGTERM/);

    // the database was closed cleanly and the write is there
    const db = await h.open();
    try {
      const store = new Store(db);
      const ws = await store.authenticate(token);
      expect(ws).not.toBeNull();
      expect(await store.getSnapshot(ws!, id)).not.toBeNull();
    } finally {
      await db.close();
    }
  }, 120_000);

  it('token CLI: create prints the token last, revoke takes effect, also while the server runs', async () => {
    const s = await start({ RATE_LIMIT_PER_SEC: '0' });
    const created = await runCli(['token', 'create', '--workspace', 'cli-team'], h.env);
    expect(created.code, created.stderr).toBe(0);
    const tok = created.stdout.trim().split('\n').pop()!;
    expect(tok).toMatch(/^rk_/);
    expect((await fetch(`${s.url}/v1/snapshots`, { headers: { authorization: `Bearer ${tok}` } })).status).toBe(200);
    const revoked = await runCli(['token', 'revoke', tok], h.env);
    expect(revoked.code, revoked.stderr).toBe(0);
    // embedded engine: the running server revoked it itself (exact); PostgreSQL: within the cache
    // TTL — polled (a state), not slept, so a slow machine cannot fail it
    if (engine === 'pglite') expect((await fetch(`${s.url}/v1/snapshots`, { headers: { authorization: `Bearer ${tok}` } })).status).toBe(401);
    await vi.waitFor(async () => expect((await fetch(`${s.url}/v1/snapshots`, { headers: { authorization: `Bearer ${tok}` } })).status).toBe(401), {
      timeout: 30_000,
      interval: 100,
    });
    const again = await runCli(['token', 'revoke', tok], h.env);
    expect(again.code).toBe(1);
    expect((await runCli(['token', 'create'], h.env)).code).toBe(2);
    expect((await runCli(['token', 'revoke', 'nope'], h.env)).code).toBe(2);
    expect((await runCli(['frobnicate'], h.env)).code).toBe(2);
    if (engine === 'pglite') {
      // the DATA_DIR belongs to the running server: a second server is refused, clearly
      const second = await runCli(['serve'], { ...h.env, PORT: '0' });
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(/使用中/);
      expect(second.stderr).toMatch(/in use by process/);
    }
    s.proc.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  }, 180_000);

  it('refuses a streamed (chunked) body over 1 MiB with 413, and serves CORS only to configured origins', async () => {
    const ext = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
    const s = await start({ EXTENSION_ORIGINS: 'abcdefghijklmnopabcdefghijklmnop' });
    const status = await new Promise<number>((res, rej) => {
      const req = httpRequest(`${s.url}/v1/snapshots`, { method: 'POST', headers: { ...auth(), 'transfer-encoding': 'chunked' } }, (r) => {
        r.resume();
        res(r.statusCode ?? 0);
      });
      req.on('error', (e) => (String(e).includes('EPIPE') || String(e).includes('ECONNRESET') ? undefined : rej(e)));
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let n = 0;
      const pump = () => {
        while (n < 40) {
          n++;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect(status).toBe(413);
    const pre = await fetch(`${s.url}/v1/snapshots`, { method: 'OPTIONS', headers: { origin: ext, 'access-control-request-method': 'GET' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(ext);
    const other = await fetch(`${s.url}/v1/snapshots`, {
      method: 'OPTIONS',
      headers: { origin: 'chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba', 'access-control-request-method': 'GET' },
    });
    expect(other.status).toBe(403);
    s.proc.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  }, 120_000);
});
