import { describe, expect, it } from 'vitest';
import { lineLiveItems, zendeskLiveEvals } from './items';
import type { LineLiveResult } from './line';

const ok = <T,>(value: T) => ({ ok: true as const, value });
const base: LineLiveResult = {
  authenticated: true,
  bot: ok({ chatMode: 'bot' as const, markAsReadMode: 'auto' as const, displayName: 'x', basicId: '@x' }),
  webhook: ok({ endpointMasked: 'https://ecai.example.jp/li****2j', endpointFingerprint: 'fp:0', empty: false, active: true, matchesEcai: true }),
  test: ok({ success: true, statusCode: 200, reason: 'OK' }),
  quota: ok({ type: 'limited' as const, limit: 15000, used: 15000, remaining: 0, plan: 'light' as const }),
};
const states = (r: LineLiveResult, c: string) => Object.fromEntries(lineLiveItems(r, c, 'ja').map((i) => [i.itemId, i.state]));

describe('LINE live results as checklist items', () => {
  it('everything as ECAI needs it', () => {
    expect(states(base, 'ecai-line-connect')).toEqual({ 'webhook-url-set': 'pass', 'chat-off': 'pass', 'webhook-on': 'pass' });
    expect(states(base, 'ecai-migration')).toEqual({ 'webhook-url-set': 'pass', 'bot-mode-webhook-on': 'pass' });
  });
  it('no messages left is a warning with the numbers', () => {
    const q = lineLiveItems(base, 'ecai-quota-alert', 'ja')[0];
    expect(q).toMatchObject({ state: 'fail', severity: 'warning', message: '今月の配信上限数に達しています(上限 15000通 / 送信済み 15000通)。メッセージがお客様に届きません。' });
  });
  it('no limit passes', () => {
    expect(lineLiveItems({ ...base, quota: ok({ type: 'none' as const, used: 3 }) }, 'ecai-quota-alert', 'en')[0]).toMatchObject({ state: 'pass', message: 'No limit (3 sent this month).' });
  });
  it('an empty endpoint fails; a failed webhook test leaves the URL unknown', () => {
    expect(states({ ...base, webhook: ok({ endpointMasked: '', endpointFingerprint: 'fp:1', empty: true, active: false }) }, 'ecai-line-connect')['webhook-url-set']).toBe('fail');
    const r = lineLiveItems({ ...base, test: ok({ success: false, statusCode: 500, reason: 'ERROR_STATUS_CODE' }) }, 'ecai-line-connect', 'ja');
    expect(r.find((i) => i.itemId === 'webhook-url-set')).toMatchObject({ state: 'unknown', message: expect.stringContaining('テスト送信が失敗') });
  });
  it('wrong Channel ID / secret: nothing is read, every item says why', () => {
    const r = lineLiveItems({ authenticated: false, error: { service: 'line', kind: 'bad-credentials', status: 400 } }, 'ecai-line-connect', 'ja');
    expect(r.every((i) => i.state === 'unknown' && i.message!.includes('認証に失敗しました'))).toBe(true);
  });
  it('Chat on fails with the live message', () => {
    const r = lineLiveItems({ ...base, bot: ok({ chatMode: 'chat' as const, markAsReadMode: 'manual' as const, displayName: 'x', basicId: '@x' }) }, 'ecai-migration', 'en');
    expect(r.find((i) => i.itemId === 'bot-mode-webhook-on')).toMatchObject({ state: 'fail', message: 'The LINE API reports a wrong response mode or webhook state (chatMode: chat).' });
  });
});

describe('Zendesk retirement from the live check', () => {
  it('after the stop date', () => {
    expect(zendeskLiveEvals({ authenticated: false, retirement: { daysLeft: -3, newTokensBlocked: true, stopped: true } })['zendesk-token-retirement']).toMatchObject({ messageId: 'stopped', data: { days: 0 } });
  });
});
