/**
 * The vendors' requests as the browser's network layer saw them (webRequest): widget script
 * loads, OK SKY `/login` POSTs with their body, Channel Talk calls; their status or the error
 * that stopped them. Request bodies are kept only for the `/login` (OK SKY) and `boot`
 * (Channel Talk) POSTs, decoded as UTF-8 and bounded.
 */
import type { NetworkRequest } from '../core/model';
import { LIMITS } from './protocol';
import type { RequestRecord } from './session-store';

/** The vendor hosts observed (also the extension's host permissions). */
export const VENDOR_HOST_PATTERNS = [
  '*://*.okskychat.net/*',
  '*://*.oksky-chat.net/*',
  '*://*.ok-sky.com/*',
  '*://*.channel.io/*',
] as const;

export function wantsBody(url: string, method: string): boolean {
  if (method.toUpperCase() !== 'POST') return false;
  try {
    const u = new URL(url);
    if (/(^|\.)(okskychat\.net|oksky-chat\.net|ok-sky\.com)$/i.test(u.hostname)) return /\/login\/?$/i.test(u.pathname);
    if (/(^|\.)channel\.io$/i.test(u.hostname)) return /\/boot\/?$|\/boot\b/i.test(u.pathname);
  } catch {
    return false;
  }
  return false;
}

export interface RawBody {
  raw?: { bytes?: ArrayBuffer }[];
  formData?: Record<string, string[]>;
  error?: string;
}

/** A request body as text: raw bytes decoded as UTF-8 (bounded), or form data re-encoded. */
export function decodeRequestBody(rb: RawBody | undefined): { body?: string; bodyTruncated?: boolean; contentType?: string } {
  if (!rb) return {};
  if (rb.formData && typeof rb.formData === 'object') {
    const params = new URLSearchParams();
    let n = 0;
    for (const [k, vs] of Object.entries(rb.formData)) {
      for (const v of Array.isArray(vs) ? vs : []) {
        if (n++ > 1_000) break;
        params.append(k, String(v));
      }
    }
    const text = params.toString();
    return {
      body: text.slice(0, LIMITS.bodyBytes),
      ...(text.length > LIMITS.bodyBytes ? { bodyTruncated: true } : {}),
      contentType: 'application/x-www-form-urlencoded',
    };
  }
  if (Array.isArray(rb.raw)) {
    const chunks: Uint8Array[] = [];
    let size = 0;
    let truncated = false;
    for (const part of rb.raw) {
      if (!part || !(part.bytes instanceof ArrayBuffer)) {
        // a file upload part: not a payload the rules read
        truncated = true;
        continue;
      }
      const room = LIMITS.bodyBytes - size;
      if (room <= 0) {
        truncated = true;
        break;
      }
      const bytes = new Uint8Array(part.bytes, 0, Math.min(room, part.bytes.byteLength));
      if (bytes.byteLength < part.bytes.byteLength) truncated = true;
      chunks.push(bytes);
      size += bytes.byteLength;
    }
    const all = new Uint8Array(size);
    let off = 0;
    for (const c of chunks) {
      all.set(c, off);
      off += c.byteLength;
    }
    return { body: new TextDecoder('utf-8', { fatal: false }).decode(all), ...(truncated ? { bodyTruncated: true } : {}) };
  }
  return {};
}

export interface BeforeRequestDetails {
  requestId: string;
  url: string;
  method: string;
  type: string;
  tabId: number;
  frameId: number;
  documentId?: string;
  parentDocumentId?: string;
  timeStamp: number;
  requestBody?: RawBody | null;
}

export function requestFromDetails(d: BeforeRequestDetails): RequestRecord {
  const body = wantsBody(d.url, d.method) ? decodeRequestBody(d.requestBody ?? undefined) : {};
  const req: RequestRecord = {
    id: `wr-${d.requestId}`,
    url: d.url.slice(0, 8_192),
    method: d.method,
    type: d.type === 'xmlhttprequest' ? 'xhr' : d.type,
    time: d.timeStamp,
    ...body,
    frameId: d.frameId,
    ...(d.documentId ? { documentId: d.documentId } : {}),
    ...(d.parentDocumentId ? { parentDocumentId: d.parentDocumentId } : {}),
  };
  return req;
}

/** A request the page's CSP blocked before the network saw it. */
export function cspRequest(index: number, v: { url: string; directive: string; time: number }, documentId?: string): RequestRecord {
  const req: NetworkRequest & { documentId?: string } = {
    id: `csp-${v.time.toString(36)}-${index}`,
    url: v.url,
    method: 'GET',
    type: /script/i.test(v.directive) || /\.js(\?|$)/.test(v.url) ? 'script' : 'other',
    error: `csp: blocked by Content-Security-Policy (${v.directive || 'unknown directive'})`,
    time: v.time,
    ...(documentId ? { documentId } : {}),
  };
  return req;
}
