/**
 * The `/login` POST's payload → LoginQuery (000 切り分け方法: 「Request Payload」の「query」).
 *
 * Accepted shapes:
 * - JSON body whose `query` is an object, a JSON string, or a form-encoded string;
 * - form-encoded body with `query[customer_id]=...` fields, or `query=<json or form>`.
 * Values are stringified. Bounded (size, nesting, entries) and never throws: anything that cannot be
 * read is `status: 'unreadable'` with a reason.
 */
import type { LoginQuery } from './types';

/** Bodies longer than this are not parsed. */
export const MAX_LOGIN_BODY = 1024 * 1024;
/** JSON nested deeper than this is not parsed (guards the parser's stack). */
export const MAX_JSON_DEPTH = 64;
const MAX_ENTRIES = 500;
const MAX_VALUE = 10_000;
const MAX_KEY = 500;

type Entry = { key: string; value: string };

function unreadable(reason: string, extra: Partial<LoginQuery> = {}): LoginQuery {
  return { status: 'unreadable', entries: [], reason, ...extra };
}

/** Deepest `{`/`[` nesting outside strings, stopping early past `limit`. */
export function jsonDepth(text: string, limit: number = MAX_JSON_DEPTH): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 125 || c === 93) depth = Math.max(0, depth - 1);
  }
  return max;
}

function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  const sample = text.length > 4_096 ? text.slice(0, 4_096) : text;
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13)) bad++;
  }
  return sample.length > 0 && bad / sample.length > 0.1;
}

type JsonResult = { ok: true; value: unknown } | { ok: false; reason: string };

function parseJson(text: string): JsonResult {
  if (jsonDepth(text) > MAX_JSON_DEPTH) return { ok: false, reason: `JSON nested deeper than ${MAX_JSON_DEPTH}` };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, reason: `invalid JSON: ${e instanceof Error ? e.message.slice(0, 200) : 'parse error'}` };
  }
}

function stringify(v: unknown): string {
  if (typeof v === 'string') return v.length > MAX_VALUE ? v.slice(0, MAX_VALUE) : v;
  if (v === null) return 'null';
  if (v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  try {
    const s = JSON.stringify(v) ?? '';
    return s.length > MAX_VALUE ? s.slice(0, MAX_VALUE) : s;
  } catch {
    return '';
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function entriesOf(obj: Record<string, unknown> | unknown[]): Entry[] {
  const out: Entry[] = [];
  const keys = Object.keys(obj);
  for (const k of keys.slice(0, MAX_ENTRIES)) {
    out.push({ key: k.slice(0, MAX_KEY), value: stringify((obj as Record<string, unknown>)[k]) });
  }
  return out;
}

function finish(format: LoginQuery['format'], entries: Entry[], key: string | undefined): LoginQuery {
  const empty = entries.length === 0 || entries.every((e) => e.value.trim() === '');
  return {
    status: empty ? 'empty' : 'ok',
    ...(format ? { format } : {}),
    entries,
    ...(key !== undefined ? { key } : {}),
  };
}

function parseForm(text: string): [string, string][] | undefined {
  try {
    const params = new URLSearchParams(text.startsWith('?') ? text.slice(1) : text);
    const pairs: [string, string][] = [];
    for (const [k, v] of params) {
      if (pairs.length >= MAX_ENTRIES * 2) break;
      pairs.push([k, v]);
    }
    return pairs;
  } catch {
    return undefined;
  }
}

function looksForm(text: string): boolean {
  return /^[^\s={}[\]"]*(\[[^\]]*\])*=/.test(text.trim());
}

/** `query` given as a string: JSON (`{"customer_id":"1"}`) or form-encoded (`customer_id=1`). */
function queryFromString(s: string, key: string | undefined): LoginQuery {
  const t = s.trim();
  if (t === '' || t === '{}' || t === '[]' || t === 'null' || t === '""') return finish('json-string', [], key);
  if (t.startsWith('{') || t.startsWith('[')) {
    const parsed = parseJson(t);
    if (!parsed.ok) return unreadable(`query: ${parsed.reason}`, { format: 'json-string', ...(key !== undefined ? { key } : {}) });
    return queryFromValue(parsed.value, key, 'json-string');
  }
  if (looksForm(t)) {
    const pairs = parseForm(t) ?? [];
    return finish('form', pairs.slice(0, MAX_ENTRIES).map(([k, v]) => ({ key: k.slice(0, MAX_KEY), value: stringify(v) })), key);
  }
  return unreadable('query is a string that is neither JSON nor form-encoded', { ...(key !== undefined ? { key } : {}) });
}

function queryFromValue(q: unknown, key: string | undefined, format: 'object' | 'json-string'): LoginQuery {
  if (q === null || q === undefined) return finish(format, [], key);
  if (typeof q === 'string') {
    // a JSON string inside a JSON string is read once more; deeper double encoding is unreadable
    if (format === 'json-string') {
      const t = q.trim();
      if (t === '') return finish(format, [], key);
      return unreadable('query is encoded more than twice', { format, ...(key !== undefined ? { key } : {}) });
    }
    return queryFromString(q, key);
  }
  if (Array.isArray(q) || isPlainObject(q)) return finish(format, entriesOf(q), key);
  return unreadable(`query is a ${typeof q}`, { format, ...(key !== undefined ? { key } : {}) });
}

function fromJsonBody(body: Record<string, unknown>): LoginQuery {
  const key = typeof body.key === 'string' ? body.key.slice(0, MAX_VALUE) : undefined;
  if (!Object.prototype.hasOwnProperty.call(body, 'query')) {
    return { status: 'absent', entries: [], ...(key !== undefined ? { key } : {}) };
  }
  return queryFromValue(body.query, key, 'object');
}

function fromFormBody(pairs: [string, string][]): LoginQuery {
  let key: string | undefined;
  const bracketed: Entry[] = [];
  let plain: string | undefined;
  let hasQuery = false;
  for (const [k, v] of pairs) {
    if (k === 'key') key = v.slice(0, MAX_VALUE);
    else if (k === 'query') {
      hasQuery = true;
      plain = v;
    } else if (k.startsWith('query[')) {
      hasQuery = true;
      const close = k.indexOf(']');
      const name = close > 6 ? k.slice(6, close) + k.slice(close + 1) : k.slice(6);
      if (bracketed.length < MAX_ENTRIES) bracketed.push({ key: name.slice(0, MAX_KEY), value: stringify(v) });
    }
  }
  if (!hasQuery) return { status: 'absent', entries: [], ...(key !== undefined ? { key } : {}) };
  if (bracketed.length > 0) return finish('form', bracketed, key);
  const q = queryFromString(plain ?? '', key);
  // `query=` carried as a form field: report the encoding of its content
  return q;
}

/**
 * Decodes the `query` of a `/login` POST body. `contentType` helps choose between JSON and
 * form encoding; without it the body's shape decides.
 */
export function parseLoginPayload(body: string | undefined, contentType?: string): LoginQuery {
  try {
    if (typeof body !== 'string') return unreadable('no request body was captured');
    if (body.length > MAX_LOGIN_BODY) return unreadable(`body larger than ${MAX_LOGIN_BODY} characters`);
    if (looksBinary(body)) return unreadable('body is binary');
    const t = body.trim();
    if (t === '') return unreadable('body is empty');
    const ct = (contentType ?? '').toLowerCase();
    const jsonFirst = ct.includes('json') || t.startsWith('{') || t.startsWith('[');
    if (jsonFirst) {
      const parsed = parseJson(t);
      if (parsed.ok) {
        if (isPlainObject(parsed.value)) return fromJsonBody(parsed.value);
        return unreadable('body is JSON but not an object');
      }
      if (!looksForm(t)) return unreadable(parsed.reason);
    }
    if (ct.includes('multipart/')) return unreadable('multipart bodies are not supported');
    if (looksForm(t)) {
      const pairs = parseForm(t);
      if (pairs) return fromFormBody(pairs);
    }
    return unreadable('body is neither JSON nor form-encoded');
  } catch (e) {
    return unreadable(`unexpected error: ${e instanceof Error ? e.message.slice(0, 200) : 'unknown'}`);
  }
}
