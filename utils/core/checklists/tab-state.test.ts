import { describe, expect, it } from 'vitest';
import { refreshChecklist } from './tab-state';

describe('refreshChecklist', () => {
  it('evaluates, records captures and progress, and round-trips through storage', () => {
    const ecai = refreshChecklist({
      html: '<table><tr><th>LINEアカウント名</th><td><input value=A></td></tr><tr><th>Webhook URL</th><td>https://ecai.example.jp/hook/1</td></tr></table>',
      url: 'https://admin.ecai.example.jp/edit',
      lang: 'ja',
      salt: 'x',
      hosts: { ecai: ['admin.ecai.example.jp'] },
      site: 'shop-a',
      now: new Date('2026-11-22T00:00:00Z'),
    })!;
    expect(ecai.progress.items['account-name'].state).toBe('pass');
    const stored = JSON.parse(JSON.stringify({ store: ecai.store, progress: ecai.progress }));
    const line = refreshChecklist({
      html: '<dl><dt>Webhook URL</dt><dd>https://ecai.example.jp/hook/2</dd></dl>',
      url: 'https://manager.line.biz/account/@a/setting/messaging-api',
      lang: 'en',
      salt: 'x',
      site: 'shop-a',
      store: stored.store,
      progress: stored.progress,
      now: new Date('2026-11-22T00:05:00Z'),
    })!;
    expect(line.progress.items['account-name'].state).toBe('pass');
    expect(line.progress.items['webhook-url-set']).toMatchObject({ state: 'fail', ruleId: 'ecai-line-connect/webhook-url-set', by: 'cross-page' });
    expect(line.results.find((r) => r.itemId === 'webhook-url-set')!.message).toContain("LINE's Webhook URL");
    expect(refreshChecklist({ html: '<p>x</p>', url: 'https://shop.example/', lang: 'ja', salt: 'x' })).toBeNull();
  });
});
