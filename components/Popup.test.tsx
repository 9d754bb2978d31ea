// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Finding, Lang } from '@/utils/core/model';
import type { Verdict } from '@/utils/core/verdict';
import type { Analyze } from '@/utils/ui/analysis';
import { createMemorySource } from '@/utils/ui/memory-source';
import type { TabCapture } from '@/utils/ui/source';
import { fixtureAnalyze, fixtureCapture } from './__fixtures__/session';
import { I18nProvider } from './i18n-context';
import { groupForPopup, pageLabel, Popup, type ChecklistPhase } from './Popup';

afterEach(cleanup);

const load = async () => fixtureAnalyze;

const FIX = 'Add the master keyword as `loginKey` after the `key` line (the line marked +):\nOkskyChat("key", "kobuna-s-001-X");\n+ OkskyChat("loginKey", "customer_id");';

function finding(ruleId: string, severity: Finding['severity'], page: string | undefined, title = `title of ${ruleId}`): Finding {
  return { ruleId, severity, title, message: `「IDは送信されているのに、ルームが別れてしまう」原因です。 ${ruleId}`, fix: FIX, ...(page ? { page } : {}), evidence: [] };
}

const verdict = (kind: 'no-tag' | 'problems'): Verdict => ({ kind, vendors: [], lookedAt: ['static'], limited: false, limits: [], passed: [], headline: { ja: `判定 ${kind}`, en: `verdict ${kind}` } });

/** the fixture analysis with other findings */
const withFindings =
  (findings: Finding[]): (() => Promise<Analyze>) =>
  async () =>
  (c: TabCapture, l: Lang) => ({ ...fixtureAnalyze(c, l), findings });

describe('groupForPopup', () => {
  it('puts the same rule on several pages in one group, worst first', () => {
    const g = groupForPopup([
      finding('a/info', 'info', 'https://shop.example.jp/'),
      finding('a/missing', 'error', 'https://shop.example.jp/mypage'),
      finding('a/missing', 'error', 'https://shop.example.jp/cart'),
      finding('a/missing', 'error', 'https://shop.example.jp/cart'),
      finding('a/warn', 'warning', undefined),
    ]);
    expect(g.map((x) => [x.finding.ruleId, x.count, x.pages.length])).toEqual([
      ['a/missing', 3, 2],
      ['a/warn', 1, 0],
      ['a/info', 1, 1],
    ]);
  });

  it('names a page by its path on the tab site, host and path elsewhere', () => {
    expect(pageLabel('https://shop.example.jp/mypage?id=1', 'shop.example.jp')).toBe('/mypage?…');
    expect(pageLabel('https://other.example.jp/cart', 'shop.example.jp')).toBe('other.example.jp/cart');
    expect(pageLabel('not a url', 'shop.example.jp')).toBe('not a url');
  });
});

describe('Popup', () => {
  it('per finding: the title once, the page path and the fix with its copy button; no message excerpt', async () => {
    const source = createMemorySource([fixtureCapture(5)]);
    const pages = ['https://www.example.jp/', 'https://www.example.jp/mypage', 'https://www.example.jp/cart', 'https://www.example.jp/order'];
    const { container } = render(
      <I18nProvider lang="ja">
        <Popup
          source={source}
          tabId={5}
          loadAnalyze={withFindings([...pages.map((p) => finding('oksky/loginkey-missing', 'error', p, 'loginKey が指定されていません')), finding('oksky/x', 'warning', pages[0])])}
        />
      </I18nProvider>,
    );
    await waitFor(() => expect(container.querySelectorAll('li[data-rule-id]')).toHaveLength(2));
    const [first, second] = [...container.querySelectorAll<HTMLElement>('li[data-rule-id]')];
    expect(first!.dataset.ruleId).toBe('oksky/loginkey-missing');
    expect(first!.dataset.count).toBe('4');
    // the title once, with the count of the duplicates
    expect(within(first!).getAllByText('loginKey が指定されていません')).toHaveLength(1);
    expect(within(first!).getByText('×4')).toBeTruthy();
    expect(first!.textContent).toContain('4 ページで同じ問題');
    // three paths named, the fourth counted
    expect([...first!.querySelectorAll('.popup-path')].map((e) => e.textContent)).toEqual(['/', '/mypage', '/cart']);
    expect(first!.textContent).toContain('ほか 1 ページ');
    // the fix: instruction, the line to add, and copy
    expect(first!.querySelector('.fix-instruction')!.textContent).toContain('loginKey');
    expect(first!.querySelector('ins[data-op="add"]')!.textContent).toContain('OkskyChat("loginKey", "customer_id");');
    expect(within(first!).getByRole('button', { name: '直したあとのコードをコピー' })).toBeTruthy();
    // no "first sentence of the message"
    expect(container.textContent).not.toContain('原因です');
    expect(second!.dataset.severity).toBe('warning');
    expect(container.querySelector('[data-count="error"]')!.textContent).toBe('エラー 1');
    expect(screen.getByText(/F12 → 「連携」タブ/)).toBeTruthy();
  });

  it('the worst five groups; the rest counted for the full panel', async () => {
    const source = createMemorySource([fixtureCapture(5)]);
    const many = Array.from({ length: 8 }, (_, i) => finding(`r/${i}`, i < 3 ? 'error' : 'info', 'https://www.example.jp/'));
    const { container } = render(
      <I18nProvider lang="en">
        <Popup source={source} tabId={5} loadAnalyze={withFindings(many)} />
      </I18nProvider>,
    );
    await waitFor(() => expect(container.querySelectorAll('li[data-rule-id]')).toHaveLength(5));
    expect(container.querySelector('[data-more]')!.textContent).toBe('3 more in the full panel.');
  });

  it('opens the full panel for this tab and the options', async () => {
    const openPanel = vi.fn();
    const openOptions = vi.fn();
    render(
      <I18nProvider lang="ja">
        <Popup source={createMemorySource([fixtureCapture(5)])} tabId={5} loadAnalyze={load} actions={{ openPanel, openOptions }} />
      </I18nProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: '詳細パネルを開く' }));
    fireEvent.click(screen.getByRole('button', { name: '設定' }));
    expect(openPanel).toHaveBeenCalledTimes(1);
    expect(openOptions).toHaveBeenCalledTimes(1);
  });

  it('on a settings page: the checklist first, and no tag summary when the page has no tag', async () => {
    // a capture of a page without any tag: the verdict is no-tag
    const noTag: Analyze = (c, l) => ({ ...fixtureAnalyze(c, l), findings: [], verdict: verdict('no-tag') });
    let report: (p: ChecklistPhase) => void = () => undefined;
    const { container } = render(
      <I18nProvider lang="ja">
        <Popup
          source={createMemorySource([fixtureCapture(5)])}
          tabId={5}
          loadAnalyze={async () => noTag}
          checklist={(onPhase) => {
            report = onPhase;
            return <section data-testid="checklist">checklist</section>;
          }}
        />
      </I18nProvider>,
    );
    await waitFor(() => expect(container.querySelector('[data-verdict]')).not.toBeNull());
    // while the page is read the summary stays (it may not be a settings page)
    expect(container.querySelector('.popup-tags')).not.toBeNull();
    report('ready');
    await waitFor(() => expect(container.querySelector('.popup-tags')).toBeNull());
    expect(container.querySelector('main')!.dataset.checklistPhase).toBe('ready');
    report('none');
    await waitFor(() => expect(container.querySelector('.popup-tags')).not.toBeNull());
  });

  it('on a settings page with a tag, the summary follows the checklist', async () => {
    let report: (p: ChecklistPhase) => void = () => undefined;
    const { container } = render(
      <I18nProvider lang="ja">
        <Popup
          source={createMemorySource([fixtureCapture(5)])}
          tabId={5}
          loadAnalyze={async () => (c: TabCapture, l: Lang) => ({ ...fixtureAnalyze(c, l), verdict: verdict('problems') })}
          checklist={(onPhase) => {
            report = onPhase;
            return <section data-testid="checklist">checklist</section>;
          }}
        />
      </I18nProvider>,
    );
    await waitFor(() => expect(container.querySelector('[data-verdict]')).not.toBeNull());
    report('ready');
    await waitFor(() => expect(container.querySelector('main')!.dataset.checklistPhase).toBe('ready'));
    const order = [...container.querySelectorAll('[data-testid="checklist"], .popup-tags')].map((e) => (e.classList.contains('popup-tags') ? 'tags' : 'checklist'));
    expect(order).toEqual(['checklist', 'tags']);
  });

  it('says clearly when site access is withheld for this site (English too)', async () => {
    const source = createMemorySource([{ ...fixtureCapture(5), siteAccess: 'withheld', session: { pages: [], requests: [] } }]);
    const { container, rerender } = render(
      <I18nProvider lang="ja">
        <Popup source={source} tabId={5} loadAnalyze={load} />
      </I18nProvider>,
    );
    await waitFor(() => expect(container.querySelector('[data-site-access="withheld"]')).not.toBeNull());
    expect(container.querySelector('[data-site-access]')!.textContent).toContain('このサイトへのアクセスが許可されていない');
    // nothing read from a withheld site is not "nothing captured yet"
    expect(container.querySelector('[data-verdict]')!.getAttribute('data-access')).toBe('withheld');
    expect(container.querySelector('[data-verdict]')!.textContent).toContain('このページは読めていません');
    rerender(
      <I18nProvider lang="en">
        <Popup source={source} tabId={5} loadAnalyze={load} />
      </I18nProvider>,
    );
    expect(container.querySelector('[data-site-access]')!.textContent).toContain('Site access is withheld');
  });

  it('says when there is no tab and when the analysis cannot load', async () => {
    const source = createMemorySource();
    render(
      <I18nProvider lang="ja">
        <Popup source={source} tabId={undefined} loadAnalyze={() => Promise.reject(new Error('chunk failed'))} actions={{ openPanel: () => undefined }} />
      </I18nProvider>,
    );
    expect(screen.getByText('診断するタブが見つかりません。')).toBeTruthy();
    // no tab: nothing to open the panel for
    expect(screen.queryByRole('button', { name: '詳細パネルを開く' })).toBeNull();
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('chunk failed'));
  });
});
