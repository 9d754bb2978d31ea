// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { normalizeSite, type CaptureSites, type CaptureSitesClient, type CaptureSitesReply } from '@/utils/ext/capture-sites';
import { CaptureSitesList, PanelCaptureBar } from './CaptureSites';
import { I18nProvider } from './i18n-context';

afterEach(cleanup);

/** a client over memory, with the background's answers */
function memoryClient(initial: CaptureSites, tabUrlHost?: string): CaptureSitesClient & { sites: () => CaptureSites; reloads: number[] } {
  let sites = initial;
  const reloads: number[] = [];
  const reply = (extra: Partial<CaptureSitesReply> = {}): CaptureSitesReply => ({ ok: true, sites, ...extra });
  return {
    sites: () => sites,
    reloads,
    get: async (tabId) => reply(tabId !== undefined && tabUrlHost ? { tabSite: tabUrlHost, tabOn: sites.all || sites.hosts.includes(tabUrlHost) } : {}),
    setAll: async (all) => {
      sites = { ...sites, all };
      return reply();
    },
    add: async (site) => {
      const s = normalizeSite(site);
      if (!s) return reply({ ok: false, error: 'bad-site' });
      sites = { ...sites, hosts: [...new Set([...sites.hosts, s])] };
      return reply();
    },
    remove: async (site) => {
      sites = { ...sites, hosts: sites.hosts.filter((h) => h !== site) };
      return reply();
    },
    enableTab: async () => {
      if (!tabUrlHost) return reply();
      const was = sites.hosts.includes(tabUrlHost) || sites.all;
      if (!was) sites = { ...sites, hosts: [...sites.hosts, tabUrlHost] };
      return reply({ tabSite: tabUrlHost, tabOn: true, turnedOn: !was });
    },
    reloadTab: async (tabId) => {
      reloads.push(tabId);
      return reply();
    },
  };
}

describe('CaptureSitesList', () => {
  it('adds, refuses bad input with a message, removes, and switches all sites', async () => {
    const client = memoryClient({ all: false, hosts: [] });
    render(
      <I18nProvider lang="ja">
        <CaptureSitesList client={client} />
      </I18nProvider>,
    );
    await screen.findByText('まだありません。');
    const input = screen.getByLabelText(/サイトを追加/);
    fireEvent.change(input, { target: { value: 'https://Shop.Example.jp/mypage' } });
    fireEvent.submit(input.closest('form')!);
    await waitFor(() => expect(client.sites().hosts).toEqual(['shop.example.jp']));
    await screen.findByText('shop.example.jp');
    fireEvent.change(input, { target: { value: '<script>' } });
    fireEvent.submit(input.closest('form')!);
    await screen.findByText('「<script>」はサイトの名前として読めません。');
    fireEvent.click(screen.getByTestId('capture-all-sites'));
    await waitFor(() => expect(client.sites().all).toBe(true));
    fireEvent.click(screen.getByRole('button', { name: 'shop.example.jp を外す' }));
    await waitFor(() => expect(client.sites().hosts).toEqual([]));
  });

  it("offers the tab's own site in the popup (English)", async () => {
    const client = memoryClient({ all: false, hosts: [] }, 'shop.example.jp');
    render(
      <I18nProvider lang="en">
        <CaptureSitesList client={client} tabId={7} />
      </I18nProvider>,
    );
    const box = await screen.findByLabelText('Record this site (shop.example.jp)');
    fireEvent.click(box);
    await waitFor(() => expect(client.sites().hosts).toEqual(['shop.example.jp']));
  });

  it('compact in the popup: one checkbox for this site, marked off until it is on; no list', async () => {
    const client = memoryClient({ all: false, hosts: ['other.example.jp'] }, 'shop.example.jp');
    const { container } = render(
      <I18nProvider lang="ja">
        <CaptureSitesList client={client} tabId={7} compact />
      </I18nProvider>,
    );
    const box = await screen.findByLabelText('このサイト (shop.example.jp) を記録する');
    expect(container.querySelector('[data-capture-on]')!.getAttribute('data-capture-on')).toBe('false');
    expect(screen.getByText(/再読み込み（F5）すると記録が始まります/)).toBeTruthy();
    // the list and the "all sites" switch are on the options page
    expect(screen.queryByRole('list')).toBeNull();
    expect(screen.queryByTestId('capture-all-sites')).toBeNull();
    fireEvent.click(box);
    await waitFor(() => expect(client.sites().hosts).toEqual(['other.example.jp', 'shop.example.jp']));
    await waitFor(() => expect(container.querySelector('[data-capture-on]')!.getAttribute('data-capture-on')).toBe('true'));
    expect(screen.queryByText(/再読み込み（F5）すると記録が始まります/)).toBeNull();
    cleanup();
    render(
      <I18nProvider lang="en">
        <CaptureSitesList client={memoryClient({ all: true, hosts: [] }, 'shop.example.jp')} tabId={7} compact />
      </I18nProvider>,
    );
    await screen.findByText('Recording on all sites.');
  });

  it('says so when the background cannot be reached', async () => {
    const client = { ...memoryClient({ all: false, hosts: [] }), get: vi.fn(async () => Promise.reject(new Error('no worker'))) };
    render(
      <I18nProvider lang="en">
        <CaptureSitesList client={client} />
      </I18nProvider>,
    );
    await screen.findByText('Could not change the sites to record.');
    expect(screen.queryByRole('list')).toBeNull();
  });
});

describe('PanelCaptureBar', () => {
  it('turns the site on and offers the reload once', async () => {
    const client = memoryClient({ all: false, hosts: [] }, 'shop.example.jp');
    render(
      <I18nProvider lang="ja">
        <PanelCaptureBar client={client} tabId={5} />
      </I18nProvider>,
    );
    const button = await screen.findByRole('button', { name: '再読み込みして記録' });
    expect(client.sites().hosts).toEqual(['shop.example.jp']);
    fireEvent.click(button);
    expect(client.reloads).toEqual([5]);
    await screen.findByText('shop.example.jp を記録しています。');
    expect(screen.queryByRole('button', { name: '再読み込みして記録' })).toBeNull();
  });

  it('a tab without a web page, and a failed background, each say so', async () => {
    render(
      <I18nProvider lang="en">
        <PanelCaptureBar client={memoryClient({ all: false, hosts: [] })} tabId={5} />
      </I18nProvider>,
    );
    await screen.findByText(/cannot be recorded/);
    cleanup();
    render(
      <I18nProvider lang="en">
        <PanelCaptureBar client={{ ...memoryClient({ all: false, hosts: [] }), enableTab: () => Promise.reject(new Error('x')) }} tabId={5} />
      </I18nProvider>,
    );
    await screen.findByText('Could not change the sites to record.');
  });
});
