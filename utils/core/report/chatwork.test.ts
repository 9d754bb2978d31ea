import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../model';
import { chatworkText, renderAnalysisChatwork, renderCompareChatwork } from './chatwork';
import type { AnalysisReport } from './model';

const finding = (over: Partial<Finding> = {}): Finding => ({
  ruleId: 'oksky/loginkey-missing',
  severity: 'error',
  title: 'loginKey が指定されていません',
  message: '`OkskyChat("loginKey", "…")` の指定がないため、来訪者を識別できません。',
  fix: '`key` の行の次に追加してください（＋の行）。\nOkskyChat("key", "k1");\n+ OkskyChat("loginKey", "customer_id");',
  source: { doc: '000', section: 'IDは送信されているのに、ルームが別れてしまう' },
  page: 'https://shop.example.jp/mypage',
  pageIndex: 0,
  evidence: [{ source: 'static', text: 'OkskyChat("customer_id", "A1****47")', location: { line: 14, column: 1 }, values: [{ masked: 'A1****47', fingerprint: 'fp:0123' }] }],
  ...over,
});

const report = (lang: 'ja' | 'en', findings: Finding[]): AnalysisReport => ({
  lang,
  pages: [{ url: 'https://shop.example.jp/mypage', state: 'logged-in', stateSource: 'inferred', stateHints: ['リンク「ログアウト」 (href=/logout)'] }],
  findings,
  summary: { errors: findings.filter((f) => f.severity === 'error').length, warnings: 0, infos: 0 },
});

/** Chatwork tags of the output, in order, with the text between them removed. */
function tags(out: string): string[] {
  return [...out.matchAll(/\[(\/?)(info|title|code|hr)\]/g)].map((m) => m[0]);
}

describe('Chatwork report', () => {
  it('writes boxes, code and a rule in Chatwork notation, no Markdown', () => {
    const out = renderAnalysisChatwork(report('ja', [finding()]));
    expect(out.startsWith('[info][title]連携ドクター 診断結果[/title]')).toBe(true);
    expect(out).toContain('[info][title]✖ エラー 1. loginKey が指定されていません (oksky/loginkey-missing)[/title]');
    expect(out).toContain('[code]  OkskyChat("key", "k1");\n+ OkskyChat("loginKey", "customer_id");[/code]');
    expect(out).toContain('直し方:\nkey の行の次に追加してください（＋の行）。');
    expect(out).toContain('OkskyChat("loginKey", "…") の指定がないため');
    expect(out).toContain('[hr]');
    expect(out.match(/^#.*|(?<!\*)\*\*(?!\*).*|`.*/m)?.[0]).toBeUndefined();
    expect(tags(out)).toEqual(['[info]', '[title]', '[/title]', '[/info]', '[info]', '[title]', '[/title]', '[code]', '[/code]', '[/info]', '[hr]']);
  });

  it('in English: English labels, the hint and the section title translated', () => {
    const out = renderAnalysisChatwork(report('en', [finding()]));
    expect(out).toContain('[title]Renkei Doctor diagnosis[/title]');
    expect(out).toContain('link "ログアウト" (href=/logout)');
    expect(out).toContain('"The ID is sent, but the rooms split"');
    expect(out).not.toContain('リンク「');
  });

  it('the corrected code alone when no line is marked', () => {
    const out = renderAnalysisChatwork(report('ja', [finding({ fix: '引用符を直してください。\nOkskyChat("key", "k1");' })]));
    expect(out).toContain('[code]OkskyChat("key", "k1");[/code]');
  });

  it('page data can never open or close a Chatwork block', () => {
    const hostile = finding({
      title: '[/title][/info][info]x',
      page: 'https://e.jp/[/info][hr]',
      evidence: [{ source: 'static', text: '[/code][To:1234][/info]', location: { line: 1, column: 1 } }],
      fix: 'fix\n[/code][/info]',
    });
    const out = renderAnalysisChatwork(report('ja', [hostile]));
    expect(tags(out)).toEqual(['[info]', '[title]', '[/title]', '[/info]', '[info]', '[title]', '[/title]', '[code]', '[/code]', '[/info]', '[hr]']);
    expect(out).toContain('［To:1234');
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 200 }), (a, b) => {
        const r = renderAnalysisChatwork(report('en', [finding({ title: a, message: b, page: `https://e.jp/${a}`, evidence: [{ source: 'static', text: b }] })]));
        expect(tags(r)).toEqual(['[info]', '[title]', '[/title]', '[/info]', '[info]', '[title]', '[/title]', '[code]', '[/code]', '[/info]', '[hr]']);
        expect(chatworkText(a)).not.toMatch(/\[\/?(info|title|code|hr|to:)/i);
      }),
    );
  });

  it('compare reports too', () => {
    const out = renderCompareChatwork({
      lang: 'ja',
      a: { label: 'staging.json', env: 'staging' },
      b: { label: 'production.json' },
      rows: [{ aspect: 'key', a: 'k1', b: 'k2', same: false }],
      findings: [],
      summary: { errors: 0, warnings: 0, infos: 0 },
    });
    expect(out).toContain('[info][title]連携ドクター 環境の比較[/title]A: staging.json (staging)');
    expect(out).toContain('・key: A k1 / B k2 (≠ 違う)');
  });
});
