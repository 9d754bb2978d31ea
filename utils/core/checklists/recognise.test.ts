import { describe, expect, it } from 'vitest';
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
