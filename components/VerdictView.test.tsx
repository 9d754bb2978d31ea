// @vitest-environment happy-dom
/**
 * The four verdict states never look alike (issue 9 §4), in the panel and the popup, analysed by
 * the real core: nothing captured yet (a reload helps), no tag (which tags, where, and that a
 * reload does not help), all clear (the passed checks), problems — plus pages we may not read and
 * 「一部を読んでいません」 next to any verdict when a bound skipped input.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Lang } from '@/utils/core/model';
import { analyzeCapture } from '@/utils/ui/analysis';
import { createMemorySource } from '@/utils/ui/memory-source';
import type { TabCapture } from '@/utils/ui/source';
import { verdictCaptures } from './__fixtures__/verdict';
import { I18nProvider } from './i18n-context';
import { Panel } from './Panel';
import { Popup } from './Popup';

afterEach(cleanup);

function panel(capture: TabCapture, lang: Lang = 'ja') {
  const source = createMemorySource([capture]);
  return render(
    <I18nProvider lang={lang}>
      <Panel source={source} tabId={capture.tabId} analyze={analyzeCapture} throttleMs={0} />
    </I18nProvider>,
  );
}

async function popup(capture: TabCapture, lang: Lang = 'ja') {
  const source = createMemorySource([capture]);
  const utils = render(
    <I18nProvider lang={lang}>
      <Popup source={source} tabId={capture.tabId} loadAnalyze={async () => analyzeCapture} />
    </I18nProvider>,
  );
  await waitFor(() => expect(utils.container.querySelector('[data-verdict]')).not.toBeNull());
  if (capture.session.pages.length > 0) await waitFor(() => expect(utils.container.querySelector('[data-count="error"]')).not.toBeNull());
  return utils;
}

const verdictOf = (c: HTMLElement) => c.querySelector<HTMLElement>('[data-verdict]')!;

describe('the verdict in the panel', () => {
  it('nothing captured yet: says so and that a reload starts the capture; no "no problem"', () => {
    const { container } = panel(verdictCaptures.empty(1));
    const v = verdictOf(container);
    expect(v.getAttribute('data-verdict')).toBe('empty');
    expect(v.getAttribute('role')).toBe('status');
    expect(v.getAttribute('aria-label')).toBe('診断の結論');
    expect(v.textContent).toContain('このタブからはまだ何も記録していません。');
    expect(v.textContent).toContain('ページを再読み込み（F5）すると記録が始まります');
    expect(container.textContent).not.toContain('問題は見つかりませんでした');
  });

  it('a page without a tag: which tags were looked for, where, the tag-manager caveat, and that a reload does not help', () => {
    const { container } = panel(verdictCaptures.noTag(2));
    const v = verdictOf(container);
    expect(v.getAttribute('data-verdict')).toBe('no-tag');
    expect(v.textContent).toContain('OK SKY・チャネルトークのタグは見つかりませんでした');
    expect(v.textContent).toContain('タグマネージャー');
    expect([...v.querySelectorAll('[data-vendor]')].map((li) => [li.getAttribute('data-vendor'), li.getAttribute('data-found')])).toEqual([
      ['oksky', 'false'],
      ['channeltalk', 'false'],
    ]);
    expect(v.textContent).toContain('確認した場所: ページのソース');
    expect(v.textContent).toContain('再読み込みしても結果は変わりません');
    expect(v.textContent).not.toContain('再読み込み（F5）すると');
    // the Findings tab does not say "no problem" either
    expect(container.textContent).toContain('このページには OK SKY・チャネルトークのタグがないため、確認する項目がありません。');
    expect(container.textContent).not.toContain('問題は見つかりませんでした。');
  });

  it('a correct tag: "no problem" with the checks that ran and passed, as in Lighthouse', () => {
    const { container } = panel(verdictCaptures.clear(3));
    const v = verdictOf(container);
    expect(v.getAttribute('data-verdict')).toBe('clear');
    expect(v.getAttribute('data-limited')).toBeNull();
    expect(v.textContent).toMatch(/問題は見つかりませんでした（OK SKYのタグ、\d+ 項目を確認）/);
    const passed = [...v.querySelectorAll('[data-passed-rule-id]')].map((li) => li.getAttribute('data-passed-rule-id'));
    expect(passed).toContain('oksky/loginkey-missing');
    expect(passed).toContain('oksky/login-query-empty');
    expect(passed).not.toContain('channeltalk/boot-missing');
    expect(v.querySelector('summary')!.textContent).toBe(`確認して問題がなかった項目（${passed.length} 件）`);
    // once, on the Findings tab (no findings there), folded, by their titles
    const lists = container.querySelectorAll('details.verdict-passed');
    expect(lists.length).toBe(1);
    expect(lists[0]!.closest('.findings-view')).not.toBeNull();
    expect((lists[0] as HTMLDetailsElement).open).toBe(false);
    expect(lists[0]!.textContent).toContain('loginKey');
  });

  it('input skipped by a bound: 「一部を読んでいません」 beside the verdict, with what was not read, never a bare "no problem"', () => {
    const { container } = panel(verdictCaptures.limited(4));
    const v = verdictOf(container);
    expect(v.getAttribute('data-verdict')).toBe('clear');
    expect(v.getAttribute('data-limited')).toBe('true');
    expect(v.querySelector('[data-limited-tag]')!.textContent).toBe('一部を読んでいません');
    expect(v.querySelector('.verdict-headline')!.textContent).not.toContain('問題は見つかりませんでした');
    expect(v.querySelector('[data-limit="script-chars"]')!.textContent).toContain('5,000 文字を読んでいません');
    // the finding that says it is there too
    expect(container.querySelector('article[data-rule-id="renkei/input-limited"]')).not.toBeNull();
  });

  it('problems: the counts in the verdict, the findings below', () => {
    const { container } = panel(verdictCaptures.problems(5));
    const v = verdictOf(container);
    expect(v.getAttribute('data-verdict')).toBe('problems');
    expect(v.textContent).toMatch(/エラー \d+ 件・警告 \d+ 件が見つかりました/);
    expect(container.querySelector('article[data-rule-id="oksky/loginkey-missing"][data-severity="error"]')).not.toBeNull();
  });

  it('pages we may not read say so: withheld site access, chrome:// pages and the Web Store', () => {
    const withheld = panel(verdictCaptures.withheld(6));
    expect(verdictOf(withheld.container).getAttribute('data-access')).toBe('withheld');
    expect(verdictOf(withheld.container).textContent).toContain('このサイトへの拡張機能のアクセスが許可されていないため');
    expect(verdictOf(withheld.container).textContent).not.toContain('再読み込み（F5）すると');
    cleanup();
    const restricted = panel(verdictCaptures.restricted(7));
    expect(verdictOf(restricted.container).getAttribute('data-access')).toBe('restricted');
    expect(verdictOf(restricted.container).textContent).toContain('Chrome ウェブストア');
  });

  it('speaks English', () => {
    const { container } = panel(verdictCaptures.noTag(8), 'en');
    const v = verdictOf(container);
    expect(v.getAttribute('aria-label')).toBe('Verdict');
    expect(v.textContent).toContain('No OK SKY or Channel Talk tag was found');
    expect(v.textContent).toContain('OK SKY: not found');
    expect(v.textContent).toContain('Reloading will not change this');
    cleanup();
    const clear = panel(verdictCaptures.limited(9), 'en');
    expect(verdictOf(clear.container).querySelector('[data-limited-tag]')!.textContent).toBe('Part of the input was not read');
    expect(verdictOf(clear.container).textContent).not.toContain('No problems found');
  });

  it('the passed checks open and close from the keyboard (a native disclosure)', async () => {
    const { container } = panel(verdictCaptures.clear(10));
    const summary = verdictOf(container).querySelector('summary')!;
    // a <summary> is focusable and toggles with Enter / Space in every browser
    expect(summary.tagName).toBe('SUMMARY');
    summary.focus();
    expect(document.activeElement).toBe(summary);
    const details = summary.parentElement as HTMLDetailsElement;
    const before = details.open;
    await act(async () => {
      fireEvent.click(summary);
    });
    await waitFor(() => expect(details.open).toBe(!before));
  });
});

describe('the verdict in the popup', () => {
  it('shows each state with its data-verdict, the same words as the panel', async () => {
    const cases: [TabCapture, string, string][] = [
      [verdictCaptures.empty(21), 'empty', '再読み込み（F5）すると記録が始まります'],
      [verdictCaptures.noTag(22), 'no-tag', '再読み込みしても結果は変わりません'],
      [verdictCaptures.clear(23), 'clear', '問題は見つかりませんでした（OK SKYのタグ'],
      [verdictCaptures.problems(24), 'problems', 'が見つかりました'],
    ];
    for (const [capture, kind, text] of cases) {
      const { container } = await popup(capture);
      const v = verdictOf(container);
      await waitFor(() => expect(v.getAttribute('data-verdict')).toBe(kind));
      expect(v.textContent).toContain(text);
      cleanup();
    }
  });

  it('folds the passed checks, marks limited input, and says when the site cannot be read', async () => {
    const clear = await popup(verdictCaptures.limited(25));
    await waitFor(() => expect(verdictOf(clear.container).getAttribute('data-limited')).toBe('true'));
    expect((verdictOf(clear.container).querySelector('details.verdict-passed') as HTMLDetailsElement).open).toBe(false);
    expect(verdictOf(clear.container).textContent).toContain('一部を読んでいません');
    cleanup();
    const withheld = await popup(verdictCaptures.withheld(26));
    expect(verdictOf(withheld.container).getAttribute('data-access')).toBe('withheld');
    expect(screen.queryByText(/まだ何も記録していません/)).toBeNull();
  });
});
