import { describe, expect, it } from 'vitest';
import { analyzeSettingsPage, analyzeSettingsPages } from './analyze';
import { emptyStore, forget, maskForDisplay, parseStore, recordCaptures, viewOf, MAX_SITES, STORE_VERSION } from './cross-page';
import { fingerprint, saltId } from '../mask';

const SALT = 'salt-1';
const SECRET = '0123456789abcdef0123456789abcdef';
const WEBHOOK = 'https://ecai.example.jp/line/webhook/8f3k2j';
const meta = { pageId: 'ecai-line-account' as const, url: 'https://admin.ecai.example.jp/x?token=abc', time: 5 };

describe('CrossPageStore', () => {
  it('keeps secrets only as salted fingerprints, public ids in clear', () => {
    const s = recordCaptures(emptyStore(SALT), 'site', [
      { key: 'ecai.channelSecret', value: SECRET },
      { key: 'ecai.channelId', value: '1656012345' },
      { key: 'ecai.webhookUrl', value: WEBHOOK },
    ], SALT, meta);
    const json = JSON.stringify(s);
    expect(json).not.toContain(SECRET);
    expect(json).not.toContain('8f3k2j');
    expect(json).not.toContain('token=abc');
    const v = viewOf(s, 'site');
    expect(v.get('ecai.channelSecret')).toMatchObject({ fingerprint: fingerprint(SECRET, SALT), masked: '01****ef' });
    expect(v.get('ecai.channelSecret')!.clear).toBeUndefined();
    expect(v.get('ecai.channelId')!.clear).toBe('1656012345');
    expect(v.get('ecai.webhookUrl')!.masked).toBe('https://ecai.example.jp/li****2j');
    expect(v.get('ecai.webhookUrl')!.url).toBe('https://admin.ecai.example.jp/x');
  });

  it('is serialisable and versioned; another salt or garbage starts empty', () => {
    const s = recordCaptures(emptyStore(SALT), 'a', [{ key: 'ecai.channelId', value: '1' }], SALT, meta);
    const back = parseStore(JSON.parse(JSON.stringify(s)), SALT);
    expect(back).toEqual(s);
    expect(back.version).toBe(STORE_VERSION);
    expect(parseStore(s, 'other-salt')).toEqual({ version: STORE_VERSION, saltId: saltId('other-salt'), sites: {} });
    expect(parseStore({ version: 99 }, SALT).sites).toEqual({});
    expect(parseStore('nonsense', SALT).sites).toEqual({});
    expect(parseStore({ ...s, sites: { a: { values: { 'ecai.channelId': { fingerprint: 'plain-secret' } } } } }, SALT).sites).toEqual({});
  });

  it('is pure, forgets on request and bounds the number of sites', () => {
    const s0 = emptyStore(SALT);
    const s1 = recordCaptures(s0, 'a', [{ key: 'ecai.channelId', value: '1' }], SALT, meta);
    expect(s0.sites).toEqual({});
    expect(viewOf(forget(s1, 'a', 'ecai.channelId'), 'a').get('ecai.channelId')).toBeUndefined();
    expect(forget(s1, 'a').sites.a).toBeUndefined();
    let s = s0;
    for (let i = 0; i < MAX_SITES + 5; i++) s = recordCaptures(s, `site${i}`, [{ key: 'ecai.channelId', value: String(i) }], SALT, { ...meta, time: i });
    expect(Object.keys(s.sites).length).toBe(MAX_SITES);
    expect(s.sites.site0).toBeUndefined();
    expect(s.sites[`site${MAX_SITES + 4}`]).toBeDefined();
  });

  it('masks URLs keeping the origin', () => {
    expect(maskForDisplay('https://a.example')).toBe('https://a.example');
    expect(maskForDisplay('plain')).toBe('p****n');
  });
});

describe('cross-page through analyzeSettingsPage', () => {
  const ecaiPage = `<table><tr><th>LINEアカウント名</th><td><input value="A"></td></tr><tr><th>Channel Id</th><td><input value="1656012345"></td></tr>
    <tr><th>Channel Secret</th><td><input type=password value="${SECRET}"></td></tr>
    <tr><th>LINEログイン用 Channel Id</th><td><input value="1656099999"></td></tr><tr><th>Webhook URL</th><td>${WEBHOOK}</td></tr></table>`;
  const oam = (webhook: string, id = '1656012345') => `<dl><dt>Channel ID</dt><dd>${id}</dd><dt>Channel secret</dt><dd>${SECRET}</dd><dt>Webhook URL</dt><dd>${webhook}</dd></dl>`;
  const OAM_URL = 'https://manager.line.biz/account/@abc/setting/messaging-api';

  it('ECAI first, then LINE: the Webhook URL is compared', () => {
    const a = analyzeSettingsPage(ecaiPage, 'https://admin.ecai.example.jp/edit', { salt: SALT, hosts: { ecai: ['admin.ecai.example.jp'] } })!;
    expect(a.captured.map((c) => c.key).sort()).toEqual(['ecai.channelId', 'ecai.channelSecret', 'ecai.loginChannelId', 'ecai.webhookUrl']);
    const ok = analyzeSettingsPage(oam(WEBHOOK), OAM_URL, { salt: SALT, store: a.store })!;
    expect(ok.items.find((i) => i.itemId === 'webhook-url-set')).toMatchObject({ state: 'pass', by: 'cross-page' });
    const bad = analyzeSettingsPage(oam('https://old.example/hook'), OAM_URL, { salt: SALT, store: a.store })!;
    expect(bad.findings.map((f) => f.ruleId)).toContain('ecai-line-connect/webhook-url-set');
    // the findings never carry the secret
    expect(JSON.stringify(bad)).not.toContain(SECRET);
  });

  it('LINE first, then ECAI: ⑧ equal to the Messaging API channel id fails', () => {
    const l = analyzeSettingsPage(oam(WEBHOOK, '1656099999'), OAM_URL, { salt: SALT })!;
    const e = analyzeSettingsPage(ecaiPage, 'https://admin.ecai.example.jp/edit', { salt: SALT, hosts: { ecai: ['admin.ecai.example.jp'] }, store: l.store, lang: 'en' })!;
    const f = e.findings.find((x) => x.ruleId === 'ecai-line-connect/login-channel-is-messaging-api')!;
    expect(f.message).toContain('Messaging API channel ID');
  });

  it('a store of another salt is not compared', () => {
    const a = analyzeSettingsPage(ecaiPage, 'https://admin.ecai.example.jp/edit', { salt: SALT, hosts: { ecai: ['admin.ecai.example.jp'] } })!;
    const r = analyzeSettingsPage(oam('https://old.example/hook'), OAM_URL, { salt: 'another', store: a.store })!;
    expect(r.items.find((i) => i.itemId === 'webhook-url-set')!.state).toBe('unknown');
  });

  it('sites are kept apart', () => {
    const a = analyzeSettingsPage(ecaiPage, 'https://admin.ecai.example.jp/edit', { salt: SALT, site: 'shop-a', hosts: { ecai: ['admin.ecai.example.jp'] } })!;
    const r = analyzeSettingsPage(oam('https://old.example/hook'), OAM_URL, { salt: SALT, store: a.store, site: 'shop-b' })!;
    expect(r.items.find((i) => i.itemId === 'webhook-url-set')!.state).toBe('unknown');
  });
});

describe('analyzeSettingsPages', () => {
  const ecai = `<table><tr><th>LINEアカウント名</th><td><input value="A"></td></tr><tr><th>Channel Id</th><td><input value="1656012345"></td></tr><tr><th>LINEログイン用 Channel Id</th><td><input value="1656099999"></td></tr><tr><th>Webhook URL</th><td>https://ecai.example.jp/hook/1</td></tr></table>`;
  const oam = '<dl><dt>Channel ID</dt><dd>1656012345</dd><dt>Webhook URL</dt><dd>https://ecai.example.jp/hook/2</dd></dl>';
  const OAM_URL = 'https://manager.line.biz/account/@abc/setting/messaging-api';
  it('compares across the files whatever their order', () => {
    for (const order of [[0, 1], [1, 0]]) {
      const pages = [{ html: ecai, url: 'https://x.example/ecai' }, { html: oam, url: OAM_URL }, { html: '<p>no</p>', url: 'https://x.example/' }];
      const res = analyzeSettingsPages([...order.map((i) => pages[i]), pages[2]], { salt: 's' });
      expect(res[2]).toBeNull();
      const all = res.flatMap((r) => r?.findings ?? []).map((f) => f.ruleId);
      expect(all.filter((id) => id === 'ecai-line-connect/webhook-url-set').length).toBe(2);
    }
  });
});
