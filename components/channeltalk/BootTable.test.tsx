// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtures } from '@/tests/fixtures/channeltalk';
import { deriveChannelTalk } from '@/utils/core/channeltalk/derive';
import { parseHtmlPage } from '@/utils/core/html';
import type { Lang } from '@/utils/core/model';
import { ctRawPage } from '@/utils/core/rules/channeltalk/_cases';
import { I18nProvider } from '../i18n-context';
import { BootTable } from './BootTable';

afterEach(cleanup);

function show(html: string, lang: Lang = 'ja', reveal = false) {
  const evidence = deriveChannelTalk(parseHtmlPage(html, 'https://shop.example.jp/mypage'));
  return render(
    <I18nProvider lang={lang}>
      <BootTable evidence={evidence} reveal={reveal} />
    </I18nProvider>,
  );
}

function row(container: HTMLElement, key: string): HTMLElement {
  const el = container.querySelector(`tr[data-key="${key}"]`);
  expect(el, `row ${key}`).not.toBeNull();
  return el as HTMLElement;
}

describe('BootTable', () => {
  it('shows each boot option with its value, type and 001 meaning; personal values masked', () => {
    const { container } = show(fixtures.snippetCorrect);
    const table = container.querySelector('table[data-command="boot"]') as HTMLElement;
    expect(table).not.toBeNull();
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['キー', '値', '型', '説明']);
    expect(row(container, 'pluginKey').textContent).toContain('3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d');
    expect(row(container, 'pluginKey').textContent).toContain('プラグインキー');
    const member = row(container, 'memberId');
    expect(member.textContent).toContain('"M0****45"');
    expect(member.getAttribute('data-personal')).toBe('true');
    expect(row(container, 'profile.mobileNumber').textContent).toContain('携帯番号');
    expect(row(container, 'profile.email').textContent).toContain('メール');
    const checkout = row(container, 'profile.lastCheckoutCompletedAt');
    expect(checkout.textContent).toContain('最近注文時間');
    expect(checkout.textContent).toContain('1704067200000');
    expect(checkout.textContent).toContain('(Date)');
    expect(row(container, 'profile.memberRank').textContent).toContain('サイト独自の項目');
    const text = container.textContent ?? '';
    for (const personal of ['M00012345', 'taro.yamada@example.jp', '山田 太郎', '+819024681357']) expect(text).not.toContain(personal);
  });

  it('English labels', () => {
    const { container } = show(fixtures.snippetCorrect, 'en');
    expect(within(container.querySelector('table') as HTMLElement).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Key', 'Value', 'Type', 'Meaning']);
    expect(row(container, 'profile.lastCheckoutCompletedAt').textContent).toContain('Last checkout');
  });

  it('reveals personal values only when asked', () => {
    const { container } = show(fixtures.snippetCorrect, 'ja', true);
    expect(row(container, 'memberId').textContent).toContain('M00012345');
  });

  it('run-time values and updateUser tables (SDK loader)', () => {
    const { container } = show(fixtures.sdkLoaderModule);
    expect(row(container, 'memberId').textContent).toContain('実行時の値');
    expect(row(container, 'memberId').textContent).toContain('user.id');
    expect(container.querySelector('table[data-command="updateUser"]')).not.toBeNull();
    expect(row(container, 'profile.会員ランク').textContent).toContain('サイト独自の項目');
    expect(screen.getAllByText('SDK ローダー').length).toBeGreaterThan(0);
  });

  it('read-only keys are marked', () => {
    const evidence = deriveChannelTalk(ctRawPage({ runtime: [['boot', { pluginKey: 'k', profile: { lastSeenAt: 1704067200000 } }]] }));
    const { container } = render(<BootTable evidence={evidence} />);
    expect(row(container, 'profile.lastSeenAt').textContent).toContain('変更できない基本連携データ');
  });

  it('says so when the SDK is loaded but never booted, and renders nothing without Channel Talk', () => {
    const loaded = deriveChannelTalk(ctRawPage({ scriptUrls: ['https://cdn.channel.io/plugin/ch-plugin-web.js'] }));
    const { container, unmount } = render(<BootTable evidence={loaded} />);
    expect(container.textContent).toContain('boot の呼び出しは見つかりませんでした');
    unmount();
    const none = render(<BootTable evidence={deriveChannelTalk(ctRawPage({}))} />);
    expect(none.container.innerHTML).toBe('');
  });
});
