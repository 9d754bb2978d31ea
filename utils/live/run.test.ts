import { afterEach, describe, expect, it } from 'vitest';
import { startChatworkStub } from '../../tests/mocks/chatwork-stub';
import { startZendeskStub } from '../../tests/mocks/zendesk-stub';
import type { Stub } from '../../tests/mocks/server';
import { WindowBudget } from './budget';
import { runLiveForChecklist } from './run';

let stub: Stub | undefined;
afterEach(async () => {
  await stub?.stop();
  stub = undefined;
});

describe('runLiveForChecklist', () => {
  it('Chatwork → luxliner items', async () => {
    stub = await startChatworkStub({ token: 't0k', rooms: [{ room_id: 5, name: 'g', type: 'group' }] });
    const r = await runLiveForChecklist({ service: 'chatwork', token: 't0k', roomIds: ['5'] }, { checklistId: 'luxliner-integrations', lang: 'ja', salt: 's', baseUrl: stub.url, budget: new WindowBudget(10, 60_000) });
    expect(r.map((i) => [i.id, i.state, i.by])).toEqual([
      ['luxliner-integrations/chatwork-token', 'pass', 'live'],
      ['luxliner-integrations/chatwork-rooms', 'pass', 'live'],
    ]);
  });
  it('Zendesk → luxliner items', async () => {
    stub = await startZendeskStub({ email: 'a@b.jp', token: 'k' });
    const r = await runLiveForChecklist({ service: 'zendesk', subdomain: 'shop', email: 'a@b.jp', token: 'k' }, { checklistId: 'luxliner-integrations', lang: 'en', salt: 's', baseUrl: stub.url, now: () => Date.parse('2026-11-22T00:00:00Z'), budget: new WindowBudget(10, 60_000) });
    expect(r.map((i) => [i.itemId, i.state])).toEqual([
      ['zendesk-token', 'pass'],
      ['zendesk-token-retirement', 'fail'],
    ]);
  });
  it('LINE with malformed input calls nothing and explains', async () => {
    const r = await runLiveForChecklist({ service: 'line', channelId: 'x', channelSecret: 'y' }, { checklistId: 'ecai-line-connect', lang: 'ja', salt: 's', fetch: () => Promise.reject(new Error('must not be called')) });
    expect(r.every((i) => i.state === 'unknown' && /形式が正しくない/.test(i.message ?? ''))).toBe(true);
  });
});
