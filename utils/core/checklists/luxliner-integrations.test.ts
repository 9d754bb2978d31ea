import { describe, expect, it } from 'vitest';
import checklist, { subdomainProblem, zendeskTokenRetirement } from './luxliner-integrations';
import { runChecklistCases } from './case-tester';

interface Lux {
  cw?: boolean;
  stop?: boolean;
  cwToken?: string;
  rooms?: [string, string, string, string];
  zd?: boolean;
  sub?: string;
  mail?: string;
  zdToken?: string;
  ns?: boolean;
  nsUrl?: string;
  nsPlan?: string;
}
const onoff = (label: string, on: boolean | undefined) =>
  on === undefined ? '' : `<tr><th>${label}</th><td><label><input type=radio name="${label}"${on ? ' checked' : ''}>有効</label><label><input type=radio name="${label}"${on ? '' : ' checked'}>無効</label></td></tr>`;
const input = (label: string, v: string | undefined, type = 'text') => (v === undefined ? '' : `<tr><th>${label}</th><td><input type=${type} value="${v}"></td></tr>`);
const lux = (o: Lux) => `<h1>外部連携設定</h1>
<h2>SECTION – Chatwork連携</h2><table>${onoff('Chatwork連携の有効化', o.cw)}${onoff('通知メールの停止', o.stop)}${input('APIトークン', o.cwToken, 'password')}
${(o.rooms ?? []).map((r, i) => input(['一般的なイベントの通知先', '申し込みイベントの通知先', '決済イベントの通知先', '契約イベントの通知先'][i], r)).join('')}</table>
<h2>SECTION – Zendesk連携</h2><table>${onoff('Zendesk連携の有効化', o.zd)}${input('サブドメイン', o.sub)}${input('メールアドレス', o.mail)}${input('APIトークン', o.zdToken, 'password')}</table>
<h2>SECTION – ネット商人Pro(アルケミーメール)連系</h2><table>${onoff('ネット商人連携の有効化', o.ns)}${input('ネット商人登録用URL', o.nsUrl)}${input('ネット商人プランID', o.nsPlan)}</table>`;

const NOW = Date.parse('2026-11-22T00:00:00Z');

runChecklistCases(checklist, [
  {
    name: 'Chatwork set up correctly',
    page: 'luxliner-integrations',
    html: lux({ cw: true, stop: false, cwToken: 'a'.repeat(32), rooms: ['123', '123', '456', ''] }),
    expect: { 'chatwork-token': 'pass', 'chatwork-rooms': 'pass', 'chatwork-email-fallback': 'pass' },
  },
  {
    name: 'Chatwork enabled without a token, a room URL, e-mail stopped (info)',
    page: 'luxliner-integrations',
    html: lux({ cw: true, stop: true, cwToken: '', rooms: ['123', 'https://www.chatwork.com/#!rid456', '', ''] }),
    expect: {
      'chatwork-token': { state: 'fail', messageId: 'empty' },
      'chatwork-rooms': { state: 'fail', messageId: 'url', message: '「456」' },
      'chatwork-email-fallback': { state: 'fail', message: '300回' },
    },
  },
  {
    name: 'a room name instead of an id; no room at all',
    page: 'luxliner-integrations',
    html: lux({ cw: true, rooms: ['営業チーム', '', '', ''] }),
    expect: { 'chatwork-rooms': { state: 'fail', messageId: 'default' } },
  },
  {
    name: 'Chatwork enabled with no destination',
    page: 'luxliner-integrations',
    html: lux({ cw: true, rooms: ['', '', '', ''] }),
    expect: { 'chatwork-rooms': { state: 'fail', messageId: 'none' } },
  },
  {
    name: 'Chatwork disabled: its items do not apply',
    page: 'luxliner-integrations',
    html: lux({ cw: false, stop: true, cwToken: '', rooms: ['x', '', '', ''] }),
    expect: { 'chatwork-token': { state: 'pass', message: '対象外' }, 'chatwork-rooms': 'pass', 'chatwork-email-fallback': 'pass' },
  },
  {
    name: 'Zendesk set up correctly (retirement warning with days left)',
    page: 'luxliner-integrations',
    html: lux({ zd: true, sub: 'myshop', mail: 'support@myshop.co.jp', zdToken: 'x'.repeat(40) }),
    now: NOW,
    expect: {
      'zendesk-subdomain': 'pass',
      'zendesk-email': 'pass',
      'zendesk-token': 'pass',
      'zendesk-token-retirement': { state: 'fail', messageId: 'no-new-tokens', message: '残り159日' },
    },
  },
  {
    name: 'before 2026-10-27 new tokens can still be created',
    page: 'luxliner-integrations',
    html: lux({ zd: true, zdToken: 'x' }),
    now: Date.parse('2026-06-01T00:00:00Z'),
    expect: { 'zendesk-token-retirement': { state: 'fail', messageId: 'default', message: '残り333日' } },
  },
  {
    name: 'after 2027-04-30 tokens have stopped',
    page: 'luxliner-integrations',
    html: lux({ zd: true, zdToken: 'x' }),
    now: Date.parse('2027-05-01T00:00:00Z'),
    expect: { 'zendesk-token-retirement': { state: 'fail', messageId: 'stopped' } },
  },
  {
    name: 'Zendesk subdomain as a URL, e-mail invalid, token missing',
    page: 'luxliner-integrations',
    html: lux({ zd: true, sub: 'https://MyShop.zendesk.com/', mail: 'support@', zdToken: '' }),
    expect: {
      'zendesk-subdomain': { state: 'fail', messageId: 'url', message: '「myshop」' },
      'zendesk-email': { state: 'fail', messageId: 'format' },
      'zendesk-token': { state: 'fail', messageId: 'empty' },
    },
  },
  {
    name: 'Zendesk subdomain with the suffix / upper case / spaces',
    page: 'luxliner-integrations',
    html: lux({ zd: true, sub: 'myshop.zendesk.com' }),
    expect: { 'zendesk-subdomain': { state: 'fail', messageId: 'suffix' } },
  },
  {
    name: 'Zendesk disabled: nothing applies, no retirement warning',
    page: 'luxliner-integrations',
    html: lux({ zd: false, sub: 'BAD value', mail: '', zdToken: '' }),
    expect: { 'zendesk-subdomain': 'pass', 'zendesk-email': 'pass', 'zendesk-token': 'pass', 'zendesk-token-retirement': 'pass' },
  },
  {
    name: 'ネット商人 set up (caveats shown as info)',
    page: 'luxliner-integrations',
    html: lux({ ns: true, nsUrl: 'https://mycompany.co.jp/np/sesform.php', nsPlan: '12' }),
    expect: { 'netshonin-url': 'pass', 'netshonin-plan-id': 'pass', 'netshonin-caveats': { state: 'fail', message: '動作保証の対象外' } },
  },
  {
    name: 'ネット商人 with an http URL and no plan id',
    page: 'luxliner-integrations',
    html: lux({ ns: true, nsUrl: 'http://mycompany.co.jp/np/sesform.php', nsPlan: '' }),
    expect: { 'netshonin-url': 'fail', 'netshonin-plan-id': { state: 'fail', message: 'リストへの追加はされません' } },
  },
  {
    name: 'ネット商人 with another https path passes with a note',
    page: 'luxliner-integrations',
    html: lux({ ns: true, nsUrl: 'https://mycompany.co.jp/form', nsPlan: '1' }),
    expect: { 'netshonin-url': { state: 'pass', message: 'sesform.php' } },
  },
  {
    name: 'ネット商人 disabled',
    page: 'luxliner-integrations',
    html: lux({ ns: false, nsUrl: '', nsPlan: '' }),
    expect: { 'netshonin-url': 'pass', 'netshonin-plan-id': 'pass', 'netshonin-caveats': 'pass' },
  },
]);

describe('subdomainProblem (003: only the 〇〇〇〇 of https://〇〇〇〇.zendesk.com)', () => {
  it.each([
    ['myshop', undefined],
    ['my-shop2', undefined],
    ['', 'empty'],
    ['https://myshop.zendesk.com', 'url'],
    ['myshop.zendesk.com', 'suffix'],
    ['MyShop', 'uppercase'],
    ['my shop', 'spaces'],
    ['ｍｙｓｈｏｐ', 'format'],
    ['-shop', 'format'],
    ['shop_1', 'format'],
  ] as const)('%j → %s', (v, p) => {
    expect(subdomainProblem(v)).toBe(p);
  });
});

describe('zendeskTokenRetirement', () => {
  it('counts days in Japan time', () => {
    // 2027-04-29 15:00 UTC is already 2027-04-30 in Japan
    expect(zendeskTokenRetirement(Date.parse('2027-04-29T15:00:00Z'))).toEqual({ daysLeft: 0, newTokensBlocked: true, stopped: true });
    expect(zendeskTokenRetirement(Date.parse('2027-04-29T14:59:00Z')).daysLeft).toBe(1);
    expect(zendeskTokenRetirement(Date.parse('2026-10-26T00:00:00Z')).newTokensBlocked).toBe(false);
  });
});
