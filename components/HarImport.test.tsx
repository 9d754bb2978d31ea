// @vitest-environment happy-dom
/**
 * Import HAR runs the real pipeline (harToSession → analyzeSession), exactly like `renkei analyze`.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Lang } from '@/utils/core/model';
import { analyzeCapture, type PanelActions } from '@/utils/ui/analysis';
import { MAX_HAR_BYTES } from '@/utils/ui/har-import';
import { createMemorySource } from '@/utils/ui/memory-source';
import { reportActions } from '@/utils/ui/report-actions';
import { smallHar } from './__fixtures__/har';
import { I18nProvider } from './i18n-context';
import { Panel } from './Panel';

afterEach(cleanup);

function setup(lang: Lang = 'ja', actions: PanelActions = reportActions) {
  const source = createMemorySource();
  const utils = render(
    <I18nProvider lang={lang}>
      <Panel source={source} tabId={9} analyze={analyzeCapture} actions={actions} throttleMs={0} />
    </I18nProvider>,
  );
  return { source, ...utils };
}

async function pick(name: string, content: string | File) {
  const file = content instanceof File ? content : new File([content], name, { type: 'application/json' });
  await act(async () => {
    fireEvent.change(screen.getByLabelText(/HAR ファイルを選ぶ|Choose a HAR file/), { target: { files: [file] } });
  });
}

describe('Import HAR', () => {
  it('analyses a small HAR as a session and shows its findings (ja)', async () => {
    const { container } = setup();
    expect(container.querySelectorAll('article[data-rule-id]')).toHaveLength(0);
    await pick('shop.har', smallHar());
    await waitFor(() => expect(container.querySelector('article[data-rule-id="oksky/loginkey-missing"]')).not.toBeNull());
    expect(container.querySelector('article[data-rule-id="oksky/loginkey-missing"]')!.getAttribute('data-severity')).toBe('error');
    expect(screen.getByText(/HAR「shop.har」を読み込みました（1 ページ・3 リクエスト）/)).toBeTruthy();
    expect(screen.getByText(/^HAR「shop.har」を表示中 · shop.example.jp$/)).toBeTruthy();
    // the personal value never shows in clear
    expect(container.textContent).not.toContain('A1234567');
    // the network tab has the /login with its decoded query
    fireEvent.click(screen.getByRole('tab', { name: '通信' }));
    expect(container.querySelector('[data-request-kind="login"] [data-query-status="ok"]')).not.toBeNull();
    // back to the live tab
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'タブの記録に戻る' }));
    });
    // the page line names the live tab again (its host and title; this tab has no page yet)
    expect(document.querySelector('.context')!.getAttribute('data-context')).toBe('tab');
    expect(document.querySelector('.context')!.textContent).toBe('まだページがありません');
  });

  it('renders the same findings in English', async () => {
    const { container } = setup('en');
    await pick('shop.har', smallHar());
    await waitFor(() => expect(container.querySelector('article[data-rule-id="oksky/loginkey-missing"]')).not.toBeNull());
    const title = container.querySelector('article[data-rule-id="oksky/loginkey-missing"] .finding-title')!.textContent!;
    expect(title).toMatch(/[A-Za-z]/);
    expect(title).not.toMatch(/[\u3040-\u30ff]/);
  });

  it('exports a snapshot from the imported session that the snapshot schema accepts', async () => {
    let snap: unknown;
    setup('ja', { ...reportActions, snapshot: (r, m) => (snap = reportActions.snapshot(r, m)) });
    await pick('shop.har', smallHar());
    const { Snapshot } = await import('@/utils/core/snapshot');
    URL.createObjectURL = () => 'blob:x';
    URL.revokeObjectURL = () => {};
    await waitFor(() => expect(screen.getByRole('button', { name: 'スナップショットを書き出す' }).hasAttribute('disabled')).toBe(false));
    fireEvent.click(screen.getByRole('button', { name: 'スナップショットを書き出す' }));
    const parsed = Snapshot.parse(snap);
    expect(parsed.findings.map((f) => f.ruleId)).toContain('oksky/loginkey-missing');
    expect(JSON.stringify(snap)).not.toContain('A1234567');
  });

  it('explains a broken file in plain Japanese and keeps the live view', async () => {
    setup();
    await pick('broken.har', '{"log": {"entries": [');
    expect(screen.getByRole('alert').textContent).toContain('「broken.har」の JSON が壊れているため読み込めません');
    await pick('other.json', '{"hello": 1}');
    expect(screen.getByRole('alert').textContent).toContain('「other.json」は HAR として読み込めませんでした');
    // the page line names the live tab again (its host and title; this tab has no page yet)
    expect(document.querySelector('.context')!.getAttribute('data-context')).toBe('tab');
    expect(document.querySelector('.context')!.textContent).toBe('まだページがありません');
  });

  it('refuses files over the size cap without reading them', async () => {
    setup();
    const big = new File(['x'], 'huge.har');
    Object.defineProperty(big, 'size', { value: MAX_HAR_BYTES + 1 });
    Object.defineProperty(big, 'text', { value: () => Promise.reject(new Error('must not read')) });
    await pick('huge.har', big);
    expect(screen.getByRole('alert').textContent).toContain('「huge.har」は大きすぎます（上限 50 MB）');
  });
});

describe('Read from DevTools', () => {
  it('analyses DevTools’ own recording when hosted there', async () => {
    const source = createMemorySource();
    const har = JSON.parse(smallHar()) as unknown;
    const { container } = render(
      <I18nProvider lang="ja">
        <Panel source={source} tabId={9} analyze={analyzeCapture} actions={reportActions} throttleMs={0} devtoolsHar={async () => har} />
      </I18nProvider>,
    );
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'DevTools の記録から読み込む' }));
    });
    await waitFor(() => expect(container.querySelector('article[data-rule-id="oksky/loginkey-missing"]')).not.toBeNull());
    expect(screen.getByText(/^HAR「DevTools の記録」を表示中/)).toBeTruthy();
  });

  it('is absent outside DevTools and says so plainly when DevTools fails', async () => {
    const { unmount } = setup();
    expect(screen.queryByRole('button', { name: 'DevTools の記録から読み込む' })).toBeNull();
    unmount();
    render(
      <I18nProvider lang="ja">
        <Panel source={createMemorySource()} tabId={9} analyze={analyzeCapture} actions={reportActions} throttleMs={0} devtoolsHar={() => Promise.reject(new Error('no devtools'))} />
      </I18nProvider>,
    );
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'DevTools の記録から読み込む' }));
    });
    expect(screen.getByRole('alert').textContent).toContain('DevTools の記録を読み込めませんでした');
  });
});

describe('Tags tab with the real analysis', () => {
  it('shows Channel Talk boot options next to OK SKY tags', async () => {
    const { parseHtmlPage } = await import('@/utils/core/html');
    const html = `<html><body><a href="/logout">ログアウト</a><script>
(function(){var w=window;if(w.ChannelIO){return;}var ch=function(){ch.c(arguments);};ch.q=[];ch.c=function(args){ch.q.push(args);};w.ChannelIO=ch;function l(){var s=document.createElement("script");s.async=true;s.src="https://cdn.channel.io/plugin/ch-plugin-web.js";var x=document.getElementsByTagName("script")[0];x.parentNode.insertBefore(s,x);}l();})();
ChannelIO('boot', { pluginKey: 'pk-1', memberId: 'M0012345', profile: { name: '山田' } });
</script></body></html>`;
    const page = parseHtmlPage(html, 'https://shop.example.jp/mypage', { id: 'c1', time: 1 });
    const source = createMemorySource();
    source.put(4, { pages: [page], requests: [] });
    const { container } = render(
      <I18nProvider lang="ja">
        <Panel source={source} tabId={4} analyze={analyzeCapture} actions={reportActions} throttleMs={0} />
      </I18nProvider>,
    );
    fireEvent.click(screen.getByRole('tab', { name: 'タグ' }));
    await waitFor(() => expect(container.querySelector('[data-vendor="channeltalk"]')).not.toBeNull());
    const table = container.querySelector('[data-vendor="channeltalk"]')!;
    expect(table.textContent).toContain('pluginKey');
    expect(table.textContent).not.toContain('M0012345');
    expect(container.textContent).not.toContain('OK SKY・チャネルトークのタグが見つかりませんでした');
  });
});
