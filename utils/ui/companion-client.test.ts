import { describe, expect, it } from 'vitest';
import { analyzeSession } from '../core/analyze';
import { buildSnapshot } from '../core/snapshot-build';
import { fixtureSession } from '../../components/__fixtures__/session';
import { CompanionError, companionFromSettings, createCompanionClient, openSharedLink, sharedUrl } from './companion-client';
import type { FetchLike } from './companion-check';

const snap = buildSnapshot(analyzeSession(fixtureSession(), { lang: 'ja', salt: 'test-salt-1234' }), { version: '1.0.0', env: 'staging' });
const TOKEN = `rk_${'a'.repeat(43)}`;
const SHARE = `rks_${'b'.repeat(43)}`;
const ID = `sn_${'c'.repeat(22)}`;

type Call = { url: string; init?: RequestInit };
function fake(handler: (url: string, init?: RequestInit) => Response | Promise<Response>): { fetch: FetchLike; calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    fetch: async (url, init) => {
      calls.push({ url, init });
      return handler(url, init);
    },
  };
}
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const meta = { id: ID, site: 'shop.example.jp', env: 'staging', createdAt: '2026-11-22T00:00:00.000Z' };

async function codeOf(p: Promise<unknown>): Promise<CompanionError['info']> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(CompanionError);
    return (e as CompanionError).info;
  }
  throw new Error('expected a CompanionError');
}

describe('companion client', () => {
  it('is absent without a configured URL (local-only use) and refuses a broken URL', () => {
    expect(companionFromSettings(undefined)).toBeUndefined();
    expect(companionFromSettings({ url: '  ', token: TOKEN })).toBeUndefined();
    expect(() => companionFromSettings({ url: 'ftp://x', token: TOKEN })).toThrow(CompanionError);
  });

  it('uploads with the bearer token and JSON, lists with site/env/cursor, gets, compares, deletes', async () => {
    const f = fake((url, init) => {
      const u = new URL(url);
      if (init?.method === 'POST' && u.pathname === '/base/v1/snapshots') return json(201, { id: ID, createdAt: meta.createdAt });
      if (u.pathname === '/base/v1/snapshots' && !init?.method) return json(200, { items: [{ ...meta, summary: snap.summary }], nextCursor: 'next1' });
      if (u.pathname === `/base/v1/snapshots/${ID}` && init?.method === 'DELETE') return new Response(null, { status: 204 });
      if (u.pathname === `/base/v1/snapshots/${ID}`) return json(200, { ...meta, snapshot: snap });
      if (u.pathname === '/base/v1/compare') return json(200, { a: meta, b: meta, rows: [{ aspect: 'env', a: 'x', b: 'y', same: false }], findings: [], summary: { errors: 0, warnings: 0, infos: 0 } });
      return json(404, { error: 'not_found' });
    });
    const c = createCompanionClient({ url: 'http://127.0.0.1:9/base', token: ` ${TOKEN} ` }, f.fetch);
    expect(await c.upload(snap)).toEqual({ id: ID });
    const up = f.calls[0]!;
    expect((up.init!.headers as Record<string, string>).Authorization).toBe(`Bearer ${TOKEN}`);
    expect((up.init!.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect(JSON.parse(up.init!.body as string).env).toBe('staging');
    const list = await c.list({ site: 'shop.example.jp', env: 'staging', cursor: 'abc' });
    expect(list.nextCursor).toBe('next1');
    expect(f.calls[1]!.url).toBe('http://127.0.0.1:9/base/v1/snapshots?site=shop.example.jp&env=staging&cursor=abc');
    expect((await c.get(ID)).snapshot.pages.length).toBe(snap.pages.length);
    expect((await c.compare(ID, ID, 'en')).rows[0]!.same).toBe(false);
    expect(f.calls[3]!.url).toContain(`a=${ID}&b=${ID}&lang=en`);
    await c.remove(ID);
    expect(f.calls[4]!.init!.method).toBe('DELETE');
  });

  it('maps every failure to a clear code and a message in both languages', async () => {
    const cases: [Response | Error, string, Partial<CompanionError['info']>][] = [
      [new TypeError('Failed to fetch'), 'unreachable', {}],
      [json(401, { error: 'unauthorized' }), 'unauthorized', {}],
      [json(413, { error: 'too_large' }), 'too-large', {}],
      [json(429, { error: 'rate_limited' }, { 'retry-after': '7' }), 'rate-limited', { retryAfter: 7 }],
      [json(400, { error: 'personal_data', issues: [{ path: ['pages', 0, 'tags', 0, 'key'], message: 'looks like a secret' }] }), 'privacy', { paths: ['pages.0.tags.0.key'] }],
      [json(500, { error: 'internal' }), 'server', { status: 500 }],
      [new Response('<html>oops</html>', { status: 200 }), 'bad-response', {}],
    ];
    for (const [res, code, extra] of cases) {
      const c = createCompanionClient({ url: 'http://h.example/', token: TOKEN }, async () => {
        if (res instanceof Error) throw res;
        return res.clone();
      });
      const info = await codeOf(c.upload(snap));
      expect(info.code).toBe(code);
      expect(info).toMatchObject(extra);
      const e = new CompanionError(info);
      expect(e.messageIn('ja')).toMatch(/[ぁ-んァ-ン一-龯]/);
      expect(e.messageIn('en')).toMatch(/[a-z]/);
    }
    const rl = new CompanionError({ code: 'rate-limited', retryAfter: 7 });
    expect(rl.messageIn('ja')).toContain('7 秒');
    expect(new CompanionError({ code: 'privacy', paths: ['pages.0.tags.0.key'] }).messageIn('ja')).toContain('pages.0.tags.0.key');
    expect(new CompanionError({ code: 'unauthorized' }).messageIn('ja')).toContain('無効化');
  });

  it('a response that is not what the schema says is rejected (zod), not passed on', async () => {
    const c = createCompanionClient({ url: 'http://h.example/', token: TOKEN }, async () => json(200, { ...meta, snapshot: { pages: 'nope' } }));
    expect((await codeOf(c.get(ID))).code).toBe('bad-response');
  });

  it('opens share links without a workspace token, from a link or a bare token', async () => {
    expect(sharedUrl(`https://c.example/v1/shared/${SHARE}`, undefined)).toBe(`https://c.example/v1/shared/${SHARE}`);
    expect(sharedUrl(SHARE, new URL('http://127.0.0.1:8787/'))).toBe(`http://127.0.0.1:8787/v1/shared/${SHARE}`);
    expect(() => sharedUrl('https://c.example/v1/snapshots/x', undefined)).toThrow(CompanionError);
    expect(() => sharedUrl('not a link', undefined)).toThrow(CompanionError);
    expect(() => sharedUrl(SHARE, undefined)).toThrow(CompanionError);
    const f = fake(() => json(200, { ...meta, snapshot: snap }));
    const s = await openSharedLink(`https://c.example/v1/shared/${SHARE}`, f.fetch);
    expect(s.snapshot.env).toBe('staging');
    expect(f.calls[0]!.url).toBe(`https://c.example/v1/shared/${SHARE}`);
    expect((f.calls[0]!.init!.headers as Record<string, string>).Authorization).toBeUndefined();
    const gone = createCompanionClient({ url: 'http://h.example/', token: TOKEN }, async () => json(410, { error: 'gone' }));
    expect((await codeOf(gone.openShared(SHARE))).code).toBe('gone');
  });
});
