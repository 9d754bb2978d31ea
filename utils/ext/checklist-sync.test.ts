import { describe, expect, it } from 'vitest';
import { emptyProgress, setManual } from '../core/checklists/progress';
import { checklistUrl, companionConfigured, remoteChanges, syncProgress } from './checklist-sync';

const cfg = { url: 'https://companion.example.jp/api/', token: 'tok' };
const reply = (status: number, body: unknown) => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });

describe('checklist sync with the companion', () => {
  it('is local without a companion URL and token', async () => {
    const p = emptyProgress('default', 'ecai-line-connect');
    expect(companionConfigured({ url: '', token: 't' })).toBe(false);
    expect(companionConfigured({ url: 'https://x.example.jp', token: ' ' })).toBe(false);
    expect(await syncProgress(p, { url: '', token: '' }, { fetch: () => Promise.reject(new Error('must not be called')) })).toEqual({ kind: 'local' });
    expect(checklistUrl(cfg, 'shop.example.jp', 'ecai-line-connect')).toBe('https://companion.example.jp/api/v1/checklists/shop.example.jp/ecai-line-connect');
  });

  it('first GET then PUT with If-Match; the new version is kept', async () => {
    const seen: string[] = [];
    const p = setManual(emptyProgress('default', 'ecai-line-connect'), 'line-oa-created', true, new Date('2026-11-22T00:00:00Z'));
    const r = await syncProgress(p, cfg, {
      fetch: (async (_u: string, init: RequestInit) => {
        const h = init.headers as Record<string, string>;
        seen.push(`${init.method} ${h['if-match'] ?? ''}`);
        return init.method === 'GET' ? reply(200, { items: [{ id: 'friend-test', state: 'manual-done', updatedAt: '2026-11-21T00:00:00Z', by: 'manual' }], version: 4 }) : reply(200, { items: [], version: 5 });
      }) as unknown as typeof fetch,
    });
    expect(seen).toEqual(['GET ', 'PUT "4"']);
    expect(r.kind).toBe('synced');
    if (r.kind !== 'synced') return;
    expect(r.progress.remoteVersion).toBe(5);
    expect(r.progress.items['friend-test']!.state).toBe('manual-done');
    expect(r.changes).toEqual([{ itemId: 'friend-test', state: 'manual-done', by: 'manual', updatedAt: '2026-11-21T00:00:00Z', taken: true }]);
  });

  it('errors: network, auth, bad answers, conflicts that do not end — the local progress is kept', async () => {
    const p = { ...emptyProgress('default', 'ecai-line-connect'), remoteVersion: 1 };
    expect((await syncProgress(p, cfg, { fetch: () => Promise.reject(new TypeError('x')) })).kind).toBe('error');
    const auth = await syncProgress(p, cfg, { fetch: async () => reply(401, { error: 'unauthorized' }) });
    expect(auth).toMatchObject({ kind: 'error', reason: 'auth', status: 401 });
    expect(await syncProgress(p, cfg, { fetch: async () => reply(200, '<html>') })).toMatchObject({ kind: 'error', reason: 'bad-response' });
    expect(await syncProgress(p, cfg, { fetch: async () => reply(500, {}) })).toMatchObject({ kind: 'error', reason: 'http', status: 500 });
    const conflicts = await syncProgress(p, cfg, { fetch: async () => reply(409, { current: { items: [], version: 9 } }) });
    expect(conflicts).toMatchObject({ kind: 'error', reason: 'conflict' });
  });

  it('a hanging companion times out', async () => {
    const p = { ...emptyProgress('default', 'ecai-line-connect'), remoteVersion: 1 };
    const r = await syncProgress(p, cfg, {
      timeoutMs: 50,
      fetch: ((_u: string, init: RequestInit) => new Promise((_res, rej) => init.signal!.addEventListener('abort', () => rej(new Error('aborted'))))) as unknown as typeof fetch,
    });
    expect(r).toMatchObject({ kind: 'error', reason: 'network' });
  });

  it('remoteChanges lists what differs and whether it was taken', () => {
    const p = setManual(emptyProgress('s', 'ecai-line-connect'), 'friend-test', true, new Date('2026-11-22T00:00:00Z'));
    const c = remoteChanges(p, { version: 1, items: [
      { id: 'friend-test', state: 'unknown', updatedAt: '2026-11-21T00:00:00Z', by: 'manual' },
      { id: 'chat-off', state: 'fail', updatedAt: '2026-11-21T00:00:00Z', by: 'page' },
      { id: 'webhook-on', state: 'unknown' },
    ] });
    expect(c.map((x) => [x.itemId, x.taken])).toEqual([['friend-test', false], ['chat-off', true]]);
  });
});
