import { describe, expect, it } from 'vitest';
import type { Finding } from '../model';
import { LABELS } from './labels';
import { code, renderAnalysisMarkdown, renderCompareMarkdown } from './markdown';
import { reportFromSnapshot, type AnalysisReport, type CompareReport } from './model';
import { displayWidth, renderAnalysisText, renderCompareText } from './text';

const finding = (over: Partial<Finding> = {}): Finding => ({
  ruleId: 'oksky/loginkey-missing',
  severity: 'error',
  title: 'loginKey が指定されていません',
  message: 'マスターキーワードの値は送信されていますが、loginKey がないため来訪者を特定できず、ルームが別れます。',
  fix: 'OkskyChat("loginKey", "customer_id"); を追加してください。',
  source: { doc: '000', section: 'IDは送信されているのに、ルームが別れてしまう' },
  page: 'https://shop.example.jp/mypage',
  pageIndex: 0,
  evidence: [
    {
      source: 'static',
      text: 'OkskyChat("customer_id", "A1****47")',
      location: { line: 14, column: 1, script: 0 },
      values: [{ masked: 'A1****47', fingerprint: 'fp:0123456789abcdef' }],
    },
    { source: 'network', url: 'https://kobuna-s-001.okskychat.net/rapi/v1/clients/1/login', text: 'query {}' },
  ],
  ...over,
});

const report = (lang: 'ja' | 'en', findings: Finding[]): AnalysisReport => ({
  lang,
  pages: [
    { url: 'https://shop.example.jp/mypage', state: 'logged-in', stateSource: 'inferred', stateHints: ['リンク「ログアウト」'] },
    { url: 'https://shop.example.jp/', state: 'logged-out', stateSource: 'explicit' },
  ],
  findings,
  summary: {
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    infos: findings.filter((f) => f.severity === 'info').length,
  },
  env: 'staging',
});

const FINDINGS = [
  finding(),
  finding({ ruleId: 'oksky/identity-switched', severity: 'info', title: '識別方法が切り替わっています', page: undefined, pageIndex: undefined, evidence: [] }),
  finding({ ruleId: 'oksky/duplicate-tag', severity: 'warning', title: 'タグが2回あります', source: undefined }),
];

describe('markdown report', () => {
  it('groups by severity with what / why / fix / reference, evidence with line and column and masked values', () => {
    const md = renderAnalysisMarkdown(report('ja', FINDINGS));
    expect(md).toContain('## 連携ドクター 診断結果');
    expect(md).toContain('**エラー 1件・警告 1件・情報 1件**');
    const iErr = md.indexOf('### エラー(1件)');
    const iWarn = md.indexOf('### 警告(1件)');
    const iInfo = md.indexOf('### 情報(1件)');
    expect(iErr).toBeGreaterThan(0);
    expect(iWarn).toBeGreaterThan(iErr);
    expect(iInfo).toBeGreaterThan(iWarn);
    expect(md).toContain('#### 1. loginKey が指定されていません (`oksky/loginkey-missing`)');
    expect(md).toContain('**何が見つかったか**');
    expect(md).toContain('**なぜ連携が壊れるか**');
    expect(md).toContain('**直し方**');
    expect(md).toContain('**参照資料**: 000「OKSKYで会員情報連携を設定したがうまくいかない」 — IDは送信されているのに、ルームが別れてしまう');
    expect(md).toContain('- ページのソース 14行目 1列 (インラインスクリプト #1): `OkskyChat("customer_id", "A1****47")`');
    expect(md).toContain('`A1****47 (fp:0123456789abcdef)`');
    expect(md).toContain('セッション全体');
    expect(md).toContain('**説明**'); // info findings explain rather than "why it breaks"
    expect(md).toContain('環境: staging');
    expect(md).toContain('伏せ字');
    expect(md).not.toMatch(/\n{3,}/);
  });

  it('renders in English with the same structure', () => {
    const md = renderAnalysisMarkdown(report('en', FINDINGS));
    expect(md).toContain('## Renkei Doctor diagnosis');
    expect(md).toContain('**What was found**');
    expect(md).toContain('**Why the integration breaks**');
    expect(md).toContain('**How to fix**');
    expect(md).toContain('line 14, column 1');
  });

  it('says so when there is nothing to report, and warns when values are revealed', () => {
    expect(renderAnalysisMarkdown(report('ja', []))).toContain('問題は見つかりませんでした。');
    const revealed = finding({ evidence: [{ source: 'static', values: [{ masked: 'A1****47', fingerprint: 'fp:00000000', clear: 'A10293847' }] }] });
    const md = renderAnalysisMarkdown(report('ja', [revealed]));
    expect(md).toContain('A10293847');
    expect(md).toContain('--reveal');
  });

  it('keeps hostile text inside code spans and on one line', () => {
    expect(code('a`b')).toBe('``a`b``');
    const hostile = finding({ evidence: [{ source: 'static', text: 'x\n## injected\n`y`' }] });
    const md = renderAnalysisMarkdown(report('ja', [hostile]));
    expect(md).not.toContain('\n## injected');
  });

  it('renders a comparison table and the compare findings', () => {
    const cmp: CompareReport = {
      lang: 'ja',
      a: { label: 'staging.json', env: 'staging', saltId: 'aaaa1111' },
      b: { label: 'production.json', env: 'production', saltId: 'bbbb2222' },
      rows: [
        { aspect: 'loginKey', a: 'customer_id', b: '(なし)', same: false },
        { aspect: 'widget host', a: 'kobuna-s-001.okskychat.net', b: 'kobuna-s-001.okskychat.net', same: true },
      ],
      findings: [finding({ ruleId: 'compare/linkage-missing', title: '本番環境で連携がありません', page: undefined })],
      summary: { errors: 1, warnings: 0, infos: 0 },
    };
    const md = renderCompareMarkdown(cmp);
    expect(md).toContain('| 項目 | A | B | |');
    expect(md).toContain('| loginKey | customer_id | (なし) | **違う** |');
    expect(md).toContain('`compare/linkage-missing`');
    expect(md).toContain('別々のソルト');
    const txt = renderCompareText(cmp);
    expect(txt).toContain('≠ loginKey');
    expect(txt).toContain('compare/linkage-missing');
  });

  it('marks rows that differ because of the login state as expected, not as differences', () => {
    const cmp: CompareReport = {
      lang: 'ja',
      a: { label: 'in.json', env: 'production' },
      b: { label: 'out.json', env: 'production' },
      rows: [
        { aspect: 'login state', a: 'logged-in', b: 'logged-out', same: false, expected: true },
        { aspect: '/mypage /login query', a: 'ok (customer_id)', b: 'empty', same: false, expected: true },
        { aspect: '/mypage widget host', a: 'kobuna-s-001.okskychat.net', b: 'kobuna-s-001.okskychat.net', same: true },
      ],
      findings: [],
      summary: { errors: 0, warnings: 0, infos: 0 },
    };
    const md = renderCompareMarkdown(cmp);
    expect(md).toContain('| /mypage /login query | ok (customer_id) | empty | 違う（ログイン状態による想定どおりの違い） |');
    expect(md).not.toContain('**違う**');
    expect(md).toContain('違いはありません。');
    const txt = renderCompareText(cmp);
    expect(txt).toContain('~ /mypage /login query');
    expect(txt).not.toContain('≠');
    expect(txt).toContain('~ 違う（ログイン状態による想定どおりの違い）');
    expect(txt).toContain('違いはありません。');
  });
});

describe('text report', () => {
  it('has no Markdown syntax and the same sections', () => {
    const t = renderAnalysisText(report('ja', FINDINGS));
    expect(t).not.toMatch(/^#/m);
    expect(t).not.toContain('**何');
    expect(t).toContain('✖ [1] loginKey が指定されていません  (oksky/loginkey-missing)');
    expect(t).toContain('    何が見つかったか:');
    expect(t).toContain('      - ページのソース 14行目 1列 (インラインスクリプト #1): OkskyChat("customer_id", "A1****47")');
    expect(t).toContain('    直し方:');
    expect(t).toContain('  1. https://shop.example.jp/mypage (ログイン中・推定: リンク「ログアウト」)');
    expect(t).toContain('  2. https://shop.example.jp/ (未ログイン・指定)');
  });

  it('measures wide characters as two columns', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('会員ID')).toBe(6);
  });
});

describe('labels', () => {
  it('has every label in both languages', () => {
    const keys = (o: object): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v).map((x) => `${k}.${x}`) : [k]));
    expect(keys(LABELS.en).sort()).toEqual(keys(LABELS.ja).sort());
    for (const lang of ['ja', 'en'] as const) for (const k of keys(LABELS[lang])) expect(k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], LABELS[lang])).not.toBe('');
  });

  it('renders a snapshot read back from a file', () => {
    const r = reportFromSnapshot({
      tool: { name: 'renkei-doctor', version: '0.1.0' },
      schemaVersion: 1,
      lang: 'en',
      env: 'production',
      pages: [{ url: 'https://a.example.jp/', state: 'unknown', tags: [] }],
      requests: [],
      findings: [finding()],
      summary: { errors: 1, warnings: 0, infos: 0 },
    });
    expect(renderAnalysisText(r)).toContain('Environment: production');
  });
});

describe('verdict and limits in the reports', () => {
  const noTag: AnalysisReport['verdict'] = {
    kind: 'no-tag',
    vendors: [
      { vendor: 'oksky', found: false, where: [] },
      { vendor: 'channeltalk', found: false, where: [] },
    ],
    lookedAt: ['static', 'network'],
    limited: false,
    limits: [],
    passed: [],
    headline: { ja: 'OK SKY・チャネルトークのタグは見つかりませんでした（ページのソース・通信を確認）。', en: 'No OK SKY or Channel Talk tag was found (looked at the page source and network).' },
  };

  it('a page without a tag: the verdict, the vendors looked for and the sources, never "no problem found"', () => {
    for (const render of [renderAnalysisText, renderAnalysisMarkdown]) {
      const ja = render({ ...report('ja', []), verdict: noTag });
      expect(ja).toContain('OK SKY・チャネルトークのタグは見つかりませんでした');
      expect(ja).toContain('探したタグ: OK SKY 見つからず／チャネルトーク 見つからず');
      expect(ja).toContain('確認した情報源: ページのソース・通信');
      expect(ja).not.toContain('問題は見つかりませんでした。');
      const en = render({ ...report('en', []), verdict: noTag });
      expect(en).toContain('Sources looked at: page source, network');
      expect(en).not.toContain('No problems found');
    }
  });

  it('limits are listed, and nothing found with limits never reads "no problem found" (also without a verdict: an older snapshot)', () => {
    const limits = [{ kind: 'scripts', detail: { ja: 'インラインスクリプトが多すぎるため、3 個を読んでいません。', en: 'Too many inline scripts: 3 were not read.' } }];
    for (const render of [renderAnalysisText, renderAnalysisMarkdown]) {
      const ja = render({ ...report('ja', []), limits });
      expect(ja).not.toContain('問題は見つかりませんでした');
      expect(ja).toContain('一部を読んでいません');
      expect(ja).toContain('インラインスクリプトが多すぎるため、3 個を読んでいません。');
      const en = render({ ...report('en', []), limits });
      expect(en).not.toMatch(/No problems found/i);
      expect(en).toContain('Too many inline scripts: 3 were not read.');
      // the session dropped pages (Session.dropped only)
      const dropped = render({ ...report('ja', []), dropped: { pages: 2, requests: 0 } });
      expect(dropped).not.toContain('問題は見つかりませんでした');
    }
  });

  it('a clean page lists the checks that passed', () => {
    const clear: AnalysisReport['verdict'] = {
      ...noTag!,
      kind: 'clear',
      vendors: [
        { vendor: 'oksky', found: true, where: ['static', 'network'] },
        { vendor: 'channeltalk', found: false, where: [] },
      ],
      passed: [{ ruleId: 'oksky/loginkey-missing', title: { ja: 'loginKey が指定されていません', en: 'loginKey is not set' } }],
      headline: { ja: '問題は見つかりませんでした（OK SKYのタグ、1 項目を確認）', en: 'No problems found (OK SKY tag, 1 checks passed)' },
    };
    const text = renderAnalysisText({ ...report('ja', []), verdict: clear });
    expect(text).toContain('判定: 問題は見つかりませんでした（OK SKYのタグ、1 項目を確認）');
    expect(text).toContain('探したタグ: OK SKY あり（ページのソース・通信）／チャネルトーク 見つからず');
    expect(text).toContain('■ 次の項目を確認し、いずれも該当しませんでした（1件）');
    expect(text).toContain('  ✔ loginKey が指定されていません (oksky/loginkey-missing)');
    const md = renderAnalysisMarkdown({ ...report('en', []), verdict: clear });
    expect(md).toContain('### Checked, and none of these was found (1)');
    expect(md).toContain('- ✔ loginKey is not set (oksky/loginkey-missing)');
  });
});
