import { afterEach, describe, expect, it } from 'vitest';
import { startZendeskStub } from '../../tests/mocks/zendesk-stub';
import type { Stub } from '../../tests/mocks/server';
import { WindowBudget } from './budget';
import { luxlinerLiveItems } from './items';
import { runZendeskLiveCheck, zendeskBaseUrl } from './zendesk';

const EMAIL = 'support@myshop.co.jp';
const TOKEN = 'AbCdEf0123456789AbCdEf0123456789AbCdEf01';
const NOW = () => Date.parse('2026-11-22T00:00:00Z');
let stub: Stub | undefined;
afterEach(async () => {
  await stub?.stop();
  stub = undefined;
});
const run = (s: Stub, email = EMAIL, token = TOKEN) => runZendeskLiveCheck({ subdomain: 'myshop', email, token }, { baseUrl: s.url, now: NOW, budget: new WindowBudget(10, 60_000) });

describe('Zendesk live check (stub from the documented responses)', () => {
  it('authenticated only when user.id is set; Basic {email}/token:{token}', async () => {
    stub = await startZendeskStub({ email: EMAIL, token: TOKEN });
    const r = await run(stub);
    expect(r).toMatchObject({ authenticated: true, role: 'admin', emailMatches: true, retirement: { daysLeft: 159, newTokensBlocked: true, stopped: false } });
    expect(Buffer.from(String(stub.requests[0].headers.authorization).slice(6), 'base64').toString()).toBe(`${EMAIL}/token:${TOKEN}`);
    const items = luxlinerLiveItems({ zendesk: r }, 'ja');
    expect(items.map((i) => [i.itemId, i.state])).toEqual([
      ['zendesk-token', 'pass'],
      ['zendesk-token-retirement', 'fail'],
    ]);
    expect(items[1]).toMatchObject({ severity: 'warning', message: 'ZendeskのAPIトークンは2027-04-30に使えなくなります(残り159日)。すでに新しいトークンは作成できません。' });
  });

  it('a 200 with the anonymous user is NOT authenticated (wrong token or e-mail)', async () => {
    stub = await startZendeskStub({ email: EMAIL, token: TOKEN });
    const r = await run(stub, EMAIL, 'wrong-token');
    expect(r).toMatchObject({ authenticated: false, anonymous: true });
    const item = luxlinerLiveItems({ zendesk: r }, 'ja')[0];
    expect(item).toMatchObject({ itemId: 'zendesk-token', state: 'fail' });
    expect(item.message).toContain('匿名ユーザー');
  });

  it('403 and 429 are explained; 429 keeps the item unknown', async () => {
    stub = await startZendeskStub({ email: EMAIL, token: TOKEN, mode: 'forbidden' });
    const f = await run(stub);
    expect(f.error).toMatchObject({ kind: 'forbidden', status: 403 });
    expect(luxlinerLiveItems({ zendesk: f }, 'ja')[0]).toMatchObject({ state: 'fail', message: expect.stringContaining('アクセスが拒否されました') });
    await stub.stop();
    stub = await startZendeskStub({ email: EMAIL, token: TOKEN, mode: 'rate-limited', retryAfter: '12' });
    const l = await run(stub);
    expect(l.error).toMatchObject({ kind: 'rate-limited', retryAfterSec: 12 });
    expect(luxlinerLiveItems({ zendesk: l }, 'en')[0]).toMatchObject({ state: 'unknown', message: expect.stringContaining('Wait about 12 seconds') });
  });

  it('5xx is a server error, never a credential problem', async () => {
    stub = await startZendeskStub({ email: EMAIL, token: TOKEN, mode: 'server-error' });
    const r = await run(stub);
    expect(r.error).toMatchObject({ kind: 'server', status: 503 });
    expect(luxlinerLiveItems({ zendesk: r }, 'ja')[0].state).toBe('unknown');
  });

  it('the host is built only from a valid subdomain', async () => {
    expect(zendeskBaseUrl('myshop')).toBe('https://myshop.zendesk.com');
    expect(zendeskBaseUrl('evil.com/x')).toBeUndefined();
    expect(zendeskBaseUrl('https://myshop.zendesk.com')).toBeUndefined();
    const r = await runZendeskLiveCheck({ subdomain: 'attacker.example#', email: EMAIL, token: TOKEN }, { now: NOW });
    expect(r.error).toEqual({ service: 'zendesk', kind: 'invalid-input', detail: 'subdomain' });
  });

  it('nothing of the credentials appears in results', async () => {
    stub = await startZendeskStub({ email: EMAIL, token: TOKEN, mode: 'forbidden' });
    const r = await run(stub);
    expect(JSON.stringify([r, luxlinerLiveItems({ zendesk: r }, 'ja')])).not.toContain(TOKEN);
  });
});
