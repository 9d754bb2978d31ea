/**
 * HAR 1.2 → Session. A HAR is what support usually gets from a customer ("DevTools → Network →
 * Save all as HAR"): the documents with their HTML become the pages of one session, in time
 * order, and every entry becomes network evidence (the widget script load, the `/login` POST
 * with its `query`).
 *
 * Exported HARs are big (tens of MB, mostly response bodies of scripts and images), so:
 * the text is parsed once with JSON.parse, only document entries are HTML-parsed, request bodies
 * are capped, and the number of entries and pages is bounded (oldest dropped first, counted in
 * `Session.dropped`). Missing or odd fields are tolerated; only a HAR without `log.entries` is
 * an error (InputError `har-invalid`).
 */
import { parseHtmlPage } from './html';
import { InputError, oneLine } from './input-error';
import type { InputLimit, NetworkRequest, Page, Session } from './model';
import { decodeBytes, latin1ToUtf8 } from './text-decode';

export interface HarOptions {
  /** prefix for page and request ids (several files in one session) */
  idPrefix?: string;
  /** most entries kept (default 20 000); the oldest are dropped */
  maxEntries?: number;
  /** most pages kept (default 500); the oldest are dropped */
  maxPages?: number;
  /** request bodies are cut to this many characters (default 65 536) */
  maxBodyChars?: number;
  /** base64 documents larger than this many characters are not decoded (default 16 MiB) */
  maxBase64Chars?: number;
  /**
   * the HAR was parsed from its UTF-8 bytes read as Latin-1 (see latin1ToUtf8): the strings kept
   * are decoded back. Halves the memory of big HARs with non-ASCII text.
   */
  latin1?: boolean;
  /**
   * the HAR object belongs to the converter: its `log.entries` are emptied once read, so the
   * parse tree (hundreds of thousands of objects) is garbage before the pages are HTML-parsed,
   * and the collections that parsing triggers do not walk it again and again.
   */
  consume?: boolean;
}

export const HAR_LIMITS = {
  maxEntries: 20_000,
  maxPages: 500,
  maxBodyChars: 65_536,
  maxBase64Chars: 16 * 1024 * 1024,
} as const;

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const obj = (v: unknown): Obj => (isObj(v) ? v : {});

/** Parse the HAR text (once) and convert it. Throws InputError on malformed JSON or a HAR without entries. */
export function harToSession(text: string, opts: HarOptions = {}): Session {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new InputError('json-syntax', { detail: oneLine(e instanceof Error ? e.message : String(e), 160) });
  }
  return harObjectToSession(parsed, { ...opts, consume: true });
}

/** True when a parsed JSON value looks like a HAR (has a `log` object with `entries`). */
export function isHarObject(v: unknown): boolean {
  return isObj(v) && isObj(v.log) && 'entries' in v.log;
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (!Array.isArray(headers)) return undefined;
  for (const h of headers) {
    if (isObj(h) && typeof h.name === 'string' && h.name.toLowerCase() === name) {
      const v = str(h.value);
      if (v !== undefined) return v;
    }
  }
  return undefined;
}

function isHtmlMime(mime: string | undefined): boolean {
  if (!mime) return false;
  const m = mime.trim().toLowerCase();
  return m.startsWith('text/html') || m.startsWith('application/xhtml+xml');
}

function charsetOf(mime: string | undefined): string | undefined {
  return mime ? /charset\s*=\s*["']?([^;"'\s]+)/i.exec(mime)?.[1] : undefined;
}

function base64ToBytes(b64: string): Uint8Array | undefined {
  try {
    const bin = atob(b64.replace(/\s+/g, ''));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

/** The HTML of a document entry, or undefined when it has none (redirects, binary, too big). */
function documentHtml(content: Obj, maxBase64Chars: number, fix: (s: string) => string): string | undefined {
  const text = str(content.text);
  if (!text) return undefined;
  if (str(content.encoding)?.toLowerCase() !== 'base64') return fix(text);
  if (text.length > maxBase64Chars) return undefined;
  const bytes = base64ToBytes(text);
  if (!bytes) return undefined;
  try {
    return decodeBytes(bytes, { charset: charsetOf(str(content.mimeType)) }).text;
  } catch {
    return undefined;
  }
}

function formEncode(params: unknown[], fix: (s: string) => string): string {
  const parts: string[] = [];
  for (const p of params) {
    if (!isObj(p)) continue;
    const name = str(p.name);
    if (name === undefined) continue;
    parts.push(`${encodeURIComponent(fix(name))}=${encodeURIComponent(fix(str(p.value) ?? ''))}`);
  }
  return parts.join('&');
}

interface WalkConfig {
  prefix: string;
  maxEntries: number;
  maxBody: number;
  maxB64: number;
  fix: (s: string) => string;
  /** fix, passing undefined through */
  fixed: (s: string | undefined) => string | undefined;
  latin1: boolean;
}

/**
 * One HAR entry read on its own: everything readEntries needs from it, with no state shared
 * between entries, so the entries of a big HAR can be read in parts (in parallel, by the CLI's
 * pool: see harEntriesChunk) and joined by the same walk as when read in one go.
 * `null`: the entry is not an object.
 */
export type HarFlatEntry = {
  /** Date.parse of startedDateTime (NaN when missing) */
  t: number;
  pageref?: string;
  /** undefined: no URL, the entry is dropped */
  url?: string;
  method: string;
  resourceType?: string;
  status?: number;
  error?: string;
  body?: string;
  bodyTruncated?: true;
  /** contentType of the request: the request's when it has a body, else the response's */
  contentType?: string;
  durationMs?: number;
  /** a document with an HTML type: may become a page */
  doc?: {
    /** undefined: no HTML (a redirect, binary, a base64 body over the bound) */
    html?: string;
    /** a base64 body over the bound (not decoded) */
    tooBig: boolean;
    csp?: string;
    /** the page, when it was parsed where the entry was read (its id and time are set by the walk) */
    page?: Page;
    /** what the reader of the part derived from `page` (the CLI's pool: analyze.ts pageEvidence) */
    extra?: unknown;
  };
} | null;

/** Read one entry (see HarFlatEntry). */
function flattenEntry(raw: unknown, cfg: WalkConfig): HarFlatEntry {
  if (!isObj(raw)) return null;
  const { maxBody, fix, fixed } = cfg;
  const request = obj(raw.request);
  const response = obj(raw.response);
  const content = obj(response.content);
  const flat: NonNullable<HarFlatEntry> = { t: Date.parse(str(raw.startedDateTime) ?? ''), method: '' };
  const pageref = str(raw.pageref);
  if (pageref !== undefined) flat.pageref = pageref;
  const url = fixed(str(request.url));
  if (!url) return flat;
  flat.url = url;
  const resourceType = str(raw._resourceType)?.toLowerCase();
  if (resourceType !== undefined) flat.resourceType = resourceType;
  const responseMime = str(content.mimeType) ?? headerValue(response.headers, 'content-type');
  if ((resourceType === undefined || resourceType === 'document') && isHtmlMime(responseMime)) {
    const html = documentHtml(content, cfg.maxB64, fix);
    flat.doc = {
      tooBig: html === undefined && str(content.encoding)?.toLowerCase() === 'base64' && (str(content.text)?.length ?? 0) > cfg.maxB64,
      ...(html !== undefined ? { html, csp: fixed(headerValue(response.headers, 'content-security-policy')) } : {}),
    };
  }
  flat.method = fix(str(request.method) ?? 'GET').toUpperCase().slice(0, 16);
  const status = num(response.status);
  // an HTTP status has three digits: anything else in a hand-edited HAR is not one
  if (status !== undefined && status >= 1 && status < 1000) flat.status = Math.trunc(status);
  const errorText = fixed(str(raw._error) ?? str(response._error) ?? str(response._failureText));
  if (errorText) flat.error = errorText.slice(0, 500);
  else if (status === 0) flat.error = 'no response (status 0)';

  const postData = obj(request.postData);
  let body = str(postData.text);
  if (body === undefined && Array.isArray(postData.params) && postData.params.length > 0) body = formEncode(postData.params, fix);
  if (body !== undefined) {
    // (Latin-1 input: cut a little more than the bound, then decode; multi-byte characters shrink)
    let end = maxBody * (cfg.latin1 ? 3 : 1);
    const cut = body.length > end;
    // never cut a UTF-8 sequence in two (its lead byte would be kept without its continuation)
    if (cut && cfg.latin1) while (end > 0 && (body.charCodeAt(end) & 0xc0) === 0x80) end--;
    const text = fix(cut ? body.slice(0, end) : body);
    if (cut || text.length > maxBody) {
      flat.body = text.slice(0, maxBody);
      flat.bodyTruncated = true;
    } else flat.body = text;
    const ct = fixed(str(postData.mimeType) || headerValue(request.headers, 'content-type'));
    if (ct) flat.contentType = ct;
  } else if (responseMime) {
    flat.contentType = fix(responseMime);
  }
  const duration = num(raw.time);
  if (duration !== undefined && duration >= 0) flat.durationMs = duration;
  return flat;
}

interface DocumentEntry {
  html: string;
  url: string;
  time: number;
  id: string;
  csp?: string;
  page?: Page;
}

/** HAR pages: pageref → start time, used when an entry has no usable startedDateTime. */
function harPageTimes(log: Obj): Map<string, number> {
  const harPageTime = new Map<string, number>();
  if (Array.isArray(log.pages)) {
    for (const p of log.pages) {
      if (!isObj(p)) continue;
      const id = str(p.id);
      const t = Date.parse(str(p.startedDateTime) ?? '');
      if (id !== undefined && Number.isFinite(t)) harPageTime.set(id, t);
    }
  }
  return harPageTime;
}

/** Walk the entries (read with flattenEntry, in file order): requests, and the documents that become pages (not parsed yet). */
function readEntries(
  flats: readonly HarFlatEntry[],
  harPageTime: Map<string, number>,
  cfg: WalkConfig,
): { docs: DocumentEntry[]; requests: NetworkRequest[]; droppedRequests: number; cutBodies: number; skippedDocs: number } {
  const { prefix, maxEntries } = cfg;

  // Entries with a time, in time order (exports are normally sorted: only sort when they are not).
  let timed: { e: NonNullable<HarFlatEntry>; time: number }[] = [];
  let prevTime = 0;
  let sorted = true;
  let skipped = 0;
  for (const e of flats) {
    if (e === null) {
      skipped++;
      continue;
    }
    let t = e.t;
    if (!Number.isFinite(t)) t = harPageTime.get(e.pageref ?? '') ?? prevTime;
    if (t < prevTime) sorted = false;
    prevTime = t;
    timed.push({ e, time: t });
  }
  if (!sorted) timed.sort((a, b) => a.time - b.time); // stable
  let droppedRequests = skipped;
  if (timed.length > maxEntries) {
    droppedRequests += timed.length - maxEntries;
    timed = timed.slice(timed.length - maxEntries);
  }

  const docs: DocumentEntry[] = [];
  let cutBodies = 0;
  let skippedDocs = 0;
  const pageOfRef = new Map<string, string>();
  const requests: NetworkRequest[] = [];

  for (const { e, time } of timed) {
    const url = e.url;
    if (!url) {
      droppedRequests++;
      continue;
    }
    const pageref = e.pageref;

    // A document with HTML becomes a page: the first one per HAR page (later ones are frames).
    let pageId: string | undefined;
    if (e.doc && !(pageref && pageOfRef.has(pageref))) {
      const html = e.doc.html;
      // a base64 document over the bound is not read: say so
      if (e.doc.tooBig) skippedDocs++;
      if (html !== undefined) {
        pageId = `${prefix}p${docs.length + 1}`;
        docs.push({ html, url, time, id: pageId, csp: e.doc.csp, page: e.doc.page });
        if (pageref) pageOfRef.set(pageref, pageId);
      }
    }

    const req: NetworkRequest = { id: `${prefix}r${requests.length + 1}`, url, method: e.method, time };
    const type = e.resourceType ?? (pageId ? 'document' : undefined);
    if (type) req.type = type;
    if (e.status !== undefined) req.status = e.status;
    if (e.error !== undefined) req.error = e.error;
    if (e.body !== undefined) {
      req.body = e.body;
      if (e.bodyTruncated) {
        req.bodyTruncated = true;
        cutBodies++;
      }
    }
    if (e.contentType !== undefined) req.contentType = e.contentType;
    if (e.durationMs !== undefined) req.durationMs = e.durationMs;
    if (pageId) {
      req.pageId = pageId;
    } else if (pageref && pageOfRef.has(pageref)) {
      req.pageId = pageOfRef.get(pageref);
    }
    requests.push(req);
  }

  return { docs, requests, droppedRequests, cutBodies, skippedDocs };
}

function walkConfig(opts: HarOptions): WalkConfig {
  const fix = opts.latin1 ? latin1ToUtf8 : (s: string) => s;
  return {
    prefix: opts.idPrefix ?? '',
    maxEntries: opts.maxEntries ?? HAR_LIMITS.maxEntries,
    maxBody: opts.maxBodyChars ?? HAR_LIMITS.maxBodyChars,
    maxB64: opts.maxBase64Chars ?? HAR_LIMITS.maxBase64Chars,
    fix,
    fixed: (s) => (s === undefined ? undefined : fix(s)),
    latin1: opts.latin1 === true,
  };
}

/**
 * A part of a big HAR read on its own (the CLI's pool reads the parts of a big HAR in parallel):
 * `entriesJson` is a JSON array of some of its entries, in file order. Each entry is read as
 * harObjectToSession reads it, and with `parsePages` every document that may become a page is
 * HTML-parsed here (a frame that turns out not to be a page costs a parse for nothing).
 * harSessionFromParts joins the parts. Throws what JSON.parse throws.
 */
export function harEntriesPart(entriesJson: string, opts: HarOptions = {}, parsePages = true): HarFlatEntry[] {
  const entries: unknown = JSON.parse(entriesJson);
  if (!Array.isArray(entries)) throw new TypeError('not an array of HAR entries');
  const cfg = walkConfig(opts);
  const flats = entries.map((e) => flattenEntry(e, cfg));
  // the parse tree is garbage before the pages are HTML-parsed
  entries.length = 0;
  if (parsePages) {
    for (const f of flats) {
      if (f?.doc?.html !== undefined && f.url) f.doc.page = parseHtmlPage(f.doc.html, f.url, { time: 0, id: '' });
    }
  }
  return flats;
}

/** Convert an already parsed HAR (see isHarObject). */
export function harObjectToSession(har: unknown, opts: HarOptions = {}): Session {
  if (!isObj(har) || !isObj(har.log)) throw new InputError('har-invalid');
  const log = har.log;
  if (!Array.isArray(log.entries)) throw new InputError('har-invalid');
  const cfg = walkConfig(opts);
  const flats = (log.entries as unknown[]).map((e) => flattenEntry(e, cfg));
  // The entries are read: let the parse tree go before the HTML parsing allocates.
  if (opts.consume) log.entries = [];
  return sessionOf(log, flats, opts);
}

/**
 * The session of a HAR read in parts (harEntriesPart): `har` is the HAR without its entries (its
 * `log.pages` are read), `parts` the parts' entries in file order. The same session as
 * harObjectToSession of the whole HAR.
 */
export function harSessionFromParts(har: unknown, parts: readonly (readonly HarFlatEntry[])[], opts: HarOptions = {}): Session {
  if (!isObj(har) || !isObj(har.log)) throw new InputError('har-invalid');
  return sessionOf(har.log, parts.length === 1 ? parts[0] : parts.flat(), opts);
}

function sessionOf(log: Obj, flats: readonly HarFlatEntry[], opts: HarOptions): Session {
  const cfg = walkConfig(opts);
  const maxPages = opts.maxPages ?? HAR_LIMITS.maxPages;
  const { docs, requests, droppedRequests, cutBodies, skippedDocs } = readEntries(flats, harPageTimes(log), cfg);
  const maxBody = cfg.maxBody;
  const maxB64 = cfg.maxB64;

  // Bound the pages: drop the oldest (before parsing them), and the page ids pointing at them.
  let droppedPages = 0;
  if (docs.length > maxPages) {
    droppedPages = docs.length - maxPages;
    const gone = new Set(docs.splice(0, droppedPages).map((d) => d.id));
    for (const r of requests) if (r.pageId && gone.has(r.pageId)) delete r.pageId;
  }
  const pages: Page[] = [];
  for (const d of docs) {
    let page: Page;
    if (d.page) {
      // parsed where the entry was read (harEntriesPart): the same page, but for its id and time
      page = d.page;
      page.id = d.id;
      page.time = d.time;
    } else page = parseHtmlPage(d.html, d.url, { time: d.time, id: d.id });
    if (d.csp && !page.csp) page.csp = d.csp;
    pages.push(page);
  }

  // Requests whose pageref did not map: the page that was showing at that time.
  if (pages.length > 0) {
    const firstTime = pages[0].time ?? 0;
    for (const r of requests) {
      if (r.pageId !== undefined || r.time < firstTime) continue;
      let lo = 0;
      let hi = pages.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((pages[mid].time ?? 0) <= r.time) lo = mid;
        else hi = mid - 1;
      }
      r.pageId = pages[lo].id;
    }
  }

  const session: Session = { pages, requests };
  if (droppedPages > 0 || droppedRequests > 0) session.dropped = { pages: droppedPages, requests: droppedRequests };
  const limits: InputLimit[] = [];
  if (cutBodies > 0) limits.push({ kind: 'body-chars', skipped: cutBodies, unit: 'items', limit: maxBody });
  if (skippedDocs > 0) limits.push({ kind: 'har-documents', skipped: skippedDocs, unit: 'items', limit: maxB64 });
  if (limits.length > 0) session.limits = limits;
  return session;
}
