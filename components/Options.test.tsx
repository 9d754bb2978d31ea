// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionResult } from '@/utils/ui/companion-check';
import type { Settings, SettingsAdapter } from '@/utils/ui/settings';
import { I18nProvider } from './i18n-context';
import { Options } from './Options';

afterEach(cleanup);

function memorySettings(initial: Settings): SettingsAdapter & { saved: Settings[] } {
  let current = initial;
  const saved: Settings[] = [];
  return {
    saved,
    load: async () => current,
    save: async (s) => {
      current = s;
      saved.push(s);
    },
  };
}

const base: Settings = { language: 'auto', companion: { url: '', token: '' }, hosts: { ecai: ['admin.ecai.example.jp'], luxliner: [] } };

describe('Options', () => {
  it('loads, edits and saves language, companion and settings-page hosts', async () => {
    const settings = memorySettings(base);
    const onLanguageChange = vi.fn();
    render(
      <I18nProvider lang="ja">
        <Options settings={settings} testConnection={async () => ({ ok: true, code: 'ok' })} onLanguageChange={onLanguageChange} />
      </I18nProvider>,
    );
    await waitFor(() => expect(screen.getByLabelText('ECAI の管理画面')).toBeTruthy());
    expect((screen.getByLabelText('ECAI の管理画面') as HTMLTextAreaElement).value).toBe('admin.ecai.example.jp');
    fireEvent.change(screen.getByLabelText('画面と診断結果の言語'), { target: { value: 'en' } });
    fireEvent.change(screen.getByLabelText('サーバーの URL'), { target: { value: ' https://renkei.example.jp ' } });
    fireEvent.change(screen.getByLabelText('アクセストークン'), { target: { value: 'tok' } });
    fireEvent.change(screen.getByLabelText('Luxliner の管理画面'), { target: { value: 'https://lux.example.jp/admin/settings\nlux.example.jp\n\nLUX2.example.jp' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '保存' }));
    });
    expect(settings.saved).toEqual([
      { language: 'en', companion: { url: 'https://renkei.example.jp', token: 'tok' }, hosts: { ecai: ['admin.ecai.example.jp'], luxliner: ['lux.example.jp', 'lux2.example.jp'] } },
    ]);
    expect(onLanguageChange).toHaveBeenCalledWith('en');
    expect(screen.getByText('保存しました。')).toBeTruthy();
  });

  it('puts the sections given to it inside the main landmark (one landmark holds the whole page)', async () => {
    render(
      <I18nProvider lang="ja">
        <Options settings={memorySettings(base)} testConnection={async () => ({ ok: true, code: 'ok' })}>
          <section aria-label="記録するサイト">sites</section>
        </Options>
      </I18nProvider>,
    );
    const section = await screen.findByRole('region', { name: '記録するサイト' });
    expect(section.closest('main')).toBe(screen.getByRole('main'));
  });

  it('refuses to save what is not a host name', async () => {
    const settings = memorySettings(base);
    render(
      <I18nProvider lang="ja">
        <Options settings={settings} testConnection={async () => ({ ok: true, code: 'ok' })} />
      </I18nProvider>,
    );
    await waitFor(() => expect(screen.getByLabelText('Luxliner の管理画面')).toBeTruthy());
    fireEvent.change(screen.getByLabelText('Luxliner の管理画面'), { target: { value: 'not a host!' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '保存' }));
    });
    expect(settings.saved).toHaveLength(0);
    expect(screen.getByText('入力に誤りがあるため保存していません。')).toBeTruthy();
    expect(screen.getByText(/「not a host!」はホスト名として使えません（空白が含まれています）/)).toBeTruthy();
  });

  it('explains https://bad host/ next to its field instead of saving two hosts (ja and en)', async () => {
    for (const lang of ['ja', 'en'] as const) {
      const settings = memorySettings(base);
      render(
        <I18nProvider lang={lang}>
          <Options settings={settings} testConnection={async () => ({ ok: true, code: 'ok' })} />
        </I18nProvider>,
      );
      const label = lang === 'ja' ? 'ECAI の管理画面' : /ECAI/;
      await waitFor(() => expect(screen.getByLabelText(label)).toBeTruthy());
      const field = screen.getByLabelText(label) as HTMLTextAreaElement;
      fireEvent.change(field, { target: { value: 'https://bad host/\nadmin.ecai.example.jp' } });
      await act(async () => {
        fireEvent.click(screen.getByRole('button', { name: lang === 'ja' ? '保存' : /Save/ }));
      });
      expect(settings.saved).toHaveLength(0);
      // the field is marked invalid and described by the explanation
      expect(field.getAttribute('aria-invalid')).toBe('true');
      const described = document.getElementById(field.getAttribute('aria-describedby') ?? '');
      expect(described?.textContent).toContain('https://bad host/');
      expect(described?.textContent).toContain(lang === 'ja' ? '空白が含まれています' : 'it contains a space');
      // corrected, it saves and the explanation goes
      fireEvent.change(field, { target: { value: 'https://good.example.jp/\nadmin.ecai.example.jp' } });
      await act(async () => {
        fireEvent.click(screen.getByRole('button', { name: lang === 'ja' ? '保存' : /Save/ }));
      });
      expect(settings.saved[0]?.hosts.ecai).toEqual(['good.example.jp', 'admin.ecai.example.jp']);
      expect(field.getAttribute('aria-invalid')).toBeNull();
      cleanup();
    }
  });

  const cases: [ConnectionResult, RegExp][] = [
    [{ ok: true, code: 'ok' }, /接続できました/],
    [{ ok: false, code: 'unreachable' }, /サーバーに接続できません/],
    [{ ok: false, code: 'unauthorized' }, /トークンが無効です（401）/],
    [{ ok: false, code: 'cors' }, /CORS/],
    [{ ok: false, code: 'bad-url' }, /URL の形式が正しくありません/],
    [{ ok: false, code: 'http-error', status: 503, step: 'healthz' }, /healthz: HTTP 503/],
  ];
  it.each(cases)('explains the connection test result %j in Japanese', async (result, text) => {
    const test = vi.fn(async () => result);
    render(
      <I18nProvider lang="ja">
        <Options settings={memorySettings({ ...base, companion: { url: 'https://c.example.jp/', token: 't0' } })} testConnection={test} />
      </I18nProvider>,
    );
    await waitFor(() => expect(screen.getByRole('button', { name: '接続テスト' })).toBeTruthy());
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '接続テスト' }));
    });
    expect(test).toHaveBeenCalledWith('https://c.example.jp/', 't0');
    await waitFor(() => expect(screen.getByText(text)).toBeTruthy());
  });
});
