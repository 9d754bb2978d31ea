/**
 * Which requests are OK SKY's: the widget script (queue form `https://{tenant}.okskychat.net/widget/widget.js`,
 * also `oksky-chat.net`; SDK form `https://cdn.ok-sky.com/(sdk|js)/(latest|multi)/widget.js`) and the
 * widget's `/login` POST (`https://{domain}/rapi/v1/clients/{id}/login`). Pure, never throws.
 */
import type { NetworkRequest } from '../model';
import type { OkskyRequestKind } from './types';

export interface OkskyWidgetInfo {
  form: 'queue' | 'sdk';
  host: string;
  /** queue form: the tenant subdomain (`kobuna-s-001`) */
  tenant?: string;
  /** the registrable OK SKY domain (`okskychat.net`, `oksky-chat.net`, `ok-sky.com`) */
  domain: string;
}

const QUEUE_DOMAINS = ['okskychat.net', 'oksky-chat.net'];
const OKSKY_DOMAINS = [...QUEUE_DOMAINS, 'ok-sky.com'];
const SDK_HOST = 'cdn.ok-sky.com';

function parseUrl(url: unknown): URL | undefined {
  if (typeof url !== 'string' || url.length > 8_192) return undefined;
  try {
    const u = new URL(url.trim());
    return u.protocol === 'https:' || u.protocol === 'http:' ? u : undefined;
  } catch {
    return undefined;
  }
}

/** The OK SKY domain a host belongs to (itself or a subdomain), or undefined. */
export function okskyDomainOf(host: string): string | undefined {
  const h = host.toLowerCase().replace(/\.$/, '');
  return OKSKY_DOMAINS.find((d) => h === d || h.endsWith(`.${d}`));
}

export function isOkskyHost(host: string): boolean {
  return okskyDomainOf(host) !== undefined;
}

/**
 * Cheap prefilter before URL parsing (a HAR has thousands of requests, few of them OK SKY's):
 * a printable-ASCII URL without `%` is parsed to a host that is spelled in it, so one naming no
 * OK SKY domain (`oksky…` / `ok-sky…`, any case) cannot be one. Anything else (white space,
 * percent-escapes, non-ASCII host that IDNA may map) takes the full parse.
 */
export function cannotBeOksky(url: string): boolean {
  return !/ok-?sky/i.test(url) && !/[^\x21-\x7e]|%/.test(url);
}

/** Describes an OK SKY widget script URL, or undefined when the URL is not one. */
export function okskyWidgetInfo(url: string): OkskyWidgetInfo | undefined {
  if (typeof url !== 'string' || cannotBeOksky(url)) return undefined;
  const u = parseUrl(url);
  if (!u) return undefined;
  const host = u.hostname.toLowerCase();
  const path = u.pathname;
  if (host === SDK_HOST) {
    // documented: /sdk/latest, /sdk/multi, /js/latest, /js/multi; accept other version segments
    if (/^\/(sdk|js)\/[^/]+\/widget\.js$/i.test(path)) return { form: 'sdk', host, domain: 'ok-sky.com' };
    return undefined;
  }
  const domain = QUEUE_DOMAINS.find((d) => host.endsWith(`.${d}`));
  if (!domain) return undefined;
  if (!/\/widget\/widget\.js$/i.test(path)) return undefined;
  const tenant = host.slice(0, host.length - domain.length - 1);
  return { form: 'queue', host, domain, ...(tenant ? { tenant } : {}) };
}

export function isOkskyWidgetUrl(url: string): boolean {
  return okskyWidgetInfo(url) !== undefined;
}

/** A POST to a path ending in `/login` on an OK SKY host. */
export function isOkskyLoginRequest(req: Pick<NetworkRequest, 'url' | 'method'>): boolean {
  if (typeof req?.method !== 'string' || req.method.toUpperCase() !== 'POST') return false;
  if (typeof req.url !== 'string' || cannotBeOksky(req.url)) return false;
  const u = parseUrl(req.url);
  if (!u || !isOkskyHost(u.hostname)) return false;
  return /\/login\/?$/i.test(u.pathname);
}

export function classifyOkskyRequest(req: Pick<NetworkRequest, 'url' | 'method'>): OkskyRequestKind {
  if (!req || typeof req.url !== 'string' || cannotBeOksky(req.url)) return 'other';
  if (isOkskyWidgetUrl(req.url)) return 'widget-script';
  if (isOkskyLoginRequest(req)) return 'login';
  return 'other';
}
