// @vitest-environment happy-dom
/**
 * The Tags tab tied to the findings (issue 11): newest page first, errors per page, the field a
 * finding is about flagged with its severity (icon and text), the other findings inline, one card
 * per tag with a chip for each view (page source / run time), and "Open in Sources" — through
 * DevTools' openResource for the page on show, explained everywhere else.
 */
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OkskyTag } from '@/utils/core/oksky/types';
import { createMemorySource } from '@/utils/ui/memory-source';
import { fixtureAnalyze, fixtureCapture } from './__fixtures__/session';
import { I18nProvider } from './i18n-context';
import { Panel } from './Panel';
import { mergeTags } from './TagsView';

afterEach(cleanup);

function tags(props: Partial<Parameters<typeof Panel>[0]> = {}) {
  const utils = render(
    <I18nProvider lang="ja">
      <Panel source={createMemorySource([fixtureCapture(7)])} tabId={7} analyze={fixtureAnalyze} throttleMs={0} {...props} />
    </I18nProvider>,
  );
  fireEvent.click(screen.getByRole('tab', { name: 'タグ' }));
  const pages = [...utils.container.querySelectorAll<HTMLElement>('[data-page-index]')];
  return { ...utils, pages };
}

describe('Tags tab', () => {
  it('puts the newest page first and counts its findings by severity; a correct page says so', () => {
    const { pages } = tags();
    expect(pages.map((p) => p.getAttribute('data-page-index'))).toEqual(['1', '0']);
    const counts = pages[0]!.querySelector('.page-counts')!;
    expect(counts.getAttribute('data-page-errors')).toBe('1');
    expect(counts.textContent).toBe('エラー 1警告 1情報 1');
    expect(pages[1]!.querySelector('.page-counts')!.textContent).toBe('問題なし');
  });

  it('flags the field a finding is about with its severity as text, and lists the other findings of the tag', () => {
    const { pages } = tags();
    const loginKey = pages[0]!.querySelector<HTMLElement>('[data-field="loginKey"]')!;
    expect(loginKey.getAttribute('data-flagged')).toBe('error');
    expect(loginKey.textContent).toContain('なし');
    const flag = loginKey.querySelector('[data-rule-ref="oksky/linkage-commented-out"]')!;
    expect(flag.textContent).toBe('エラー 会員情報連携のタグがコメントアウトされています');
    expect(pages[0]!.querySelector('[data-field="key"]')!.getAttribute('data-flagged')).toBe('warning');
    // the finding about no field of the card: listed under it, with its rule id
    const rest = [...pages[0]!.querySelectorAll('.tag-card .inline-finding')].map((li) => li.getAttribute('data-rule-ref'));
    expect(rest).toEqual(['oksky/identity-switched']);
    // nothing is flagged on the correct page
    expect(pages[1]!.querySelectorAll('[data-flagged]')).toHaveLength(0);
  });

  it('merges the source and the run-time view of one tag into one card with a chip for each', () => {
    const tag = (origin: 'static' | 'runtime', key: string): OkskyTag =>
      ({ form: 'queue', origin, global: 'OkskyChat', loaderCount: 1, calls: [], commentedCalls: [], key, keys: [key], loginKeys: [], loginKeyCalls: [], keywords: [] }) as unknown as OkskyTag;
    const merged = mergeTags([tag('static', 'A'), tag('runtime', 'A')]);
    expect(merged.map((m) => m.views.map((v) => v.origin))).toEqual([['static', 'runtime']]);
    // two loader snippets in the source stay two cards (a duplicate tag is a finding, not one tag)
    expect(mergeTags([tag('static', 'A'), tag('static', 'B'), tag('runtime', 'B')]).map((m) => m.views.map((v) => v.origin))).toEqual([['static', 'runtime'], ['static']]);
    const { pages } = tags();
    const card = pages[1]!.querySelector('.tag-card')!;
    expect([...card.querySelectorAll('[data-tag-source]')].map((c) => c.textContent)).toEqual(['ページのソース']);
  });
});

describe('Open in Sources', () => {
  it('as a tab: the button says why it cannot (aria-disabled, the reason on activation)', () => {
    const { pages } = tags();
    const button = within(pages[0]!).getAllByRole('button', { name: 'Sources で開く' })[0]!;
    expect(button.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(button);
    expect(within(pages[0]!).getByRole('status').textContent).toContain('DevTools の「連携」パネルとして開いているときだけ');
    expect(button.getAttribute('aria-describedby')).toBe(within(pages[0]!).getByRole('status').id);
  });

  it('in DevTools on this tab: opens the newest page at the line, older pages say they are gone', async () => {
    const openResource = vi.fn(async () => undefined);
    const { pages } = tags({ openResource, inspectedTabId: 7 });
    const newest = within(pages[0]!).getAllByRole('button', { name: 'Sources で開く' })[0]!;
    expect(newest.getAttribute('aria-disabled')).toBeNull();
    const line = Number(newest.getAttribute('data-line'));
    await act(async () => {
      fireEvent.click(newest);
    });
    expect(openResource).toHaveBeenCalledWith('https://www.example.jp/', line);
    expect(within(pages[0]!).getByRole('status').textContent).toBe(`Sources パネルで ${line} 行目を開きます。`);
    const older = within(pages[1]!).getAllByRole('button', { name: 'Sources で開く' })[0]!;
    expect(older.getAttribute('data-open-resource')).toBe('other-page');
    fireEvent.click(older);
    expect(openResource).toHaveBeenCalledTimes(1);
    expect(within(pages[1]!).getByRole('status').textContent).toContain('もう表示されていない');
  });

  it("says what DevTools answered when it cannot open the resource; another tab's panel cannot open at all", async () => {
    const openResource = vi.fn(async () => {
      throw new Error('E_NOTFOUND');
    });
    const { pages } = tags({ openResource, inspectedTabId: 7 });
    await act(async () => {
      fireEvent.click(within(pages[0]!).getAllByRole('button', { name: 'Sources で開く' })[0]!);
    });
    expect(within(pages[0]!).getByRole('alert').textContent).toBe('Sources で開けませんでした（E_NOTFOUND）。');
    cleanup();
    const other = tags({ openResource, inspectedTabId: 8 });
    expect(within(other.pages[0]!).getAllByRole('button', { name: 'Sources で開く' })[0]!.getAttribute('data-open-resource')).toBe('not-devtools');
  });
});
