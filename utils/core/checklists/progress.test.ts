import { describe, expect, it } from 'vitest';
import { analyzeSettingsPage } from './analyze';
import connect from './ecai-line-connect';
import { applyResults, emptyProgress, mergeRemote, parseProgress, setManual, summarise, toCompanionItems, PROGRESS_VERSION } from './progress';

const T0 = new Date('2026-11-22T00:00:00Z');
const T1 = new Date('2026-11-22T01:00:00Z');
const OAM = 'https://manager.line.biz/account/@a/setting/response';
const toggles = (s: Record<string, boolean>) => Object.entries(s).map(([l, on]) => `<label><input type=checkbox${on ? ' checked' : ''}>${l}</label>`).join('');

describe('checklist progress', () => {
  it('records pass/fail from pages; unknown never erases; summary and next step', () => {
    let p = emptyProgress('shop-a', 'ecai-line-connect');
    const bad = analyzeSettingsPage(toggles({ チャット: true, あいさつメッセージ: false, Webhook: true, 応答メッセージ: false }), OAM, { salt: 's' })!;
    p = applyResults(p, bad.items, T0);
    expect(p.items['chat-off']).toEqual({ id: 'chat-off', state: 'fail', ruleId: 'ecai-line-connect/chat-off', updatedAt: T0.toISOString(), by: 'page' });
    expect(summarise(connect, p)).toEqual({ total: 19, done: 3, failing: 1, next: 'chat-off' });
    // another page where 応答設定 items are unknown does not erase them
    const other = analyzeSettingsPage('<table><tr><th>LINEアカウント名</th><td><input value=A></td></tr><tr><th>Channel Id</th><td><input value=1656012345></td></tr><tr><th>Channel Secret</th><td><input value=x></td></tr></table>', 'https://e.example/', { salt: 's' })!;
    p = applyResults(p, other.items, T1);
    expect(p.items['chat-off'].state).toBe('fail');
    expect(p.items['account-name'].state).toBe('pass');
    const fixed = analyzeSettingsPage(toggles({ チャット: false }), OAM, { salt: 's' })!;
    p = applyResults(p, fixed.items, T1);
    expect(p.items['chat-off']).toMatchObject({ state: 'pass', by: 'page' });
    expect(p.items['chat-off'].ruleId).toBeUndefined();
    expect(summarise(connect, p).next).toBe('channel-secret');
  });

  it('manual ticks, and evidence overrides a tick', () => {
    let p = setManual(emptyProgress('s', 'ecai-line-connect'), 'line-oa-created', true, T0);
    expect(p.items['line-oa-created']).toMatchObject({ state: 'manual-done', by: 'manual' });
    expect(summarise(connect, p)).toMatchObject({ done: 1, next: 'login-channel-created' });
    p = setManual(p, 'line-oa-created', false, T1);
    expect(p.items['line-oa-created']).toBeUndefined();
    p = setManual(p, 'chat-off', true, T0);
    p = applyResults(p, analyzeSettingsPage(toggles({ チャット: true }), OAM, { salt: 's' })!.items, T1);
    expect(p.items['chat-off'].state).toBe('fail');
  });

  it('is versioned and validated when read back', () => {
    const p = setManual(emptyProgress('s', 'ecai-line-connect'), 'friend-test', true, T0);
    expect(parseProgress(JSON.parse(JSON.stringify(p)), 's', 'ecai-line-connect')).toEqual(p);
    expect(p.schema).toBe(PROGRESS_VERSION);
    expect(parseProgress({ ...p, schema: 2 }, 's', 'ecai-line-connect').items).toEqual({});
    expect(parseProgress(p, 'other-site', 'ecai-line-connect').items).toEqual({});
    expect(parseProgress({ ...p, items: { ...p.items, 'no-such-item': p.items['friend-test'] } }, 's', 'ecai-line-connect').items['no-such-item']).toBeUndefined();
    expect(parseProgress(null, 's', 'x')).toEqual(emptyProgress('s', 'x'));
  });

  it('syncs with the companion item shape: the later change wins per item', () => {
    let p = setManual(emptyProgress('s', 'ecai-line-connect'), 'friend-test', true, T1);
    expect(toCompanionItems(p)).toEqual([{ id: 'friend-test', state: 'manual-done', updatedAt: T1.toISOString(), by: 'manual' }]);
    p = mergeRemote(p, {
      version: 7,
      items: [
        { id: 'friend-test', state: 'unknown', updatedAt: T0.toISOString() },
        { id: 'line-oa-created', state: 'manual-done', updatedAt: T0.toISOString() },
        { id: 'chat-off', state: 'bogus', updatedAt: T1.toISOString() },
      ],
    });
    expect(p.remoteVersion).toBe(7);
    expect(p.items['friend-test'].state).toBe('manual-done');
    expect(p.items['line-oa-created']).toMatchObject({ state: 'manual-done', by: 'remote' });
    expect(p.items['chat-off']).toBeUndefined();
  });
});
