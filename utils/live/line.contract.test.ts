/**
 * Contract tests of the LINE live check against Prism mock servers started from the official
 * OpenAPI documents (tests/mocks/line/, copies of line/line-openapi). Prism runs with `--errors`:
 * a request that does not match the spec (path, method, body, Bearer security) gets a 4xx, so
 * every call the check makes is validated against the contract.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../core/mask';
import { startPrism, type PrismServer } from '../../tests/mocks/server';
import { WindowBudget } from './budget';
import { issueStatelessToken, runLineLiveCheck } from './line';
import { lineLiveItems } from './items';

let tokenApi: PrismServer;
let botApi: PrismServer;
const seen: { url: string; prefer?: string }[] = [];

/** api.line.me serves both documents: route token paths to one mock, the rest to the other. */
function routedFetch(prefer?: Record<string, string>): typeof fetch {
  return (input, init) => {
    const u = new URL(String(input));
    const target = u.pathname.startsWith('/oauth2/') ? tokenApi.url : botApi.url;
    const headers = new Headers(init?.headers);
    const p = prefer?.[u.pathname];
    if (p) headers.set('prefer', p);
    seen.push({ url: u.pathname, prefer: p });
    return fetch(`${target}${u.pathname}${u.search}`, { ...init, headers });
  };
}

const CREDS = { channelId: '1656012345', channelSecret: '0123456789abcdef0123456789abcdef' };
const SALT = 'contract';
const base = 'https://api.line.me';
const budget = () => new WindowBudget(100, 60_000);

beforeAll(async () => {
  [tokenApi, botApi] = await Promise.all([startPrism('tests/mocks/line/channel-access-token.yml'), startPrism('tests/mocks/line/messaging-api.yml')]);
}, 180_000);

afterAll(async () => {
  await Promise.all([tokenApi?.stop(), botApi?.stop()]);
});

describe('LINE live check (Prism, official OpenAPI)', () => {
  it('issues a stateless token with client credentials', async () => {
    const token = await issueStatelessToken(CREDS, { baseUrl: base, fetch: routedFetch(), budget: budget() });
    expect(token).toBe('eyJhbGciOiJIUz.....');
  });

  it('reads bot info, webhook endpoint, webhook test and quota — every call valid against the spec', async () => {
    seen.length = 0;
    const r = await runLineLiveCheck(CREDS, { baseUrl: base, fetch: routedFetch(), budget: budget(), salt: SALT, ecaiWebhookFingerprint: fingerprint('https://example.com/test', SALT) });
    expect(r.error).toBeUndefined();
    expect(r.authenticated).toBe(true);
    expect(r.bot).toEqual({ ok: true, value: { chatMode: 'chat', markAsReadMode: 'manual', displayName: 'Example name', basicId: '@216ru...' } });
    expect(r.webhook).toMatchObject({ ok: true, value: { active: true, empty: false, matchesEcai: true, endpointMasked: 'https://example.com/****' } });
    expect(r.test).toEqual({ ok: true, value: { success: true, statusCode: 200, reason: 'OK' } });
    expect(r.quota).toEqual({ ok: true, value: { type: 'limited', limit: 1000, used: 500, remaining: 500, plan: 'free' } });
    expect(seen.map((s) => s.url)).toEqual(['/oauth2/v3/token', '/v2/bot/info', '/v2/bot/channel/webhook/endpoint', '/v2/bot/channel/webhook/test', '/v2/bot/message/quota', '/v2/bot/message/quota/consumption']);
  });

  it('maps the answers onto the checklist items', async () => {
    const r = await runLineLiveCheck(CREDS, { baseUrl: base, fetch: routedFetch(), budget: budget(), salt: SALT, ecaiWebhookFingerprint: fingerprint('https://example.com/other', SALT) });
    const connect = Object.fromEntries(lineLiveItems(r, 'ecai-line-connect', 'ja').map((i) => [i.itemId, i]));
    expect(connect['chat-off']).toMatchObject({ state: 'fail', by: 'live', id: 'ecai-line-connect/chat-off' });
    expect(connect['chat-off'].message).toContain('chatMode');
    expect(connect['webhook-on'].state).toBe('pass');
    expect(connect['webhook-url-set']).toMatchObject({ state: 'fail' });
    const quota = lineLiveItems(r, 'ecai-quota-alert', 'ja')[0];
    expect(quota).toMatchObject({ itemId: 'quota-remaining', state: 'pass' });
    expect(quota.message).toBe('残り500通(上限 1000通・フリープラン)。');
    expect(lineLiveItems(r, 'ecai-quota-alert', 'en')[0].message).toBe('500 messages left (limit 1000, Free plan).');
  });

  it('an inactive webhook (the spec\'s INACTIVE example) fails webhook-on', async () => {
    const r = await runLineLiveCheck(CREDS, { baseUrl: base, fetch: routedFetch({ '/v2/bot/channel/webhook/endpoint': 'example=INACTIVE' }), budget: budget(), salt: SALT, testWebhook: false });
    expect(r.webhook).toMatchObject({ ok: true, value: { active: false } });
    expect(r.test).toBeUndefined();
    const items = Object.fromEntries(lineLiveItems(r, 'ecai-migration', 'ja').map((i) => [i.itemId, i]));
    expect(items['bot-mode-webhook-on'].state).toBe('fail');
    expect(items['webhook-url-set'].state).toBe('unknown');
  });

  it('a request the spec rejects surfaces as an error, not as data', async () => {
    // the Messaging API requires a Bearer token (security scheme): Prism answers 401 without one
    const res = await fetch(`${botApi.url}/v2/bot/info`);
    expect(res.status).toBe(401);
  });

  it('malformed credentials never reach the API', async () => {
    seen.length = 0;
    const r = await runLineLiveCheck({ channelId: '123', channelSecret: 'x' }, { baseUrl: base, fetch: routedFetch(), budget: budget(), salt: SALT });
    expect(r).toEqual({ authenticated: false, error: { service: 'line', kind: 'invalid-input', detail: 'Channel ID: 10 digits' } });
    expect(seen).toEqual([]);
  });
});
