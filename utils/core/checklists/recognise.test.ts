import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checklistsForPage, hostMatches, recogniseSettingsPage } from './recognise';
import { analyzeSettingsPage } from './analyze';

describe('recogniseSettingsPage', () => {
  it('LINE Official Account Manager by path', () => {
    expect(recogniseSettingsPage('<p>x</p>', 'https://manager.line.biz/account/@abc/setting/response')).toEqual({ checklistId: 'ecai-line-connect', page: 'oam-response' });
    expect(recogniseSettingsPage('<p>x</p>', 'https://manager.line.biz/account/@abc/setting/messaging-api')).toEqual({ checklistId: 'ecai-line-connect', page: 'oam-messaging-api' });
  });
  it('LINE Official Account Manager by labels when the path is unknown', () => {
    expect(recogniseSettingsPage('<label><input type=checkbox>チャット</label><label><input type=checkbox>Webhook</label>', 'https://manager.line.biz/account/@abc/x')?.page).toBe('oam-response');
    expect(recogniseSettingsPage('<p>お知らせ</p>', 'https://manager.line.biz/')).toBeNull();
  });
  it('LINE Developers', () => {
    expect(recogniseSettingsPage('<p>x</p>', 'https://developers.line.biz/console/channel/123/basics')?.page).toBe('developers-channel');
    expect(recogniseSettingsPage('<p>x</p>', 'https://developers.line.biz/ja/docs/')).toBeNull();
  });
  it('ECAI by labels anywhere; with fewer labels on a configured host', () => {
    const three = '<label>LINEアカウント名<input></label><label>Channel Id<input></label><label>Channel Secret<input></label>';
    const one = '<label>LINEアカウント名<input></label>';
    expect(recogniseSettingsPage(three, 'https://x.example/a')?.page).toBe('ecai-line-account');
    expect(recogniseSettingsPage(one, 'https://x.example/a')).toBeNull();
    expect(recogniseSettingsPage(one, 'https://x.example/a', { hosts: { ecai: ['x.example'] } })?.page).toBe('ecai-line-account');
    expect(recogniseSettingsPage(one, 'https://admin.x.example/a', { hosts: { ecai: ['*.x.example'] } })?.page).toBe('ecai-line-account');
  });
  it('Luxliner by labels', () => {
    const html = '<label>Chatwork連携の有効化<select><option>有効</option></select></label><label>Zendesk連携の有効化<select><option>無効</option></select></label>';
    expect(recogniseSettingsPage(html, 'https://members.example/admin')).toEqual({ checklistId: 'luxliner-integrations', page: 'luxliner-integrations' });
  });
  it('an ordinary page is not a settings page', () => {
    expect(recogniseSettingsPage('<h1>ようこそ</h1><label>メールアドレス<input></label>', 'https://shop.example/')).toBeNull();
    expect(recogniseSettingsPage('', 'not a url')).toBeNull();
    expect(analyzeSettingsPage('<p>hi</p>', 'https://shop.example/', { salt: 's' })).toBeNull();
  });
  it('pages map to checklists in registry order', () => {
    expect(checklistsForPage('oam-response')).toEqual(['ecai-line-connect', 'ecai-migration', 'ecai-unlink']);
    expect(checklistsForPage('ecai-step-message')).toEqual(['ecai-migration', 'ecai-unlink']);
  });
  it('hostMatches', () => {
    expect(hostMatches('a.example', ['A.example'])).toBe(true);
    expect(hostMatches('a.example', ['https://a.example/path'])).toBe(true);
    expect(hostMatches('evil-a.example', ['*.a.example'])).toBe(false);
    expect(hostMatches('x.a.example', ['*.a.example'])).toBe(true);
    expect(hostMatches('a.example', undefined)).toBe(false);
  });
});

describe('analyzeSettingsPage on hostile input', () => {
  it('never throws, whatever the page and URL', () => {
    const piece = fc.constantFrom('<table><tr><th>', '</th><td>', '</td></tr>', 'Channel Id', 'チャット', 'Webhook URL', '<input value="', '">', '<label>', '</label>', 'オン', 'LINEログイン用 Channel Id', 'APIトークン', '<h2>Zendesk連携</h2>', 'サブドメイン', '<select><option selected>', '</select>', '<dl><dt>', '</dt><dd>', '</dd></dl>', '1656012345', '"', '<', '&amp;', '\u0000');
    const url = fc.constantFrom('https://manager.line.biz/account/@a/setting/response', 'https://manager.line.biz/account/@a/setting/messaging-api', 'https://developers.line.biz/console/channel/1/basics', 'https://x.example/', 'nonsense');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 120 }), url, fc.constantFrom<'ja' | 'en'>('ja', 'en'), (parts, u, lang) => {
        const r = analyzeSettingsPage(parts.join(''), u, { salt: 's', lang, store: { junk: true } });
        if (r) {
          for (const f of r.findings) expect(f.message).not.toMatch(/\{[a-z]+\}/);
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });
});
