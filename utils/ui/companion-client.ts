/**
 * Typed client of the companion API (docs/spec/COMPANION-API.md): snapshots, comparison, share
 * links. Every response is validated with zod; every failure becomes a `CompanionError` with a
 * code and a message in Japanese and English that says what to do (server unreachable, token
 * refused, too big, rate limited with Retry-After, privacy rejection with the JSON path).
 *
 * Without a companion configured the extension works locally: `companionFromSettings` returns
 * undefined and the UI says so.
 */
import { z } from 'zod';
import type { Lang } from '../core/model';
import { Finding, Summary } from '../core/model';
import { Snapshot } from '../core/snapshot';
import { normalizeBaseUrl, type FetchLike } from './companion-check';
import type { CompanionSettings } from './settings';

export const SnapshotMeta = z.object({
  id: z.string().max(100),
  site: z.string().nullable(),
  env: z.string().nullable(),
  createdAt: z.string(),
});
export type SnapshotMeta = z.infer<typeof SnapshotMeta>;

export const SnapshotListItem = SnapshotMeta.extend({ summary: Summary.nullable().optional() });
export type SnapshotListItem = z.infer<typeof SnapshotListItem>;

export const SnapshotList = z.object({ items: z.array(SnapshotListItem).max(1000), nextCursor: z.string().nullable() });
export type SnapshotList = z.infer<typeof SnapshotList>;

export const StoredSnapshot = SnapshotMeta.extend({ snapshot: Snapshot });
export type StoredSnapshot = z.infer<typeof StoredSnapshot>;

export const Created = z.object({ id: z.string().max(100), createdAt: z.string().optional() });

export const CompareResponse = z.object({
  a: SnapshotMeta,
  b: SnapshotMeta,
  rows: z.array(z.object({ aspect: z.string(), a: z.string(), b: z.string(), same: z.boolean(), comparable: z.boolean().optional() })),
  findings: z.array(Finding),
  summary: Summary,
});
export type CompareResponse = z.infer<typeof CompareResponse>;

export const ShareLink = z.object({ url: z.string(), token: z.string(), expiresAt: z.string() });
export type ShareLink = z.infer<typeof ShareLink>;

const ErrorBody = z.object({
  error: z.string(),
  message: z.string().optional(),
  message_ja: z.string().optional(),
  issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })).optional(),
});

export type CompanionErrorCode =
  | 'not-configured'
  | 'bad-url'
  | 'unreachable'
  | 'timeout'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'gone'
  | 'too-large'
  | 'rate-limited'
  | 'privacy'
  | 'invalid'
  | 'bad-response'
  | 'bad-share-link'
  | 'server';

export interface CompanionErrorInfo {
  code: CompanionErrorCode;
  status?: number;
  /** seconds, from Retry-After (429) */
  retryAfter?: number;
  /** the JSON paths the server rejected (400), e.g. `pages.0.tags.0.key` */
  paths?: string[];
  /** the server's own text (already bilingual from the companion) */
  detail?: string;
}

const MESSAGES: Record<CompanionErrorCode, { ja: string; en: string }> = {
  'not-configured': {
    ja: '共有サーバー（companion API）が設定されていません。記録はこのブラウザーの中だけに保存されます。共有するにはオプション画面で URL とトークンを設定してください。',
    en: 'No companion server is configured: records stay in this browser only. To share, set the URL and token on the options page.',
  },
  'bad-url': { ja: '共有サーバーの URL が正しくありません（https://… の形で指定してください）。', en: 'The companion URL is not valid (use https://…).' },
  unreachable: {
    ja: '共有サーバーに接続できません。URL が正しいか、サーバーが起動しているか、この拡張機能のオリジンが許可されているか（EXTENSION_ORIGINS）を確認してください。',
    en: 'Cannot reach the companion server. Check the URL, that the server is running, and that this extension’s origin is allowed (EXTENSION_ORIGINS).',
  },
  timeout: { ja: '共有サーバーが時間内に応答しませんでした。しばらくしてから再度お試しください。', en: 'The companion server did not answer in time. Try again later.' },
  unauthorized: {
    ja: 'トークンが正しくないか、無効化されています。管理者に新しいトークンを発行してもらい、オプション画面で設定し直してください。',
    en: 'The token is wrong or has been revoked. Ask the administrator for a new token and set it on the options page.',
  },
  forbidden: { ja: 'このトークンではこの操作ができません。', en: 'This token may not do this.' },
  'not-found': { ja: '共有サーバーに該当する記録が見つかりません（削除されたか、別のワークスペースの記録です）。', en: 'Not found on the companion (deleted, or in another workspace).' },
  gone: { ja: 'この共有リンクは有効期限が切れています。共有した人に新しいリンクを作ってもらってください。', en: 'This share link has expired. Ask for a new link.' },
  'too-large': { ja: '記録が大きすぎます（1 MiB まで）。ページ数を減らして記録し直してください。', en: 'The record is too large (1 MiB at most). Record fewer pages.' },
  'rate-limited': { ja: 'リクエストが多すぎます。{retry} 秒ほど待ってから再度お試しください。', en: 'Too many requests. Wait about {retry} s and try again.' },
  privacy: {
    ja: '個人情報または秘密情報らしき値が含まれているため、共有サーバーが受け取りを拒否しました（該当箇所: {paths}）。',
    en: 'The companion refused the record: it looks like it holds a clear personal value or a secret (at: {paths}).',
  },
  invalid: { ja: '共有サーバーがリクエストを受け付けませんでした（{paths}）。', en: 'The companion rejected the request ({paths}).' },
  'bad-response': { ja: '共有サーバーの応答が想定した形式ではありません（バージョンが違う可能性があります）。', en: 'The companion’s answer is not in the expected format (a different version?).' },
  'bad-share-link': {
    ja: '共有リンクまたはトークンとして読み取れません。「…/v1/shared/rks_…」の形のリンクか、rks_ で始まるトークンを貼り付けてください。',
    en: 'Not a share link or token. Paste a link like “…/v1/shared/rks_…” or a token starting with rks_.',
  },
  server: { ja: '共有サーバーでエラーが発生しました（HTTP {status}）。', en: 'The companion server failed (HTTP {status}).' },
};

export function companionErrorMessage(info: CompanionErrorInfo, lang: Lang): string {
  const text = MESSAGES[info.code][lang];
  return text
    .replace('{retry}', String(info.retryAfter ?? 1))
    .replace('{paths}', info.paths && info.paths.length > 0 ? info.paths.join(', ') : '—')
    .replace('{status}', String(info.status ?? '?'));
}

export class CompanionError extends Error {
  readonly info: CompanionErrorInfo;
  constructor(info: CompanionErrorInfo) {
    super(companionErrorMessage(info, 'en'));
    this.name = 'CompanionError';
    this.info = info;
  }
  messageIn(lang: Lang): string {
    return companionErrorMessage(this.info, lang);
  }
}

/** A message for any error a companion call threw, in the UI language. */
export function describeError(e: unknown, lang: Lang): string {
  if (e instanceof CompanionError) return e.messageIn(lang);
  return e instanceof Error ? e.message.slice(0, 300) : String(e).slice(0, 300);
}

export interface CompanionClient {
  readonly baseUrl: string;
  upload(snapshot: Snapshot): Promise<{ id: string }>;
  list(q?: { site?: string; env?: string; cursor?: string; limit?: number }): Promise<SnapshotList>;
  get(id: string): Promise<StoredSnapshot>;
  remove(id: string): Promise<void>;
  compare(a: string, b: string, lang?: Lang): Promise<CompareResponse>;
  share(id: string, ttlSeconds?: number): Promise<ShareLink>;
  /** a share link (`…/v1/shared/TOKEN`) or a bare token; needs no workspace token */
  openShared(linkOrToken: string): Promise<StoredSnapshot>;
}

const SHARE_TOKEN = /^rks_[A-Za-z0-9_-]{20,100}$/;
const MAX_RESPONSE_CHARS = 8 * 1024 * 1024;

/** `https://host/v1/shared/rks_…` or `rks_…` → the URL to fetch (links carry their own server). */
export function sharedUrl(linkOrToken: string, base: URL | undefined): string {
  const text = linkOrToken.trim();
  if (SHARE_TOKEN.test(text)) {
    if (!base) throw new CompanionError({ code: 'not-configured' });
    return new URL(`v1/shared/${text}`, base).toString();
  }
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new CompanionError({ code: 'bad-share-link' });
  }
  const m = /\/v1\/shared\/([^/?#]+)$/.exec(u.pathname);
  if ((u.protocol !== 'https:' && u.protocol !== 'http:') || !m || !SHARE_TOKEN.test(m[1]!)) throw new CompanionError({ code: 'bad-share-link' });
  return `${u.origin}${u.pathname}`;
}

function isAbort(e: unknown): boolean {
  return e instanceof Error && (e.name === 'AbortError' || e.name === 'TimeoutError');
}

async function failure(res: Response): Promise<CompanionError> {
  let body: z.infer<typeof ErrorBody> | undefined;
  try {
    const text = await res.text();
    const parsed = ErrorBody.safeParse(JSON.parse(text.slice(0, 200_000)));
    if (parsed.success) body = parsed.data;
  } catch {
    body = undefined;
  }
  const paths = body?.issues?.slice(0, 10).map((i) => (i.path.length > 0 ? i.path.join('.') : i.message).slice(0, 200));
  const detail = body?.message?.slice(0, 300);
  const s = res.status;
  if (s === 401) return new CompanionError({ code: 'unauthorized', status: s, detail });
  if (s === 403) return new CompanionError({ code: 'forbidden', status: s, detail });
  if (s === 404) return new CompanionError({ code: 'not-found', status: s, detail });
  if (s === 410) return new CompanionError({ code: 'gone', status: s, detail });
  if (s === 413) return new CompanionError({ code: 'too-large', status: s, detail });
  if (s === 429) {
    const ra = Number(res.headers.get('retry-after'));
    return new CompanionError({ code: 'rate-limited', status: s, retryAfter: Number.isFinite(ra) && ra > 0 ? Math.ceil(ra) : 1, detail });
  }
  if (s === 400 && body?.error === 'personal_data') return new CompanionError({ code: 'privacy', status: s, paths, detail });
  if (s >= 400 && s < 500) return new CompanionError({ code: 'invalid', status: s, paths, detail });
  return new CompanionError({ code: 'server', status: s, detail });
}

export function createCompanionClient(settings: CompanionSettings, fetchImpl: FetchLike = (i, init) => fetch(i, init), timeoutMs = 15_000): CompanionClient {
  const base = normalizeBaseUrl(settings.url);
  if (!base) throw new CompanionError({ code: settings.url.trim() ? 'bad-url' : 'not-configured' });
  const token = settings.token.trim();

  async function call<T>(schema: z.ZodType<T>, url: string, init: RequestInit & { auth?: boolean } = {}): Promise<T> {
    const { auth = true, ...rest } = init;
    const headers: Record<string, string> = { Accept: 'application/json', ...((rest.headers as Record<string, string>) ?? {}) };
    if (auth) {
      if (!token) throw new CompanionError({ code: 'unauthorized' });
      headers.Authorization = `Bearer ${token}`;
    }
    let res: Response;
    try {
      res = await fetchImpl(url, { ...rest, headers, credentials: 'omit', signal: AbortSignal.timeout(timeoutMs) });
    } catch (e) {
      throw new CompanionError({ code: isAbort(e) ? 'timeout' : 'unreachable' });
    }
    if (!res.ok) throw await failure(res);
    if (res.status === 204) {
      const empty = schema.safeParse(undefined);
      if (empty.success) return empty.data;
      throw new CompanionError({ code: 'bad-response', status: 204 });
    }
    let json: unknown;
    try {
      const text = await res.text();
      if (text.length > MAX_RESPONSE_CHARS) throw new Error('too long');
      json = JSON.parse(text);
    } catch {
      throw new CompanionError({ code: 'bad-response', status: res.status });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new CompanionError({ code: 'bad-response', status: res.status, paths: parsed.error.issues.slice(0, 5).map((i) => i.path.join('.')) });
    }
    return parsed.data;
  }

  const u = (path: string) => new URL(path, base).toString();
  const id = (v: string) => encodeURIComponent(v);

  return {
    baseUrl: base.toString(),
    async upload(snapshot) {
      const body = JSON.stringify(Snapshot.parse(snapshot));
      if (body.length > 1024 * 1024) throw new CompanionError({ code: 'too-large' });
      const r = await call(Created, u('v1/snapshots'), { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
      return { id: r.id };
    },
    list(q = {}) {
      const p = new URLSearchParams();
      if (q.site) p.set('site', q.site);
      if (q.env) p.set('env', q.env);
      if (q.cursor) p.set('cursor', q.cursor);
      if (q.limit) p.set('limit', String(q.limit));
      const qs = p.toString();
      return call(SnapshotList, u(`v1/snapshots${qs ? `?${qs}` : ''}`));
    },
    get(snapshotId) {
      return call(StoredSnapshot, u(`v1/snapshots/${id(snapshotId)}`));
    },
    async remove(snapshotId) {
      await call(z.undefined(), u(`v1/snapshots/${id(snapshotId)}`), { method: 'DELETE' });
    },
    compare(a, b, lang = 'ja') {
      return call(CompareResponse, u(`v1/compare?a=${id(a)}&b=${id(b)}&lang=${lang}`));
    },
    share(snapshotId, ttlSeconds) {
      return call(ShareLink, u(`v1/snapshots/${id(snapshotId)}/share`), {
        method: 'POST',
        body: JSON.stringify(ttlSeconds ? { ttlSeconds } : {}),
        headers: { 'Content-Type': 'application/json' },
      });
    },
    openShared(linkOrToken) {
      return call(StoredSnapshot, sharedUrl(linkOrToken, base), { auth: false });
    },
  };
}

/** undefined when no companion is configured (local-only use); throws CompanionError('bad-url') on a broken URL. */
export function companionFromSettings(settings: CompanionSettings | undefined, fetchImpl?: FetchLike): CompanionClient | undefined {
  if (!settings || !settings.url.trim()) return undefined;
  return createCompanionClient(settings, fetchImpl);
}

/** Opening a share link needs no configured companion: the link names its server. */
export async function openSharedLink(linkOrToken: string, fetchImpl?: FetchLike): Promise<StoredSnapshot> {
  const url = sharedUrl(linkOrToken, undefined);
  const client = createCompanionClient({ url: url.replace(/v1\/shared\/[^/]+$/, ''), token: '' }, fetchImpl);
  return client.openShared(url);
}
