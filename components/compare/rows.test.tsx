import { describe, expect, it } from 'vitest';
import { compareRows, type CompareRow } from '@/utils/core/compare';
import type { TabCapture } from '@/utils/ui/source';
import { fixtureCapture } from '../__fixtures__/session';
import { compareCore } from './core';
import { pageLabel, parseAspect, rowLabel, rowStatus, valueText } from './rows';

function onePage(i: 0 | 1, host: string, state: 'logged-in' | 'logged-out'): TabCapture {
  const c = fixtureCapture(5);
  const page = c.session.pages[i]!;
  const p = { ...page, url: page.url.replace(/^https:\/\/[^/]+/, `https://${host}`) };
  return { ...c, session: { pages: [p], requests: c.session.requests.filter((r) => r.pageId === page.id) }, overrides: { [page.id]: state } };
}

const snap = (i: 0 | 1, host: string, state: 'logged-in' | 'logged-out', salt: string, env?: string) =>
  compareCore.snapshotOf(onePage(i, host, state), { version: '1.0.0', lang: 'ja', env, salt });

/** every kind of row compareRows makes: per-page rows, keyword values, login states, findings */
function allRows(): CompareRow[] {
  const stgIn = snap(0, 'stg.shop.example.jp', 'logged-in', 'salt-aaaaaaaa', 'staging');
  const prdIn = snap(1, 'shop.example.jp', 'logged-in', 'salt-aaaaaaaa', 'production');
  const prdOut = snap(1, 'shop.example.jp', 'logged-out', 'salt-aaaaaaaa', 'production');
  const other = snap(0, 'shop.example.jp', 'logged-in', 'salt-bbbbbbbb', 'production');
  return [...compareRows(stgIn, prdIn), ...compareRows(prdIn, prdOut), ...compareRows(stgIn, other)];
}

const title = (id: string) => compareCore.ruleTitle(id, 'ja');

describe('compare rows in words', () => {
  const rows = allRows();

  it('knows every row compareRows makes (a new aspect fails here until it has a label)', () => {
    const kinds = new Set(rows.map((r) => parseAspect(r.aspect).kind));
    expect([...kinds].sort()).toEqual(['env', 'finding', 'key', 'keywords', 'linkage', 'loginKey', 'loginState', 'page', 'query', 'site', 'summary', 'tag', 'value', 'widgetHost'].sort());
    for (const r of rows) expect(parseAspect(r.aspect).kind, r.aspect).not.toBe('other');
  });

  it('labels every row without its internal key, in Japanese and in English', () => {
    for (const r of rows) {
      const ja = rowLabel(r, 'ja', title);
      const en = rowLabel(r, 'en', (id) => compareCore.ruleTitle(id, 'en'));
      expect(ja, r.aspect).not.toBe(r.aspect);
      expect(ja, r.aspect).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(en, r.aspect).not.toMatch(/[\u3040-\u30ff]/);
      expect(ja).not.toMatch(/\[logged-|findings \(|^finding |OK SKY tag$|widget host$|\/login query$/);
    }
    const finding = rows.find((r) => r.aspect === 'finding oksky/plain-tag-while-logged-in');
    expect(finding && rowLabel(finding, 'ja', title)).toBe(`指摘「${title('oksky/plain-tag-while-logged-in')}」の件数`);
    // a rule this version does not know keeps its id
    expect(rowLabel({ aspect: 'finding acme/new-rule', a: '1', b: '0', same: false }, 'ja', title)).toBe('指摘「acme/new-rule」の件数');
    // an aspect this version does not know is shown as it is rather than hidden
    expect(rowLabel({ aspect: 'something new', a: '1', b: '0', same: false }, 'en', title)).toBe('something new');
  });

  it('puts values in words; hosts, keys and masked values stay as they are', () => {
    const v = (aspect: string, value: string, lang: 'ja' | 'en' = 'ja') => valueText(value, parseAspect(aspect), lang);
    expect(v('/mypage [logged-in] OK SKY tag', 'queue/runtime, sdk/static')).toBe('埋め込みタグ（実行時に確認）, SDK（HTML で確認）');
    expect(v('/mypage [logged-in] OK SKY tag', 'queue/runtime', 'en')).toBe('embed tag (seen at run time)');
    expect(v('/mypage [logged-in] linkage', 'true')).toBe('あり');
    expect(v('/mypage linkage', 'false', 'en')).toBe('no');
    expect(v('/mypage [logged-in] /login query', 'ok (customer_id, name); empty')).toBe('値あり（customer_id, name）、空');
    expect(v('/mypage [logged-in] /login query', 'absent', 'en')).toBe('absent');
    expect(v('/mypage [logged-in] value customer_id', 'A1****67 (string), (unknown)')).toBe('A1****67（文字列）, （実行時に決まる値）');
    expect(v('findings (errors / warnings / infos)', '2 / 1 / 0')).toBe('エラー 2・警告 1・情報 0');
    expect(v('findings (errors / warnings / infos)', '1 / 1 / 0', 'en')).toBe('1 error · 1 warning · 0 info');
    expect(v('login state', 'logged-in, logged-out')).toBe('ログイン中、ログアウト中');
    expect(v('env', 'staging')).toBe('ステージング');
    expect(v('env', '本番(旧)')).toBe('本番(旧)');
    expect(v('/mypage [logged-in] widget host', 'kobuna-s-001.okskychat.net')).toBe('kobuna-s-001.okskychat.net');
    expect(v('/mypage [logged-in] key', '—')).toBe('—');
  });

  it('says which differences to check, which are expected, which cannot be compared', () => {
    expect(rowStatus({ aspect: 'env', a: 'staging', b: 'production', same: false })).toBe('context');
    expect(rowStatus({ aspect: 'site', a: 'a', b: 'b', same: false })).toBe('context');
    expect(rowStatus({ aspect: '/ loginKey', a: 'x', b: '—', same: false, expected: true })).toBe('expected');
    expect(rowStatus({ aspect: '/ value x', a: 'a', b: 'b', same: false, comparable: false })).toBe('not-comparable');
    expect(rowStatus({ aspect: '/ [logged-in] linkage', a: 'true', b: 'false', same: false })).toBe('diff');
    expect(rowStatus({ aspect: '/ [logged-in] linkage', a: 'true', b: 'true', same: true })).toBe('same');
    expect(pageLabel('/mypage [logged-in]', 'ja')).toBe('/mypage（ログイン中）');
    expect(pageLabel('/mypage [logged-out]', 'en')).toBe('/mypage (logged out)');
    expect(pageLabel('/mypage', 'en')).toBe('/mypage');
  });
});
