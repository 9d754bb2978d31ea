/**
 * Which settings page is this, and which checklist does it belong to? LINE's consoles are known by
 * host (manager.line.biz, developers.line.biz) and path; ECAI and Luxliner admin hosts differ per
 * customer, so they are recognised by the documented field labels, more readily on the hosts the
 * operator configured (options page).
 */
import { allChecklists } from './index';
import { normaliseLabel } from './normalise';
import { readPage, type ReadPage } from './read-fields';
import type { PageId, SettingsHosts } from './types';
import { findFields, type KnownField } from './vocabulary';

export const LINE_OAM_HOST = 'manager.line.biz';
export const LINE_DEVELOPERS_HOST = 'developers.line.biz';

export interface Recognised {
  checklistId: string;
  page: PageId;
}

export interface RecogniseOptions {
  hosts?: SettingsHosts;
}

export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase().replace(/\.$/u, '');
  } catch {
    return '';
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}

/** `example.com` matches itself; `*.example.com` matches its subdomains (and itself). */
export function hostMatches(host: string, list: readonly string[] | undefined): boolean {
  if (!host || !list) return false;
  return list.some((raw) => {
    const h = raw.trim().toLowerCase().replace(/^https?:\/\//u, '').replace(/[/:].*$/u, '');
    if (!h) return false;
    if (h.startsWith('*.')) {
      const base = h.slice(2);
      return host === base || host.endsWith(`.${base}`);
    }
    return host === h;
  });
}

function count(page: ReadPage, names: KnownField[]): number {
  return names.filter((n) => findFields(page, n).length > 0).length;
}

function has(page: ReadPage, name: KnownField): boolean {
  return findFields(page, name).length > 0;
}

function headingText(page: ReadPage): string {
  return normaliseLabel([page.title, ...page.headings].join(' '));
}

/** The checklists that read a page, in registry order (the first is the default). */
export function checklistsForPage(page: PageId): string[] {
  return allChecklists.filter((c) => c.items.some((i) => i.pages.includes(page))).map((c) => c.id);
}

export function recogniseReadPage(page: ReadPage, url: string, opts: RecogniseOptions = {}): PageId | null {
  const host = hostOf(url);
  const path = pathOf(url);
  if (host === LINE_OAM_HOST) {
    if (/\/setting\/response/u.test(path)) return 'oam-response';
    if (/\/setting\/messaging-api/u.test(path)) return 'oam-messaging-api';
    if (count(page, ['chat', 'greeting', 'webhook', 'autoResponse', 'responseHours', 'responseMode']) >= 2) return 'oam-response';
    if ((has(page, 'channelId') && has(page, 'channelSecret')) || /Messaging\s*APIを利用する|Use\s+Messaging\s+API/iu.test(page.text)) return 'oam-messaging-api';
    return null;
  }
  if (host === LINE_DEVELOPERS_HOST) {
    if (/\/console\/channel\//u.test(path) || has(page, 'channelType')) return 'developers-channel';
    return null;
  }
  const ecaiHost = hostMatches(host, opts.hosts?.ecai);
  const luxHost = hostMatches(host, opts.hosts?.luxliner);
  const heads = headingText(page);
  const text = normaliseLabel(page.text.slice(0, 50_000));
  const candidates: { page: PageId; score: number }[] = [];

  const lux = count(page, ['chatworkEnabled', 'zendeskEnabled', 'netshoninEnabled', 'zendeskSubdomain', 'netshoninUrl', 'netshoninPlanId', 'roomGeneral', 'roomApplication', 'roomPayment', 'roomContract', 'stopMail']);
  if (lux >= (luxHost ? 1 : 2)) candidates.push({ page: 'luxliner-integrations', score: lux + (luxHost ? 5 : 0) });

  if (!luxHost) {
    const distinctive = count(page, ['accountName', 'friendUrl', 'loginChannelId', 'loginChannelSecret']);
    const all = distinctive + count(page, ['channelId', 'channelSecret']);
    if (distinctive >= 1 && all >= (ecaiHost ? 1 : 3)) candidates.push({ page: 'ecai-line-account', score: all + (ecaiHost ? 5 : 0) });

    const listTable = page.tables.some((t) => t.headers.some((h) => normaliseLabel(h) === normaliseLabel('LINEアカウント名')));
    if (listTable && (ecaiHost || text.includes(normaliseLabel('LINE公式アカウントリスト')))) candidates.push({ page: 'ecai-line-account-list', score: 2 + (ecaiHost ? 5 : 0) });

    const cart = heads.includes('かご落ちline') || heads.includes('カゴ落ちline');
    if (has(page, 'sendTime') || (cart && has(page, 'status'))) candidates.push({ page: 'ecai-cart-abandonment', score: 3 + (ecaiHost ? 5 : 0) });
    if (has(page, 'shopify') && (text.includes('外部連携') || ecaiHost)) candidates.push({ page: 'ecai-external-integrations', score: 2 + (ecaiHost ? 5 : 0) });

    const op = count(page, ['notifyEnabled', 'notifyThreshold', 'notifyBots', 'notifyDestination']);
    if (has(page, 'notifyEnabled') || op >= 2) candidates.push({ page: 'ecai-operator', score: op + 1 + (ecaiHost ? 5 : 0) });

    if (has(page, 'status') && (ecaiHost || text.includes('ecai'))) {
      if (heads.includes('ステップメッセージ')) candidates.push({ page: 'ecai-step-message', score: 2 + (ecaiHost ? 5 : 0) });
      else if (heads.includes('応答メッセージ')) candidates.push({ page: 'ecai-auto-response', score: 2 + (ecaiHost ? 5 : 0) });
    }
  }
  if (candidates.length === 0) return null;
  candidates.sort((a, b) => b.score - a.score);
  return candidates[0].page;
}

/**
 * Recognise a settings page from its HTML and URL: the page and the checklist it belongs to
 * (the first of `checklistsForPage`), or null when it is not a settings page we know.
 */
export function recogniseSettingsPage(html: string, url: string, opts: RecogniseOptions = {}): Recognised | null {
  return recogniseFromRead(readPage(html), url, opts);
}

export function recogniseFromRead(page: ReadPage, url: string, opts: RecogniseOptions = {}): Recognised | null {
  const id = recogniseReadPage(page, url, opts);
  if (!id) return null;
  const lists = checklistsForPage(id);
  if (lists.length === 0) return null;
  return { checklistId: lists[0], page: id };
}
