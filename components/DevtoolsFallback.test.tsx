// @vitest-environment happy-dom
/**
 * The DevTools panel's fallback where site access is withheld, with fakes: the background as an
 * in-memory source, `chrome.devtools` as a fake DevtoolsApi behind the real devtools source.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDevtoolsSessionSource, type DevtoolsApi } from '@/utils/ext/devtools-source';
import { createFallbackSource } from '@/utils/ext/fallback-source';
import { PROBE_SOURCE } from '@/utils/ext/probe-source';
import { createMemorySource } from '@/utils/ui/memory-source';
import type { TabCapture } from '@/utils/ui/source';
import { fixtureAnalyze, fixtureCapture, LOGGED_IN_HTML } from './__fixtures__/session';
import { DevtoolsFallback } from './DevtoolsFallback';
import { I18nProvider } from './i18n-context';
import { Panel } from './Panel';

const TAB = 42;
let closers: (() => void)[] = [];
afterEach(() => {
  cleanup();
  for (const c of closers) c();
  closers = [];
});

function fakeDevtools() {
  const reloads: string[] = [];
  const api: DevtoolsApi = {
    tabId: TAB,
    eval: async <T,>(expr: string) => (expr.includes('outerHTML') ? { url: 'https://shop.example.jp/mypage', title: 'マイページ', html: LOGGED_IN_HTML } : null) as T,
    reload: (s) => reloads.push(s),
    getHAR: async () => ({ entries: [] }),
    onRequestFinished: () => undefined,
    onNavigated: () => undefined,
    hasAccess: async () => false,
  };
  return { api, reloads };
}

function setup(background: TabCapture, lang: 'ja' | 'en' = 'ja', probeReload: 'supported' | 'unsupported' = 'supported') {
  const bg = createMemorySource([background]);
  const dt = fakeDevtools();
  const load = vi.fn(async () => createDevtoolsSessionSource(dt.api));
  const source = createFallbackSource(bg, TAB, load, { silenceMs: 10_000 });
  closers.push(() => source.close());
  const analyze = vi.fn(fixtureAnalyze);
  const utils = render(
    <I18nProvider lang={lang}>
      <DevtoolsFallback source={source} probeReload={probeReload} />
      <Panel source={source} tabId={TAB} analyze={analyze} throttleMs={0} />
    </I18nProvider>,
  );
  return { bg, dt, load, source, analyze, ...utils };
}

const analysedUrls = (analyze: ReturnType<typeof vi.fn>) => {
  const calls = analyze.mock.calls as [TabCapture, string][];
  return calls.length ? calls[calls.length - 1]![0].session.pages.map((p) => p.url) : [];
};

describe('DevTools panel fallback', () => {
  it('site access withheld: the panel diagnoses from DevTools, says so, and reloads with the probe on request', async () => {
    const withheld: TabCapture = { ...fixtureCapture(TAB), session: { pages: [], requests: [] }, siteAccess: 'unknown' };
    const { container, dt, analyze } = setup(withheld);
    await waitFor(() => expect(container.querySelector('[data-source-mode="devtools"]')).not.toBeNull());
    const notice = container.querySelector('[data-source-mode="devtools"]')!;
    expect(notice.textContent).toContain('DevTools の記録');
    expect(notice.textContent).toContain('サイトへのアクセス');
    // the page comes from the inspected document, and its findings are shown
    await waitFor(() => expect(analysedUrls(analyze)).toEqual(['https://shop.example.jp/mypage']));
    await waitFor(() => expect(container.querySelectorAll('article[data-rule-id]').length).toBeGreaterThan(0));
    // the panel's own "cannot read this site" warning does not contradict the fallback
    expect(screen.queryByText(/ページのタグは読み取れていません/)).toBeNull();

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'プローブを入れて再読み込み' }));
    });
    expect(dt.reloads).toEqual([PROBE_SOURCE]);
    await waitFor(() => expect(screen.getByText(/プローブを入れてページを再読み込みしました/)).toBeTruthy());
  });

  it('Firefox (no injectedScript in DevTools reload): no probe button, says what to do instead', async () => {
    const withheld: TabCapture = { ...fixtureCapture(TAB), session: { pages: [], requests: [] }, siteAccess: 'unknown' };
    const { container, dt } = setup(withheld, 'ja', 'unsupported');
    await waitFor(() => expect(container.querySelector('[data-source-mode="devtools"]')).not.toBeNull());
    expect(container.querySelector('[data-probe-reload="unsupported"]')!.textContent).toContain('プローブを入れた再読み込みに対応していません');
    expect(screen.queryByRole('button', { name: 'プローブを入れて再読み込み' })).toBeNull();
    expect(dt.reloads).toEqual([]);
  });

  it('the background has the tab: no notice, its capture is shown, DevTools is not read', async () => {
    const { container, load, analyze } = setup(fixtureCapture(TAB));
    await waitFor(() => expect(analysedUrls(analyze)).toEqual(['https://shop.example.jp/mypage', 'https://www.example.jp/']));
    expect(container.querySelector('[data-source-mode]')).toBeNull();
    expect(load).not.toHaveBeenCalled();
    expect(screen.queryByRole('button', { name: 'プローブを入れて再読み込み' })).toBeNull();
  });

  it('speaks English, and switches back when the background sees the page (site access granted)', async () => {
    const { container, bg, analyze } = setup({ ...fixtureCapture(TAB), session: { pages: [], requests: [] }, siteAccess: 'withheld' }, 'en');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Reload with the probe' })).toBeTruthy());
    expect(container.querySelector('[data-source-mode="devtools"]')!.textContent).toContain("DevTools' own records");
    act(() => bg.put(TAB, fixtureCapture(TAB).session, { siteAccess: 'granted' }));
    await waitFor(() => expect(container.querySelector('[data-source-mode]')).toBeNull());
    await waitFor(() => expect(analysedUrls(analyze)).toEqual(['https://shop.example.jp/mypage', 'https://www.example.jp/']));
  });
});
