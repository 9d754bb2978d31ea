// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Lang } from '@/utils/core/model';
import type { PanelActions } from '@/utils/ui/analysis';
import { createMemorySource } from '@/utils/ui/memory-source';
import { fixtureAnalyze, fixtureCapture } from './__fixtures__/session';
import { I18nProvider } from './i18n-context';
import { Panel } from './Panel';

afterEach(cleanup);

const actions: PanelActions = {
  reportMarkdown: (r) => `# report ${r.findings.length}`,
  snapshot: (r) => ({ findings: r.findings }),
};

function setup(lang: Lang = 'ja', analyze = vi.fn(fixtureAnalyze)) {
  const source = createMemorySource([fixtureCapture(7)]);
  const utils = render(
    <I18nProvider lang={lang}>
      <Panel source={source} tabId={7} analyze={analyze} actions={actions} throttleMs={0} />
    </I18nProvider>,
  );
  return { source, analyze, ...utils };
}

describe('Panel', () => {
  it('lists every finding on one line with data-rule-id and data-severity, error → warning → info, the first one in detail', () => {
    const { container } = setup();
    const rows = within(screen.getByRole('listbox')).getAllByRole('option');
    expect(rows.map((c) => [c.getAttribute('data-rule-id'), c.getAttribute('data-severity')])).toEqual([
      ['oksky/linkage-commented-out', 'error'],
      ['oksky/key-changed-in-session', 'warning'],
      ['oksky/identity-switched', 'info'],
    ]);
    // one line: severity as text (beside its icon), title, page, rule id
    const parts = (r: Element) => ['.row-sev-text', '.row-title', '.row-page', '.row-rule'].map((c) => r.querySelector(c)?.textContent);
    expect(parts(rows[0]!)).toEqual(['エラー', '会員情報連携のタグがコメントアウトされています', '2: /', 'oksky/linkage-commented-out']);
    expect(rows[0]!.getAttribute('aria-selected')).toBe('true');
    // explanation, fix, source document and the evidence kind it rests on: in the detail pane
    const cards = [...container.querySelectorAll('article[data-rule-id]')];
    expect(cards.map((c) => c.getAttribute('data-rule-id'))).toEqual(['oksky/linkage-commented-out']);
    const first = cards[0] as HTMLElement;
    expect(within(first).getByText('loginKey がコメントの中にしかありません。')).toBeTruthy();
    expect(first.textContent).toContain('対処:');
    expect(first.textContent).toContain('出典: 000 未ログイン時の埋め込みタグの例');
    expect(first.querySelector('[data-evidence-source="static"]')).not.toBeNull();
  });

  it('speaks English when the language is en, and passes the language to the analysis', () => {
    const { analyze } = setup('en');
    expect(screen.getByRole('tab', { name: /Findings \(3\)/ })).toBeTruthy();
    expect(within(screen.getByRole('listbox')).getAllByRole('option').map((o) => o.querySelector('.row-sev-text')!.textContent)).toEqual(['Error', 'Warning', 'Info']);
    expect(screen.getAllByText('The linkage calls are commented out').length).toBeGreaterThan(0);
    expect(analyze.mock.calls.every(([, lang]) => lang === 'en')).toBe(true);
  });

  it('moves between tabs with the arrow keys, Home and End (roving tabindex)', () => {
    setup();
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).toEqual(['タグ', '通信', '診断結果 (3)', 'タイムライン', '比較']);
    const selected = () => screen.getAllByRole('tab').find((t) => t.getAttribute('aria-selected') === 'true')!;
    expect(selected().textContent).toBe('診断結果 (3)');
    expect(tabs.filter((t) => t.tabIndex === 0)).toHaveLength(1);
    selected().focus();
    fireEvent.keyDown(selected(), { key: 'ArrowRight' });
    expect(selected().textContent).toBe('タイムライン');
    expect(document.activeElement).toBe(selected());
    fireEvent.keyDown(selected(), { key: 'ArrowRight' });
    expect(selected().textContent).toBe('比較');
    fireEvent.keyDown(selected(), { key: 'ArrowRight' });
    expect(selected().textContent).toBe('タグ');
    fireEvent.keyDown(selected(), { key: 'End' });
    expect(selected().textContent).toBe('比較');
    fireEvent.keyDown(selected(), { key: 'Home' });
    expect(selected().textContent).toBe('タグ');
    fireEvent.keyDown(selected(), { key: 'ArrowLeft' });
    expect(selected().textContent).toBe('比較');
    expect(screen.getAllByRole('tab').filter((t) => t.tabIndex === 0)).toEqual([selected()]);
    // the visible tabpanel belongs to the selected tab
    const panel = screen.getByRole('tabpanel');
    expect(panel.getAttribute('aria-labelledby')).toBe(selected().id);
  });

  it('shows the parsed tag with masked values and highlights the offending source line', () => {
    const { container } = setup();
    fireEvent.click(screen.getByRole('tab', { name: 'タグ' }));
    const pages = container.querySelectorAll('[data-page-index]');
    // the newest page first
    expect([...pages].map((p) => p.getAttribute('data-page-index'))).toEqual(['1', '0']);
    const p1 = pages[1] as HTMLElement;
    expect(p1.textContent).toContain('kobuna-s-001.okskychat.net');
    expect(p1.textContent).toContain('kobuna-s-001-0D5ACD179B043831');
    expect(p1.textContent).toContain('customer_id');
    // the member id is masked in the table and in the source
    expect(p1.textContent).not.toContain('A1234567');
    expect(p1.textContent).toContain('A1****67');
    const p2 = pages[0] as HTMLElement;
    const hl = [...p2.querySelectorAll('li[data-highlighted="true"]')].map((li) => li.getAttribute('data-line'));
    expect(hl).toEqual(['7', '8']);
    expect(p2.querySelector('li[data-line="8"]')!.textContent).toContain('//OkskyChat("loginKey", "customer_id");');
  });

  it('sends a login-state override to the source and re-analyses with it; auto removes it', async () => {
    const { source, analyze } = setup();
    fireEvent.click(screen.getByRole('tab', { name: 'タグ' }));
    const select = screen.getByLabelText('ページ 1 のログイン状態') as HTMLSelectElement;
    expect(select.value).toBe('auto');
    expect(select.options[0]!.textContent).toBe('自動（推定: ログイン中）');
    expect(screen.getAllByText(/推定の根拠:/).length).toBeGreaterThan(0);
    await act(async () => {
      fireEvent.change(select, { target: { value: 'logged-out' } });
    });
    expect(source.calls).toContainEqual({ method: 'setStateOverride', tabId: 7, pageId: 'p1', state: 'logged-out' });
    await waitFor(() => expect((screen.getByLabelText('ページ 1 のログイン状態') as HTMLSelectElement).value).toBe('logged-out'));
    const last = analyze.mock.calls.at(-1)![0];
    expect(last.overrides).toEqual({ p1: 'logged-out' });
    await act(async () => {
      fireEvent.change(screen.getByLabelText('ページ 1 のログイン状態'), { target: { value: 'auto' } });
    });
    expect(source.calls.at(-1)).toEqual({ method: 'setStateOverride', tabId: 7, pageId: 'p1', state: null });
    await waitFor(() => expect(analyze.mock.calls.at(-1)![0].overrides).toEqual({}));
  });

  it('lists /login requests with the decoded, masked query and the widget loads', () => {
    const { container } = setup();
    fireEvent.click(screen.getByRole('tab', { name: '通信' }));
    const logins = container.querySelectorAll('[data-request-kind="login"]');
    expect(logins).toHaveLength(2);
    expect(logins[0]!.textContent).toContain('customer_id');
    expect(logins[0]!.textContent).toContain('A1****67');
    expect(logins[0]!.textContent).not.toContain('A1234567');
    expect(logins[0]!.querySelector('[data-query-status]')!.getAttribute('data-query-status')).toBe('ok');
    expect(logins[1]!.querySelector('[data-query-status]')!.getAttribute('data-query-status')).toBe('empty');
    expect(container.querySelectorAll('[data-request-kind="widget-script"]')).toHaveLength(2);
  });

  it('filters findings and requests as you type', async () => {
    const { container } = setup();
    fireEvent.change(screen.getByLabelText('診断結果を絞り込む'), { target: { value: 'key-changed' } });
    await waitFor(() => expect(container.querySelectorAll('.finding-row[data-rule-id]')).toHaveLength(1));
    expect(container.querySelector('.finding-row[data-rule-id]')!.getAttribute('data-rule-id')).toBe('oksky/key-changed-in-session');
    // the detail follows the filter
    expect(container.querySelector('article[data-rule-id]')!.getAttribute('data-rule-id')).toBe('oksky/key-changed-in-session');
    fireEvent.click(screen.getByRole('tab', { name: '通信' }));
    fireEvent.change(screen.getByLabelText('通信を絞り込む'), { target: { value: 'oksky-chat.net login' } });
    await waitFor(() => expect(container.querySelectorAll('[data-request-kind]')).toHaveLength(1));
    expect(screen.getByText('4 件中 1 件')).toBeTruthy();
  });

  it('draws the timeline with the room split and the switch findings', () => {
    const { container } = setup();
    fireEvent.click(screen.getByRole('tab', { name: 'タイムライン' }));
    const items = container.querySelectorAll('.timeline-item');
    expect(items).toHaveLength(2);
    expect(items[0]!.getAttribute('data-room')).toBe('1');
    expect(items[1]!.getAttribute('data-room')).toBe('2');
    expect(items[0]!.textContent).toContain('会員情報連携で特定（customer_id = A1****67）');
    expect(items[1]!.textContent).toContain('Cookie で特定（www.example.jp のCookie）');
    expect(items[1]!.textContent).toContain('ここでルームが分かれます');
    const flagged = [...items[1]!.querySelectorAll('[data-rule-id]')].map((e) => e.getAttribute('data-rule-id'));
    expect(flagged.sort()).toEqual(['oksky/identity-switched', 'oksky/key-changed-in-session']);
    expect(container.querySelector('svg.timeline-strip circle')).not.toBeNull();
    // colour and marker by the page's worst severity (a page with an error is never "green")
    expect([...items].map((i) => i.getAttribute('data-level'))).toEqual(['ok', 'error']);
    expect(items[0]!.querySelector('[data-node-level]')!.textContent).toContain('問題なし');
    expect(items[1]!.querySelector('[data-node-level]')!.textContent).toBe('エラー 1 · 警告 1 · 情報 1');
    expect([...container.querySelectorAll('.strip-mark')].map((m) => m.textContent)).toEqual(['✓', '✕']);
    expect([...container.querySelectorAll('.strip-room')].map((m) => m.textContent)).toEqual(['ルーム1', 'ルーム2']);
  });

  it('clears through the source', async () => {
    const { source, container } = setup();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '記録をクリア' }));
    });
    expect(source.calls).toContainEqual({ method: 'clear', tabId: 7 });
    await waitFor(() => expect(container.querySelectorAll('article[data-rule-id]')).toHaveLength(0));
    // a cleared tab has nothing captured: never "no problem found"
    expect(container.querySelector('[data-verdict]')!.getAttribute('data-verdict')).toBe('empty');
    expect(screen.queryByText('問題は見つかりませんでした。')).toBeNull();
    expect(screen.getAllByText('このタブからはまだ何も記録していません。').length).toBeGreaterThan(0);
  });

  it('copies the Markdown report and tells so', async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    setup();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'レポートをコピー' }));
    });
    expect(writeText).toHaveBeenCalledWith('# report 3');
    expect(screen.getByText(/クリップボードにコピーしました/)).toBeTruthy();
  });

  it('says when site access is withheld and what the capture keeps across navigations', () => {
    const source = createMemorySource([{ ...fixtureCapture(3), siteAccess: 'withheld', session: { pages: [], requests: [], dropped: { pages: 2, requests: 5 } } }]);
    render(
      <I18nProvider lang="ja">
        <Panel source={source} tabId={3} analyze={fixtureAnalyze} actions={actions} throttleMs={0} />
      </I18nProvider>,
    );
    expect(screen.getByText(/サイトへのアクセス/)).toBeTruthy();
    // no permanent prose: what the capture keeps is the tooltip of the page line, what was dropped a chip
    expect(document.querySelector('.context')!.getAttribute('title')).toMatch(/ページを移動しても記録は続きます.*最大 50 ページ・2000 リクエスト/);
    expect(screen.getByText('古い記録を破棄')).toBeTruthy();
    expect(screen.getByText(/2 ページ・5 リクエストを破棄/)).toBeTruthy();
  });

  it('keeps the panel usable when the analysis throws', () => {
    setup('ja', vi.fn(() => {
      throw new Error('rule exploded');
    }));
    expect(screen.getByRole('alert').textContent).toContain('rule exploded');
    expect(screen.getAllByRole('tab')).toHaveLength(5);
  });
});

describe('Panel evidence', () => {
  it('jumps from a finding evidence line to the highlighted source on the Tags tab', async () => {
    const scroll = vi.fn();
    Element.prototype.scrollIntoView = scroll;
    const { container } = setup();
    const card = container.querySelector('article[data-rule-id="oksky/linkage-commented-out"]') as HTMLElement;
    fireEvent.click(within(card).getByText(/証拠 1 件/));
    fireEvent.click(within(card).getByRole('button', { name: '8 行 1 文字目' }));
    expect(screen.getByRole('tab', { name: 'タグ' }).getAttribute('aria-selected')).toBe('true');
    await waitFor(() => expect(scroll).toHaveBeenCalled());
    const target = scroll.mock.contexts.at(-1) as HTMLElement;
    expect(target.getAttribute('data-line')).toBe('8');
    expect(target.closest('[data-page-index]')!.getAttribute('data-page-index')).toBe('1');
    // the focus moves to the line (never lost to <body> when the button it was on goes away)
    expect(document.activeElement).toBe(target);
  });
});

describe('Findings master–detail', () => {
  it('moves the selection with ↑/↓, Home and End, and shows the selected finding in the detail pane', () => {
    const { container } = setup();
    const list = screen.getByRole('listbox');
    const detail = () => container.querySelector('article[data-rule-id]')!.getAttribute('data-rule-id');
    const selected = () => within(screen.getByRole('listbox')).getAllByRole('option').find((o) => o.getAttribute('aria-selected') === 'true')!.getAttribute('data-rule-id');
    expect(detail()).toBe('oksky/linkage-commented-out');
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(selected()).toBe('oksky/key-changed-in-session');
    expect(detail()).toBe('oksky/key-changed-in-session');
    expect(list.getAttribute('aria-activedescendant')).toBe(within(screen.getByRole('listbox')).getAllByRole('option')[1]!.id);
    fireEvent.keyDown(list, { key: 'End' });
    expect(detail()).toBe('oksky/identity-switched');
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(detail()).toBe('oksky/identity-switched');
    fireEvent.keyDown(list, { key: 'ArrowUp' });
    expect(detail()).toBe('oksky/key-changed-in-session');
    fireEvent.keyDown(list, { key: 'Home' });
    expect(detail()).toBe('oksky/linkage-commented-out');
    fireEvent.click(within(screen.getByRole('listbox')).getAllByRole('option')[2]!);
    expect(detail()).toBe('oksky/identity-switched');
  });

  it('resizes the split from the keyboard (a window splitter with aria-valuenow)', () => {
    localStorage.clear();
    setup();
    const sep = screen.getByRole('separator');
    const before = Number(sep.getAttribute('aria-valuenow'));
    expect(before).toBeGreaterThanOrEqual(20);
    const more = sep.getAttribute('aria-orientation') === 'vertical' ? 'ArrowRight' : 'ArrowDown';
    fireEvent.keyDown(sep, { key: more });
    expect(Number(sep.getAttribute('aria-valuenow'))).toBe(before + 5);
    fireEvent.keyDown(sep, { key: 'End' });
    expect(sep.getAttribute('aria-valuenow')).toBe('80');
    fireEvent.keyDown(sep, { key: 'Home' });
    expect(sep.getAttribute('aria-valuenow')).toBe('20');
  });
});

describe('Panel toolbar', () => {
  it('is one row of named icon buttons, the counts as chips, the page by host and title — never the tab id', () => {
    const { container } = setup();
    const toolbar = screen.getByRole('toolbar');
    const names = within(toolbar)
      .getAllByRole('button')
      .map((b) => b.getAttribute('aria-label'));
    expect(names).toEqual(['レポートをコピー', 'スナップショットを書き出す', '記録をクリア']);
    // every icon button has its tooltip
    for (const b of within(toolbar).getAllByRole('button')) expect(b.getAttribute('title')).toMatch(/^(レポートをコピー|スナップショットを書き出す|記録をクリア)/);
    expect(within(toolbar).getByLabelText(/HAR ファイルを選ぶ/)).toBeTruthy();
    expect([...container.querySelectorAll('.counts [data-count]')].map((c) => c.textContent)).toEqual(['1エラー 1', '1警告 1', '1情報 1']);
    expect(container.querySelector('.context')!.textContent).toBe('www.example.jp — トップ');
    expect(container.querySelector('.panel-head')!.textContent).not.toContain('7');
    expect(container.querySelector('.persist-info')).toBeNull();
  });

  it("sets the newest page's login state from the toolbar", async () => {
    const { source } = setup();
    const select = screen.getByLabelText('ログイン状態の指定（ページ 2）') as HTMLSelectElement;
    expect(select.value).toBe('auto');
    await act(async () => {
      fireEvent.change(select, { target: { value: 'logged-in' } });
    });
    expect(source.calls).toContainEqual({ method: 'setStateOverride', tabId: 7, pageId: 'p2', state: 'logged-in' });
  });
});
