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

interface TimedEntry {
  e: Obj;
  time: number;
}

interface WalkConfig {
  prefix: string;
  maxEntries: number;
  maxBody: number;
  maxB64: number;
  fix: (s: string) => string;
  latin1: boolean;
}

interface DocumentEntry {
  html: string;
  url: string;
  time: number;
  id: string;
  csp?: string;
}

/** Read the entries: requests, and the documents that become pages (not parsed yet). */
function readEntries(
  log: Obj,
  cfg: WalkConfig,
): { docs: DocumentEntry[]; requests: NetworkRequest[]; droppedRequests: number; cutBodies: number; skippedDocs: number } {
  const { prefix, maxEntries, maxBody, fix } = cfg;
  const fixed = (s: string | undefined) => (s === undefined ? undefined : fix(s));
  const rawEntries = log.entries as unknown[];
  // HAR pages: pageref → start time, used when an entry has no usable startedDateTime.
  const harPageTime = new Map<string, number>();
  if (Array.isArray(log.pages)) {
    for (const p of log.pages) {
      if (!isObj(p)) continue;
      const id = str(p.id);
      const t = Date.parse(str(p.startedDateTime) ?? '');
      if (id !== undefined && Number.isFinite(t)) harPageTime.set(id, t);
    }
  }

  // Entries with a time, in time order (exports are normally sorted: only sort when they are not).
  let timed: TimedEntry[] = [];
  let prevTime = 0;
  let sorted = true;
  let skipped = 0;
  for (const raw of rawEntries) {
    if (!isObj(raw)) {
      skipped++;
      continue;
    }
    let t = Date.parse(str(raw.startedDateTime) ?? '');
    if (!Number.isFinite(t)) t = harPageTime.get(str(raw.pageref) ?? '') ?? prevTime;
    if (t < prevTime) sorted = false;
    prevTime = t;
    timed.push({ e: raw, time: t });
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
    const request = obj(e.request);
    const response = obj(e.response);
    const content = obj(response.content);
    const url = fixed(str(request.url));
    if (!url) {
      droppedRequests++;
      continue;
    }
    const resourceType = str(e._resourceType)?.toLowerCase();
    const responseMime = str(content.mimeType) ?? headerValue(response.headers, 'content-type');
    const pageref = str(e.pageref);

    // A document with HTML becomes a page: the first one per HAR page (later ones are frames).
    let pageId: string | undefined;
    if ((resourceType === undefined || resourceType === 'document') && isHtmlMime(responseMime) && !(pageref && pageOfRef.has(pageref))) {
      const html = documentHtml(content, cfg.maxB64, fix);
      // a base64 document over the bound is not read: say so
      if (html === undefined && str(content.encoding)?.toLowerCase() === 'base64' && (str(content.text)?.length ?? 0) > cfg.maxB64) skippedDocs++;
      if (html !== undefined) {
        pageId = `${prefix}p${docs.length + 1}`;
        docs.push({ html, url, time, id: pageId, csp: fixed(headerValue(response.headers, 'content-security-policy')) });
        if (pageref) pageOfRef.set(pageref, pageId);
      }
    }

    const status = num(response.status);
    const errorText = fixed(str(e._error) ?? str(response._error) ?? str(response._failureText));
    const req: NetworkRequest = {
      id: `${prefix}r${requests.length + 1}`,
      url,
      method: fix(str(request.method) ?? 'GET').toUpperCase().slice(0, 16),
      time,
    };
    const type = resourceType ?? (pageId ? 'document' : undefined);
    if (type) req.type = type;
    // an HTTP status has three digits: anything else in a hand-edited HAR is not one
    if (status !== undefined && status >= 1 && status < 1000) req.status = Math.trunc(status);
    if (errorText) req.error = errorText.slice(0, 500);
    else if (status === 0) req.error = 'no response (status 0)';

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
        req.body = text.slice(0, maxBody);
        req.bodyTruncated = true;
        cutBodies++;
      } else req.body = text;
      const ct = fixed(str(postData.mimeType) || headerValue(request.headers, 'content-type'));
      if (ct) req.contentType = ct;
    } else if (responseMime) {
      req.contentType = fix(responseMime);
    }
    const duration = num(e.time);
    if (duration !== undefined && duration >= 0) req.durationMs = duration;
    if (pageId) {
      req.pageId = pageId;
    } else if (pageref && pageOfRef.has(pageref)) {
      req.pageId = pageOfRef.get(pageref);
    }
    requests.push(req);
  }

  return { docs, requests, droppedRequests, cutBodies, skippedDocs };
}

/** Convert an already parsed HAR (see isHarObject). */
export function harObjectToSession(har: unknown, opts: HarOptions = {}): Session {
  const prefix = opts.idPrefix ?? '';
  const maxEntries = opts.maxEntries ?? HAR_LIMITS.maxEntries;
  const maxPages = opts.maxPages ?? HAR_LIMITS.maxPages;
  const maxBody = opts.maxBodyChars ?? HAR_LIMITS.maxBodyChars;
  const maxB64 = opts.maxBase64Chars ?? HAR_LIMITS.maxBase64Chars;
  const fix = opts.latin1 ? latin1ToUtf8 : (s: string) => s;

  if (!isObj(har) || !isObj(har.log)) throw new InputError('har-invalid');
  const log = har.log;
  if (!Array.isArray(log.entries)) throw new InputError('har-invalid');

  const { docs, requests, droppedRequests, cutBodies, skippedDocs } = readEntries(log, { prefix, maxEntries, maxBody, maxB64, fix, latin1: opts.latin1 === true });
  // The entries are read (and their locals gone): let the parse tree go before the HTML parsing allocates.
  if (opts.consume) log.entries = [];

  // Bound the pages: drop the oldest (before parsing them), and the page ids pointing at them.
  let droppedPages = 0;
  if (docs.length > maxPages) {
    droppedPages = docs.length - maxPages;
    const gone = new Set(docs.splice(0, droppedPages).map((d) => d.id));
    for (const r of requests) if (r.pageId && gone.has(r.pageId)) delete r.pageId;
  }
  const pages: Page[] = [];
  for (const d of docs) {
    const page = parseHtmlPage(d.html, d.url, { time: d.time, id: d.id });
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
