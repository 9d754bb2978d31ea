/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { analyzeSession } from './analyze';
import { parseHtmlPage } from './html';
import type { NetworkRequest, Page } from './model';
import { verdictOf } from './verdict';
import okskyBroken from '../../tests/fixtures/cli/oksky-broken.html?raw';
import okskyCorrect from '../../tests/fixtures/cli/oksky-correct.html?raw';

const FIXTURES: Record<string, string> = { 'oksky-broken.html': okskyBroken, 'oksky-correct.html': okskyCorrect };
const fixture = (name: string) => FIXTURES[name];
const page = (html: string, extra: Partial<Page> = {}): Page => ({ ...parseHtmlPage(html, 'https://shop.example.jp/mypage', { id: 'p1', time: 1_000 }), ...extra });
const analyse = (pages: Page[], requests: NetworkRequest[] = []) => analyzeSession({ pages, requests }, { salt: 'verdict', strict: true });

const NO_TAG = '<html><head><title>会社概要</title><script>window.dataLayer=[];</script></head><body><a href="/logout">ログアウト</a></body></html>';

describe('verdictOf', () => {
  it('empty: nothing captured', () => {
    const v = verdictOf(analyse([]));
    expect(v).toMatchObject({ kind: 'empty', limited: false, lookedAt: [] });
    expect(v.headline.ja).toBe('まだページを記録していません。');
  });

  it('no-tag: which vendors were looked for, where, and that the tag may load in a way not seen', () => {
    const doc: NetworkRequest = { id: 'r1', url: 'https://shop.example.jp/mypage', method: 'GET', type: 'document', status: 200, time: 1_000, pageId: 'p1' };
    const v = verdictOf(analyse([page(NO_TAG, { probed: true })], [doc]));
    expect(v.kind).toBe('no-tag');
    expect(v.vendors).toEqual([
      { vendor: 'oksky', found: false, where: [] },
      { vendor: 'channeltalk', found: false, where: [] },
    ]);
    expect(v.lookedAt).toEqual(['static', 'runtime', 'network']);
    expect(v.headline.ja).toContain('OK SKY・チャネルトークのタグは見つかりませんでした（ページのソース・実行時の呼び出し・通信を確認）');
    expect(v.headline.ja).toMatch(/タグマネージャー.*同意バナー.*別のページ/);
    expect(v.headline.en).toContain('No OK SKY or Channel Talk tag was found (looked at the page source, runtime calls and network)');
    expect(v.headline.ja).not.toContain('問題は見つかりませんでした');
  });

  it('clear: the tag, the checks that ran and passed, and "no problem found"', () => {
    const v = verdictOf(analyse([page(fixture('oksky-correct.html'))]));
    expect(v.kind).toBe('clear');
    expect(v.limited).toBe(false);
    expect(v.vendors[0]).toEqual({ vendor: 'oksky', found: true, where: ['static'] });
    expect(v.passed.map((p) => p.ruleId)).toEqual(expect.arrayContaining(['oksky/loginkey-missing', 'oksky/login-value-placeholder']));
    expect(v.passed.map((p) => p.ruleId)).not.toContain('renkei/input-limited');
    // network rules did not run on a saved page: not listed as passed
    expect(v.passed.map((p) => p.ruleId)).not.toContain('oksky/login-request-missing');
    expect(v.passed.every((p) => p.title.ja && p.title.en)).toBe(true);
    expect(v.headline.ja).toBe(`問題は見つかりませんでした（OK SKYのタグ、${v.passed.length} 項目を確認）`);
    expect(v.headline.en).toBe(`No problems found (OK SKY tag, ${v.passed.length} checks passed)`);
  });

  it('clear but limited: never "no problem found", and says 「一部を読んでいません」 with what', () => {
    const p = page(fixture('oksky-correct.html'), { limits: [{ kind: 'scripts', skipped: 3, unit: 'items', limit: 2_000 }] });
    const v = verdictOf(analyse([p]));
    expect(v.kind).toBe('clear');
    expect(v.limited).toBe(true);
    expect(v.limits).toEqual([{ what: 'scripts', detail: { ja: 'インラインスクリプトが多すぎるため、3 個を読んでいません。', en: 'Too many inline scripts: 3 were not read.' } }]);
    expect(v.headline.ja).not.toContain('問題は見つかりませんでした');
    expect(v.headline.ja.endsWith('（一部を読んでいません）')).toBe(true);
    expect(v.headline.en).not.toMatch(/no problems? found/i);
    expect(v.passed.map((x) => x.ruleId)).not.toContain('renkei/input-limited');
  });

  it('no-tag but limited: the session dropped pages', () => {
    const r = analyzeSession({ pages: [page(NO_TAG)], requests: [], dropped: { pages: 4, requests: 0 } }, { salt: 'v' });
    const v = verdictOf(r);
    expect(v.kind).toBe('no-tag');
    expect(v.limited).toBe(true);
    expect(v.headline.ja.endsWith('（一部を読んでいません）')).toBe(true);
    expect(v.limits[0].detail.ja).toContain('古いページ 4 件');
  });

  it('problems: counts errors and warnings; Channel Talk found at run time and on the network', () => {
    const broken = analyse([page(fixture('oksky-broken.html'))]);
    expect(verdictOf(broken)).toMatchObject({ kind: 'problems' });
    expect(verdictOf(broken).headline.ja).toMatch(/^エラー \d+ 件・警告 \d+ 件が見つかりました$/);
    const ct = page(NO_TAG, {
      probed: true,
      runtimeCalls: [{ vendor: 'channeltalk', form: 'snippet', name: 'boot', args: [{ kind: 'object', entries: [{ key: 'pluginKey', value: { kind: 'string', value: 'k' } }] }], origin: 'runtime', global: 'ChannelIO' }],
    });
    const req: NetworkRequest = { id: 'r', url: 'https://cdn.channel.io/plugin/ch-plugin-web.js', method: 'GET', type: 'script', status: 200, time: 1_100, pageId: 'p1' };
    const v = verdictOf(analyse([ct], [req]));
    expect(v.vendors[1]).toEqual({ vendor: 'channeltalk', found: true, where: ['runtime', 'network'] });
    expect(v.kind === 'clear' || v.kind === 'problems').toBe(true);
  });
});
