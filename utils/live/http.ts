/**
 * The one way live checks talk to vendor APIs: fetch with a timeout (AbortSignal), a bounded
 * body, no automatic retries, `Retry-After` respected through the service's budget, and errors
 * that never carry a credential (messages are built from status codes; vendor texts are redacted).
 *
 * Runs in the extension (background / popup) and in Node 20+: global fetch, AbortController.
 */
import type { Budget } from './budget';

export type LiveService = 'line' | 'chatwork' | 'zendesk';

export type LiveErrorKind =
  | 'invalid-input'
  | 'bad-credentials'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'rate-limited'
  | 'timeout'
  | 'aborted'
  | 'network'
  | 'server'
  | 'bad-response'
  | 'http';

export class LiveError extends Error {
  readonly kind: LiveErrorKind;
  readonly service: LiveService;
  readonly status?: number;
  /** seconds to wait before calling the service again */
  readonly retryAfterSec?: number;
  /** the vendor's own short error text, with every credential redacted, bounded */
  readonly detail?: string;

  constructor(service: LiveService, kind: LiveErrorKind, opts: { status?: number; retryAfterSec?: number; detail?: string } = {}) {
    super(`${service}: ${kind}${opts.status ? ` (HTTP ${opts.status})` : ''}`);
    this.name = 'LiveError';
    this.service = service;
    this.kind = kind;
    if (opts.status !== undefined) this.status = opts.status;
    if (opts.retryAfterSec !== undefined) this.retryAfterSec = opts.retryAfterSec;
    if (opts.detail) this.detail = opts.detail;
  }

  toJSON(): LiveErrorInfo {
    return { service: this.service, kind: this.kind, status: this.status, retryAfterSec: this.retryAfterSec, detail: this.detail };
  }
}

export interface LiveErrorInfo {
  service: LiveService;
  kind: LiveErrorKind;
  status?: number;
  retryAfterSec?: number;
  detail?: string;
}

export interface LiveOptions {
  /** base URL of the API (tests point it at a mock server) */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** per request (default 10 s) */
  timeoutMs?: number;
  /** cancel everything (popup closed) */
  signal?: AbortSignal;
  /** the service's call budget (default: the shared one of the service) */
  budget?: Budget;
  /** ms since epoch (tests) */
  now?: () => number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const MAX_BODY_CHARS = 1_000_000;

/** Remove every credential from a text, then bound it. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= 4) out = out.split(s).join('[redacted]');
  }
  // anything that still looks like a bearer token or a long key
  out = out.replace(/Bearer\s+\S+/giu, 'Bearer [redacted]').replace(/[A-Za-z0-9._~+/=-]{40,}/gu, '[redacted]');
  return out.replace(/\s+/gu, ' ').trim().slice(0, 200);
}

/** `Retry-After`: seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/u.test(v)) return Math.min(Number(v), 86_400);
  const t = Date.parse(v);
  if (Number.isNaN(t)) return undefined;
  return Math.max(0, Math.min(Math.ceil((t - now) / 1000), 86_400));
}

export interface LiveResponse {
  status: number;
  headers: Headers;
  json: unknown;
}

function vendorDetail(json: unknown, text: string): string | undefined {
  if (json && typeof json === 'object') {
    const o = json as Record<string, unknown>;
    if (typeof o.message === 'string') return o.message;
    if (typeof o.error_description === 'string') return o.error_description;
    if (typeof o.error === 'string') return o.error;
    if (Array.isArray(o.errors) && typeof o.errors[0] === 'string') return o.errors[0];
    if (o.error && typeof o.error === 'object' && typeof (o.error as Record<string, unknown>).title === 'string') return (o.error as Record<string, string>).title;
  }
  return text ? text.slice(0, 200) : undefined;
}

async function readBounded(res: Response): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let out = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    out += decoder.decode(value, { stream: true });
    if (out.length > MAX_BODY_CHARS) {
      await reader.cancel().catch(() => undefined);
      throw new Error('body too large');
    }
  }
  return out + decoder.decode();
}

/**
 * One request. Throws LiveError for every failure; never retries (the operator presses the button
 * again, after `retryAfterSec` when the vendor said so).
 */
export async function liveRequest(
  service: LiveService,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string },
  opts: LiveOptions & { secrets: readonly string[]; budget: Budget },
): Promise<LiveResponse> {
  const now = opts.now ?? Date.now;
  const wait = opts.budget.take(now());
  if (wait !== undefined) throw new LiveError(service, 'rate-limited', { retryAfterSec: Math.ceil(wait / 1000) });
  if (opts.signal?.aborted) throw new LiveError(service, 'aborted');
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const onAbort = () => controller.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const f = opts.fetch ?? globalThis.fetch;
  let res: Response;
  let text: string;
  try {
    res = await f(url, { method: init.method ?? 'GET', headers: init.headers, body: init.body, signal: controller.signal, redirect: 'error', credentials: 'omit' });
    text = await readBounded(res);
  } catch (e) {
    if (timedOut) throw new LiveError(service, 'timeout');
    if (opts.signal?.aborted) throw new LiveError(service, 'aborted');
    if (e instanceof Error && e.message === 'body too large') throw new LiveError(service, 'bad-response', { detail: 'response too large' });
    throw new LiveError(service, 'network');
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
  }
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  opts.budget.observe(res.status, res.headers, now());
  if (res.status >= 200 && res.status < 300) return { status: res.status, headers: res.headers, json };
  const raw = vendorDetail(json, text);
  const detail = raw ? redact(raw, opts.secrets) : undefined;
  const status = res.status;
  if (status === 429) throw new LiveError(service, 'rate-limited', { status, retryAfterSec: parseRetryAfter(res.headers.get('retry-after'), now()) ?? opts.budget.retryAfterSec(now()), detail });
  if (status === 401) throw new LiveError(service, 'unauthorized', { status, detail });
  if (status === 403) throw new LiveError(service, 'forbidden', { status, detail });
  if (status === 404) throw new LiveError(service, 'not-found', { status, detail });
  if (status >= 500) throw new LiveError(service, 'server', { status, detail, retryAfterSec: parseRetryAfter(res.headers.get('retry-after'), now()) });
  throw new LiveError(service, 'http', { status, detail });
}

export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/u, '')}${path}`;
}

/** Base64 of UTF-8 text (Basic auth with non-ASCII e-mail addresses). */
export function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}
