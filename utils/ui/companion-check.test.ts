import { describe, expect, it, vi } from 'vitest';
import { normalizeBaseUrl, testCompanionConnection, type FetchLike } from './companion-check';

const res = (status: number) => new Response(status === 204 ? null : '{}', { status });

function fake(handler: (url: string, init?: RequestInit) => Response | Error): FetchLike & { calls: [string, RequestInit | undefined][] } {
  const calls: [string, RequestInit | undefined][] = [];
  const f = vi.fn(async (url: string, init?: RequestInit) => {
    calls.push([url, init]);
    const r = handler(url, init);
    if (r instanceof Error) throw r;
    return r;
  });
  return Object.assign(f, { calls });
}

describe('testCompanionConnection', () => {
  it('checks health then an authenticated snapshot list', async () => {
    const f = fake(() => res(200));
    expect(await testCompanionConnection('https://c.example.jp', 'tok', f)).toEqual({ ok: true, code: 'ok' });
    expect(f.calls.map((c) => c[0])).toEqual(['https://c.example.jp/healthz', 'https://c.example.jp/v1/snapshots?limit=1']);
    expect((f.calls[1]![1]!.headers as Record<string, string>).Authorization).toBe('Bearer tok');
  });

  it('keeps a path prefix', async () => {
    const f = fake(() => res(200));
    await testCompanionConnection('https://c.example.jp/renkei', 'tok', f);
    expect(f.calls[0]![0]).toBe('https://c.example.jp/renkei/healthz');
  });

  it('rejects bad URLs without any request', async () => {
    const f = fake(() => res(200));
    for (const u of ['', 'c.example.jp', 'ftp://c.example.jp', 'https://c.example.jp/?x=1', 'https://user:pw@c.example.jp/', 'javascript:alert(1)'])
      expect(await testCompanionConnection(u, 'tok', f), u).toEqual({ ok: false, code: 'bad-url' });
    expect(f.calls).toHaveLength(0);
  });

  it('tells unreachable from CORS by an opaque no-cors probe', async () => {
    const down = fake(() => new TypeError('Failed to fetch'));
    expect(await testCompanionConnection('https://c.example.jp/', 'tok', down)).toEqual({ ok: false, code: 'unreachable' });
    const cors = fake((_u, init) => (init?.mode === 'no-cors' ? new Response(null, { status: 200 }) : new TypeError('Failed to fetch')));
    expect(await testCompanionConnection('https://c.example.jp/', 'tok', cors)).toEqual({ ok: false, code: 'cors' });
  });

  it('reports 401, 403, other statuses and a health-only check without a token', async () => {
    const status = (s: number) => fake((u) => (u.endsWith('/healthz') ? res(200) : res(s)));
    expect(await testCompanionConnection('https://c.example.jp/', 'bad', status(401))).toEqual({ ok: false, code: 'unauthorized' });
    expect(await testCompanionConnection('https://c.example.jp/', 'bad', status(403))).toEqual({ ok: false, code: 'forbidden' });
    expect(await testCompanionConnection('https://c.example.jp/', 'x', status(500))).toEqual({ ok: false, code: 'http-error', status: 500, step: 'snapshots' });
    expect(await testCompanionConnection('https://c.example.jp/', 'x', fake(() => res(503)))).toEqual({ ok: false, code: 'http-error', status: 503, step: 'healthz' });
    const f = fake(() => res(200));
    expect(await testCompanionConnection('https://c.example.jp/', '  ', f)).toEqual({ ok: true, code: 'health-only' });
    expect(f.calls).toHaveLength(1);
  });

  it('reports a timeout', async () => {
    const slow: FetchLike = (_u, init) =>
      new Promise((_r, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('timed out', 'TimeoutError'))));
    expect(await testCompanionConnection('https://c.example.jp/', 'tok', slow, 20)).toEqual({ ok: false, code: 'timeout' });
  });

  it('normalizes the base URL', () => {
    expect(normalizeBaseUrl(' https://c.example.jp ')?.toString()).toBe('https://c.example.jp/');
    expect(normalizeBaseUrl('http://localhost:8787/api')?.toString()).toBe('http://localhost:8787/api/');
  });
});
