// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemorySource } from '@/utils/ui/memory-source';
import { fixtureAnalyze, fixtureCapture } from './__fixtures__/session';
import { I18nProvider } from './i18n-context';
import { firstSentence, Popup } from './Popup';

afterEach(cleanup);

const load = async () => fixtureAnalyze;

describe('Popup', () => {
  it('shows counts by severity, the worst findings first with one line each, and how to open the panel', async () => {
    const source = createMemorySource([fixtureCapture(5)]);
    const { container } = render(
      <I18nProvider lang="ja">
        <Popup source={source} tabId={5} loadAnalyze={load} />
      </I18nProvider>,
    );
    await waitFor(() => expect(container.querySelectorAll('li[data-rule-id]')).toHaveLength(3));
    const items = [...container.querySelectorAll('li[data-rule-id]')];
    expect(items.map((i) => i.getAttribute('data-severity'))).toEqual(['error', 'warning', 'info']);
    expect(items[0]!.textContent).toContain('loginKey がコメントの中にしかありません。');
    expect(container.querySelector('[data-count="error"]')!.textContent).toBe('エラー 1');
    expect(container.querySelector('[data-count="warning"]')!.textContent).toBe('警告 1');
    expect(container.querySelector('[data-count="info"]')!.textContent).toBe('情報 1');
    expect(screen.getByText(/F12 → 連携タブ/)).toBeTruthy();
    expect(container.querySelector('[data-site-access]')).toBeNull();
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
        <Popup source={source} tabId={undefined} loadAnalyze={() => Promise.reject(new Error('chunk failed'))} />
      </I18nProvider>,
    );
    expect(screen.getByText('診断するタブが見つかりません。')).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('chunk failed'));
  });

  it('cuts an explanation to its first sentence', () => {
    expect(firstSentence('ルームが分かれます。Cookie は別です。')).toBe('ルームが分かれます。');
    expect(firstSentence('No linkage. Second.')).toBe('No linkage.');
    expect(firstSentence('x'.repeat(300))).toHaveLength(140);
  });
});
