import { describe, expect, it } from 'vitest';
import { fixtures } from '../../tests/fixtures/oksky';
import { analyzeSession } from './analyze';
import { compareSnapshots } from './compare';
import { parseHtmlPage } from './html';
import type { NetworkRequest } from './model';
import { snapshot } from './rules/rule-tester';
import { buildSnapshot } from './snapshot-build';

function snap(host: string, env: string, html: string, query: unknown, salt = 'shared', state: 'logged-in' | 'logged-out' | 'unknown' = 'logged-in') {
  const page = parseHtmlPage(html, `https://${host}/mypage`, { id: 'p', time: 0, state });
  const requests: NetworkRequest[] = [
    { id: 'w', url: 'https://kobuna-s-001.okskychat.net/widget/widget.js', method: 'GET', status: 200, time: 10 },
    { id: 'l', url: 'https://kobuna-s-001.okskychat.net/rapi/v1/clients/1/login', method: 'POST', status: 200, time: 20, body: JSON.stringify({ query }), contentType: 'application/json' },
  ];
  return buildSnapshot(analyzeSession({ pages: [page], requests }, { salt }), { version: '0.1.0', env });
}

const linked = fixtures.correctTag.replace('OkskyChat(“customer_id”, “xxxxx");', 'OkskyChat("customer_id", "A1234567");');
const plain = fixtures.loggedOutTag.replace('oksky-chat.net', 'okskychat.net');

describe('compareSnapshots', () => {
  it('staging links, production has the plain tag (000: 確認する場所を間違えている)', () => {
    const a = snap('stg.shop.example.jp', 'staging', linked, { customer_id: 'A1234567' });
    const b = snap('www.shop.example.jp', 'production', plain, {});
    const r = compareSnapshots(a, b);
    expect(r.findings.map((f) => f.ruleId).sort()).toEqual(['compare/key-differs', 'compare/keyword-set-differs', 'compare/linkage-missing', 'compare/query-empty-on-one-side']);
    expect(r.summary).toEqual({ errors: 2, warnings: 2, infos: 0 });
    const linkage = r.findings.find((f) => f.ruleId === 'compare/linkage-missing')!;
    expect(linkage.message).toContain('A (staging)');
    expect(linkage.message).toContain('B (production)');
    const row = (aspect: string) => r.rows.find((x) => x.aspect === aspect);
    expect(row('/mypage [logged-in] loginKey')).toMatchObject({ a: 'customer_id', b: '—', same: false });
    expect(row('/mypage [logged-in] /login query')).toMatchObject({ a: 'ok (customer_id)', b: 'empty', same: false });
    expect(row('/mypage [logged-in] widget host')).toMatchObject({ same: true });
    expect(row('/mypage [logged-in] page')).toMatchObject({ same: true });
    expect(row('env')).toMatchObject({ a: 'staging', b: 'production', same: false });
    expect(row('finding oksky/plain-tag-while-logged-in')).toMatchObject({ a: '0', b: '1' });
    expect(JSON.stringify(r)).not.toContain('A1234567');
  });

  it('same setup: no finding, values compared by fingerprint under one salt', () => {
    const a = snap('stg.shop.example.jp', 'staging', linked, { customer_id: 'A1234567' });
    const b = snap('www.shop.example.jp', 'production', linked, { customer_id: 'A1234567' });
    const r = compareSnapshots(a, b, { lang: 'en' });
    expect(r.findings).toEqual([]);
    expect(r.rows.find((x) => x.aspect === '/mypage [logged-in] value customer_id')).toMatchObject({ same: true });
  });

  it('fingerprints under different salts are not comparable', () => {
    const a = snap('stg.shop.example.jp', 'staging', linked, { customer_id: 'A1234567' }, 'one');
    const b = snap('www.shop.example.jp', 'production', linked, { customer_id: 'A1234567' }, 'two');
    const row = compareSnapshots(a, b).rows.find((x) => x.aspect === '/mypage [logged-in] value customer_id');
    expect(row).toMatchObject({ same: false, comparable: false });
  });

  it('one environment, logged in ⇄ logged out (the wizard\'s 本番 ログイン中 ⇄ ログアウト中): no error, the difference explained as expected', () => {
    const plainSameWidget = fixtures.loggedOutTag.replace('oksky-chat.net', 'okskychat.net').replace('ED70F4289B17AA9F', '0D5ACD179B043831');
    const a = snap('www.shop.example.jp', 'production', linked, { customer_id: 'A1234567' }, 'shared', 'logged-in');
    const b = snap('www.shop.example.jp', 'production', plainSameWidget, {}, 'shared', 'logged-out');
    for (const [x, y] of [
      [a, b],
      [b, a],
    ]) {
      const r = compareSnapshots(x, y);
      expect(r.findings.map((f) => f.ruleId)).toEqual(['compare/login-state-differs']);
      expect(r.summary).toEqual({ errors: 0, warnings: 0, infos: 1 });
      expect(JSON.stringify(r.findings)).not.toContain('環境によって');
      const row = (aspect: string) => r.rows.find((z) => z.aspect === aspect);
      expect(row('login state')).toMatchObject({ same: false, expected: true });
      // pages paired by path: one page row, both sides present
      expect(row('/mypage page')).toMatchObject({ same: true });
      expect(row('/mypage /login query')).toMatchObject({ same: false, expected: true });
      expect(row('/mypage loginKey')).toMatchObject({ same: false, expected: true });
      expect(row('/mypage linkage')).toMatchObject({ same: false, expected: true });
      // one site, one widget: the host and key are not expected to differ, and here they do not
      expect(row('/mypage widget host')).toMatchObject({ same: true });
      expect(row('/mypage widget host')?.expected).toBeUndefined();
    }
    expect(compareSnapshots(a, b, { lang: 'en' }).findings[0]).toMatchObject({ severity: 'info', title: 'The two records were made in different login states' });
  });

  it('one environment, logged in ⇄ logged out with 000\'s two keys: the key row is a real difference, a warning says why', () => {
    const a = snap('www.shop.example.jp', 'production', linked, { customer_id: 'A1234567' }, 'shared', 'logged-in');
    const b = snap('www.shop.example.jp', 'production', fixtures.loggedOutTag, {}, 'shared', 'logged-out');
    const r = compareSnapshots(a, b);
    expect(r.summary.errors).toBe(0);
    expect(r.findings.map((f) => f.ruleId).sort()).toEqual(['compare/key-differs', 'compare/login-state-differs', 'compare/widget-host-differs']);
    const key = r.rows.find((z) => z.aspect === '/mypage key');
    expect(key).toMatchObject({ same: false });
    expect(key?.expected).toBeUndefined();
  });

  it('renders findings in English', () => {
    const r = compareSnapshots(snapshot({ env: 'a' }), snapshot({ env: 'b', pages: [{ tag: { key: 'other-0000000000000000' } }] }), { lang: 'en' });
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ ruleId: 'compare/key-differs', severity: 'warning', title: 'The widget keys differ' });
    expect(r.rows.find((x) => x.aspect.endsWith(' key'))).toMatchObject({ same: false });
  });
});
