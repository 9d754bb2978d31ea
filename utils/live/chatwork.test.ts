import { afterEach, describe, expect, it } from 'vitest';
import { startChatworkStub } from '../../tests/mocks/chatwork-stub';
import type { Stub } from '../../tests/mocks/server';
import { WindowBudget } from './budget';
import { runChatworkLiveCheck } from './chatwork';
import { luxlinerLiveItems } from './items';

const TOKEN = '0123456789abcdef0123456789abcdef';
const ROOMS = [
  { room_id: 111, name: 'マイチャット', type: 'my' as const },
  { room_id: 222, name: '通知グループ', type: 'group' as const },
  { room_id: 333, name: '山田さん', type: 'direct' as const },
];
let stub: Stub | undefined;
afterEach(async () => {
  await stub?.stop();
  stub = undefined;
});

describe('Chatwork live check (stub from the documented responses)', () => {
  it('a valid token and group rooms pass', async () => {
    stub = await startChatworkStub({ token: TOKEN, rooms: ROOMS });
    const r = await runChatworkLiveCheck({ token: TOKEN, roomIds: ['222', '222'] }, { baseUrl: stub.url, budget: new WindowBudget(300, 300_000) });
    expect(r).toMatchObject({ authenticated: true, rooms: [{ roomId: '222', exists: true, type: 'group', group: true }], rateRemaining: 298 });
    expect(stub.requests.map((q) => q.path)).toEqual(['/v2/me', '/v2/rooms']);
    expect(stub.requests[0].headers['x-chatworktoken']).toBe(TOKEN);
    const items = luxlinerLiveItems({ chatwork: r }, 'ja');
    expect(items.map((i) => [i.itemId, i.state])).toEqual([
      ['chatwork-token', 'pass'],
      ['chatwork-rooms', 'pass'],
    ]);
  });

  it('a direct chat or an unknown room fails chatwork-rooms', async () => {
    stub = await startChatworkStub({ token: TOKEN, rooms: ROOMS });
    const r = await runChatworkLiveCheck({ token: TOKEN, roomIds: ['222', '333'] }, { baseUrl: stub.url, budget: new WindowBudget(300, 300_000) });
    const rooms = luxlinerLiveItems({ chatwork: r }, 'ja').find((i) => i.itemId === 'chatwork-rooms')!;
    expect(rooms).toMatchObject({ state: 'fail', id: 'luxliner-integrations/chatwork-rooms' });
    expect(rooms.message).toBe('ルームID 333 はグループチャットではありません(種類: direct)。通知先に指定できるのはグループチャットのみです。');
    const r2 = await runChatworkLiveCheck({ token: TOKEN, roomIds: ['999'] }, { baseUrl: stub.url, budget: new WindowBudget(300, 300_000) });
    expect(luxlinerLiveItems({ chatwork: r2 }, 'en').find((i) => i.itemId === 'chatwork-rooms')!.message).toContain('Room 999 is not among');
  });

  it('a wrong token fails chatwork-token with the explanation, never echoing it', async () => {
    stub = await startChatworkStub({ token: TOKEN, rooms: ROOMS });
    const wrong = 'ffffffffffffffffffffffffffffffff';
    const r = await runChatworkLiveCheck({ token: wrong, roomIds: ['222'] }, { baseUrl: stub.url, budget: new WindowBudget(300, 300_000) });
    expect(r.authenticated).toBe(false);
    expect(r.error).toMatchObject({ kind: 'unauthorized', status: 401 });
    const items = luxlinerLiveItems({ chatwork: r }, 'ja');
    expect(items[0]).toMatchObject({ itemId: 'chatwork-token', state: 'fail' });
    expect(items[0].message).toContain('認証に失敗しました');
    expect(items[1].state).toBe('unknown');
    expect(JSON.stringify([r, items])).not.toContain(wrong);
    expect(stub.requests.length).toBe(1);
  });

  it('X-RateLimit-Remaining: 0 stops the next call before it is made', async () => {
    stub = await startChatworkStub({ token: TOKEN, rooms: ROOMS, limit: 1 });
    const budget = new WindowBudget(300, 300_000);
    const r = await runChatworkLiveCheck({ token: TOKEN, roomIds: ['222'] }, { baseUrl: stub.url, budget });
    expect(r).toMatchObject({ authenticated: true, rateRemaining: 0, roomsError: { kind: 'rate-limited' } });
    const rooms = luxlinerLiveItems({ chatwork: r }, 'ja').find((i) => i.itemId === 'chatwork-rooms')!;
    expect(rooms.state).toBe('unknown');
    expect(rooms.message).toContain('5分間に300回');
    expect(stub.requests.length).toBe(1);
  });

  it('a 429 from Chatwork is explained, the items stay unknown, and no retry follows', async () => {
    stub = await startChatworkStub({ token: TOKEN, rooms: ROOMS, limit: 0 });
    const budget = new WindowBudget(300, 300_000);
    const r = await runChatworkLiveCheck({ token: TOKEN, roomIds: ['222'] }, { baseUrl: stub.url, budget });
    expect(r.error).toMatchObject({ kind: 'rate-limited', status: 429 });
    expect(luxlinerLiveItems({ chatwork: r }, 'ja').map((i) => i.state)).toEqual(['unknown', 'unknown']);
    const again = await runChatworkLiveCheck({ token: TOKEN, roomIds: ['222'] }, { baseUrl: stub.url, budget });
    expect(again.error?.kind).toBe('rate-limited');
    expect(stub.requests.length).toBe(1);
  });

  it('the local budget refuses the call beyond 300 per 5 minutes', async () => {
    stub = await startChatworkStub({ token: TOKEN, rooms: ROOMS });
    const budget = new WindowBudget(3, 300_000);
    await runChatworkLiveCheck({ token: TOKEN, roomIds: ['222'] }, { baseUrl: stub.url, budget });
    const r = await runChatworkLiveCheck({ token: TOKEN, roomIds: ['222'] }, { baseUrl: stub.url, budget });
    expect(r.roomsError?.kind).toBe('rate-limited');
    expect(stub.requests.length).toBe(3);
  });

  it('timeouts are explained', async () => {
    stub = await startChatworkStub({ token: TOKEN, rooms: ROOMS, delayMs: 500 });
    const r = await runChatworkLiveCheck({ token: TOKEN, roomIds: [] }, { baseUrl: stub.url, timeoutMs: 50, budget: new WindowBudget(300, 300_000) });
    expect(r.error?.kind).toBe('timeout');
    expect(luxlinerLiveItems({ chatwork: r }, 'ja')[0]).toMatchObject({ state: 'unknown', message: expect.stringContaining('時間内に応答がありませんでした') });
  });

  it('an empty or malformed token never calls the API', async () => {
    expect((await runChatworkLiveCheck({ token: ' ', roomIds: [] })).error?.kind).toBe('invalid-input');
    expect((await runChatworkLiveCheck({ token: 'a b', roomIds: [] })).error?.kind).toBe('invalid-input');
  });
});
