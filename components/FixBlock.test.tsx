// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Finding, Lang } from '@/utils/core/model';
import type { PanelActions } from '@/utils/ui/analysis';
import { createMemorySource } from '@/utils/ui/memory-source';
import { fixtureAnalyze, fixtureCapture } from './__fixtures__/session';
import { CopyReport } from './CopyReport';
import { FindingCard } from './FindingCard';
import { I18nProvider } from './i18n-context';
import { LangRoot } from './LangRoot';
import { Markdownish } from './Markdownish';
import { Panel } from './Panel';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const finding = (lang: Lang): Finding => ({
  ruleId: 'oksky/loginkey-missing',
  severity: 'error',
  title: lang === 'ja' ? 'loginKey が指定されていません' : 'loginKey is not set',
  message: lang === 'ja' ? '`OkskyChat("loginKey", "…")` の指定がありません。' : 'There is no `OkskyChat("loginKey", "…")`.',
  fix:
    lang === 'ja'
      ? '`key` の行の次に、`loginKey` を追加してください（＋の行）。\nOkskyChat("key", "k1");\n+ OkskyChat("loginKey", "customer_id");'
      : 'Add `loginKey` after the `key` line (the line marked +):\nOkskyChat("key", "k1");\n+ OkskyChat("loginKey", "customer_id");',
  source: { doc: '000', section: 'IDは送信されているのに、ルームが別れてしまう' },
  page: 'https://shop.example.jp/mypage',
  pageIndex: 0,
  evidence: [{ source: 'static', text: 'OkskyChat("customer_id", "A1****47")', location: { line: 14, column: 1 } }],
});

function stubClipboard() {
  const writeText = vi.fn(async (_: string) => undefined);
  vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
  return writeText;
}

describe('FixBlock in a finding card', () => {
  it('shows the instruction, then the tag with the added line marked by a sign and a label, and copies the corrected code', async () => {
    const writeText = stubClipboard();
    const { container } = render(
      <I18nProvider lang="ja">
        <FindingCard finding={finding('ja')} />
      </I18nProvider>,
    );
    const card = container.querySelector('article')!;
    // inline code is code, not raw backticks
    expect(card.textContent).not.toContain('`');
    expect([...card.querySelectorAll('.finding-message code')].map((c) => c.textContent)).toEqual(['OkskyChat("loginKey", "…")']);
    expect([...card.querySelectorAll('.fix-instruction code')].map((c) => c.textContent)).toEqual(['key', 'loginKey']);
    const code = within(card).getByRole('figure', { name: '直す前と直したあとのコード' });
    const lines = [...code.querySelectorAll('.fix-line')];
    expect(lines.map((l) => [l.getAttribute('data-op'), l.querySelector('.fix-text')?.textContent])).toEqual([
      ['keep', 'OkskyChat("key", "k1");'],
      ['add', 'OkskyChat("loginKey", "customer_id");'],
    ]);
    // marked with a visible sign and a text for screen readers, not by colour alone
    expect(lines[1].tagName).toBe('INS');
    expect(lines[1].querySelector('.fix-mark')?.textContent).toBe('+');
    expect(lines[1].textContent).toContain('追加:');
    expect(code.textContent).toContain('＋の行を追加します');
    expect(code.textContent).not.toContain('削除');
    expect(card.textContent).not.toMatch(/赤/);
    const button = within(card).getByRole('button', { name: '直したあとのコードをコピー' });
    expect(button.textContent).toBe('コピー');
    button.focus();
    expect(document.activeElement).toBe(button);
    await act(async () => {
      fireEvent.click(button);
    });
    expect(writeText).toHaveBeenCalledWith('OkskyChat("key", "k1");\nOkskyChat("loginKey", "customer_id");');
    await waitFor(() => expect(button.textContent).toBe('コピーしました'));
    expect(within(card).getByRole('status').textContent).toBe('コピーしました');
  });

  it('a removed line is struck through and marked −; the copy leaves it out', async () => {
    const writeText = stubClipboard();
    render(
      <I18nProvider lang="en">
        <FindingCard finding={{ ...finding('en'), fix: 'Fill in the empty `loginKey`:\n- OkskyChat("loginKey", "");\n+ OkskyChat("loginKey", "customer_id");' }} />
      </I18nProvider>,
    );
    const del = document.querySelector('del.fix-line')!;
    expect(del.querySelector('.fix-mark')?.textContent).toBe('−');
    expect(del.textContent).toContain('removed:');
    expect(document.querySelector('.fix-legend')?.textContent).toContain('Add the lines marked +, remove the lines marked −');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Copy the corrected code' }));
    });
    expect(writeText).toHaveBeenCalledWith('OkskyChat("loginKey", "customer_id");');
  });

  it('a fix without code has no code block and no copy button', () => {
    render(
      <I18nProvider lang="ja">
        <FindingCard finding={{ ...finding('ja'), fix: '対応は不要です。' }} />
      </I18nProvider>,
    );
    expect(screen.queryByRole('figure')).toBeNull();
    expect(screen.queryByRole('button', { name: /コピー/ })).toBeNull();
  });

  it('speaks English without Japanese fragments: section title, plural of evidence', () => {
    const { container } = render(
      <I18nProvider lang="en">
        <FindingCard finding={finding('en')} />
      </I18nProvider>,
    );
    expect(container.textContent).toContain('Source: document 000, "The ID is sent, but the rooms split"');
    expect(container.textContent).toContain('1 piece of evidence');
    expect(container.textContent).not.toMatch(/[ぁ-んァ-ヶ]/);
  });
});

describe('Markdownish', () => {
  it('builds only code, strong, em and br from any text: page data never becomes markup', () => {
    const { container } = render(<Markdownish text={'<img src=x onerror="globalThis.pwned=1"> `<b>x</b>` **y** [l](javascript:alert(1))'} />);
    expect([...container.querySelectorAll('*')].map((e) => e.tagName)).toEqual(['CODE', 'STRONG']);
    expect(container.textContent).toContain('<img src=x onerror="globalThis.pwned=1">');
    cleanup();
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const r = render(<Markdownish text={s} />);
        for (const e of r.container.querySelectorAll('*')) expect(['CODE', 'STRONG', 'EM', 'BR']).toContain(e.tagName);
        expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
        r.unmount();
      }),
      { numRuns: 200 },
    );
  });
});

describe('the panel', () => {
  it('copies the report in the chosen format: Markdown, Chatwork or plain text', async () => {
    stubClipboard();
    const report = vi.fn((_r: unknown, _m: unknown, format: string) => `report as ${format}`);
    const actions: PanelActions = { reportMarkdown: () => 'md', report, snapshot: () => ({}) };
    render(
      <I18nProvider lang="ja">
        <Panel source={createMemorySource([fixtureCapture(7)])} tabId={7} analyze={fixtureAnalyze} actions={actions} throttleMs={0} />
      </I18nProvider>,
    );
    const select = screen.getByLabelText('コピーする形式') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(['Markdown 形式', 'Chatwork 形式', 'テキスト形式']);
    expect(select.title).toContain('Zendesk');
    fireEvent.change(select, { target: { value: 'chatwork' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'レポートをコピー' }));
    });
    expect(report.mock.calls.at(-1)?.[2]).toBe('chatwork');
    expect((navigator.clipboard.writeText as ReturnType<typeof vi.fn>).mock.calls.at(-1)?.[0]).toBe('report as chatwork');
    await waitFor(() => expect(screen.getByText(/レポート（Chatwork 形式）をクリップボードにコピーしました/)).toBeTruthy());
  });

  it('re-renders the findings when the language changes', async () => {
    let setLang: (l: Lang) => void = () => undefined;
    const watch = (cb: (l: Lang) => void) => {
      setLang = cb;
      return () => undefined;
    };
    render(
      <LangRoot initial="ja" watch={watch}>
        <Panel source={createMemorySource([fixtureCapture(7)])} tabId={7} analyze={fixtureAnalyze} throttleMs={0} />
      </LangRoot>,
    );
    // the list row and the detail pane
    expect(screen.getAllByText('会員情報連携のタグがコメントアウトされています')).toHaveLength(2);
    act(() => setLang('en'));
    await waitFor(() => expect(screen.getAllByText('The linkage calls are commented out')).toHaveLength(2));
    expect(screen.queryByText('会員情報連携のタグがコメントアウトされています')).toBeNull();
  });
});

describe('CopyReport', () => {
  it('remembers the chosen format for the next panel', () => {
    const onCopy = vi.fn();
    const first = render(
      <I18nProvider lang="en">
        <CopyReport disabled={false} onCopy={onCopy} />
      </I18nProvider>,
    );
    fireEvent.change(screen.getByLabelText('Report format'), { target: { value: 'text' } });
    first.unmount();
    render(
      <I18nProvider lang="en">
        <CopyReport disabled={false} onCopy={onCopy} />
      </I18nProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Copy report' }));
    expect(onCopy).toHaveBeenCalledWith('text');
  });
});
