/**
 * Values captured on one settings page and compared on another (the Webhook URL ECAI issued vs the
 * one pasted in LINE; ⑧ vs ⑥ and vs the Messaging API channel id LINE shows; ⑨ vs ⑦).
 *
 * Serialisable and versioned: the extension persists it per site. Secrets (Channel secrets, the
 * Webhook URL, which carries ECAI's bot key) are kept ONLY as a salted fingerprint and a masked
 * display; public ids (channel ids) are kept in clear so the operator can see which channel it is.
 * Fingerprints are only comparable under the same salt: a store is bound to its salt id.
 */
import { z } from 'zod';
import { fingerprint, maskText, saltId } from '../mask';
import { CaptureKey, PageIdSchema, type Capture, type PageId } from './types';

export const STORE_VERSION = 1;

export const CapturedValue = z.object({
  fingerprint: z.string().regex(/^fp:[0-9a-f]{16}$/),
  masked: z.string().max(200),
  /** only for public values (channel ids) */
  clear: z.string().max(200).optional(),
  pageId: PageIdSchema,
  url: z.string().max(2048),
  time: z.number(),
});
export type CapturedValue = z.infer<typeof CapturedValue>;

const SiteValues = z.partialRecord(CaptureKey, CapturedValue);

export const CrossPageStoreSchema = z.object({
  version: z.literal(STORE_VERSION),
  saltId: z.string(),
  sites: z.record(z.string().max(300), z.object({ values: SiteValues })),
});
export type CrossPageStore = z.infer<typeof CrossPageStoreSchema>;

/** Keys whose value is a secret (or carries one): never kept in clear. */
export const SECRET_KEYS: ReadonlySet<CaptureKey> = new Set<CaptureKey>([
  'ecai.webhookUrl',
  'line.webhookUrl',
  'ecai.channelSecret',
  'ecai.loginChannelSecret',
  'line.messagingApiChannelSecret',
  'line.loginChannelSecret',
]);

export const MAX_SITES = 200;

export function emptyStore(salt: string): CrossPageStore {
  return { version: STORE_VERSION, saltId: saltId(salt), sites: {} };
}

/**
 * Read a persisted store (untrusted: storage can hold anything). A store of another salt or an
 * unreadable one starts empty: fingerprints of another salt cannot be compared.
 */
export function parseStore(json: unknown, salt: string): CrossPageStore {
  const parsed = CrossPageStoreSchema.safeParse(json);
  if (!parsed.success || parsed.data.saltId !== saltId(salt)) return emptyStore(salt);
  return parsed.data;
}

/** Masked display: URLs keep their origin, other values `A1****93`. */
export function maskForDisplay(value: string): string {
  const m = /^(https?:\/\/[^/?#]+)(.*)$/iu.exec(value);
  if (m) return m[2] && m[2] !== '/' ? `${m[1]}/${maskText(m[2].replace(/^\//u, ''))}` : m[1];
  return maskText(value);
}

/** Normalise a value before fingerprinting so that trivial differences do not count (spaces, a trailing slash is NOT trivial for webhooks). */
export function canonicalValue(key: CaptureKey, value: string): string {
  const v = value.normalize('NFKC').trim();
  return key.endsWith('Id') ? v.replace(/\s+/gu, '') : v;
}

export function captureValue(key: CaptureKey, value: string, salt: string, meta: { pageId: PageId; url: string; time: number }): CapturedValue {
  const v = canonicalValue(key, value);
  const out: CapturedValue = {
    fingerprint: fingerprint(v, salt),
    masked: maskForDisplay(v).slice(0, 200),
    pageId: meta.pageId,
    url: safeUrl(meta.url),
    time: meta.time,
  };
  if (!SECRET_KEYS.has(key)) out.clear = v.slice(0, 200);
  return out;
}

/** Only origin and path of a page URL are kept (query strings can hold tokens). */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`.slice(0, 2048);
  } catch {
    return url.slice(0, 200);
  }
}

/** Record a page's captures for a site. Pure: returns a new store. */
export function recordCaptures(
  store: CrossPageStore,
  site: string,
  captures: Capture[],
  salt: string,
  meta: { pageId: PageId; url: string; time: number },
): CrossPageStore {
  if (store.saltId !== saltId(salt)) store = emptyStore(salt);
  const current = store.sites[site]?.values ?? {};
  const values = { ...current };
  for (const c of captures) {
    if (!c.value.trim()) continue;
    values[c.key] = captureValue(c.key, c.value, salt, meta);
  }
  const sites = { ...store.sites, [site]: { values } };
  const names = Object.keys(sites);
  if (names.length > MAX_SITES) {
    // drop the sites seen least recently
    const latest = (s: string) => Math.max(0, ...Object.values(sites[s].values).map((v) => v?.time ?? 0));
    names.sort((a, b) => latest(a) - latest(b));
    for (const n of names.slice(0, names.length - MAX_SITES)) delete sites[n];
  }
  return { ...store, sites };
}

/** Forget one captured value (the operator corrected a page) or a whole site. */
export function forget(store: CrossPageStore, site: string, key?: CaptureKey): CrossPageStore {
  const sites = { ...store.sites };
  if (!sites[site]) return store;
  if (!key) delete sites[site];
  else {
    const values = { ...sites[site].values };
    delete values[key];
    sites[site] = { values };
  }
  return { ...store, sites };
}

export interface CrossPageView {
  get(key: CaptureKey): CapturedValue | undefined;
}

export function viewOf(store: CrossPageStore | undefined, site: string): CrossPageView {
  const values = store?.sites[site]?.values ?? {};
  return { get: (key) => values[key] };
}
