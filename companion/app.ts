/**
 * The companion API as a Hono app (Web-standard Request → Response), routes declared with
 * @hono/zod-openapi so every input goes through zod and `/v1/openapi.json` is generated from the
 * same schemas. Transport (Node server, shutdown) lives in server.ts.
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Snapshot } from '../utils/core/snapshot';
import { defaultCompare, type CompareFn } from './compare';
import { scanPrivacy, type PrivacyIssue } from './privacy';
import { RateLimiter, type RateLimitConfig } from './ratelimit';
import {
  ChecklistConflict,
  ChecklistParam,
  ChecklistPut,
  ChecklistState,
  CompareQuery,
  ErrorBody,
  ShareLink,
  ShareRequest,
  SiteParam,
  SnapshotBody,
  SnapshotEnvelope,
  SnapshotId,
  SnapshotList,
  SnapshotListQuery,
  SnapshotMeta,
} from './schemas';
import type { Store, StoredSnapshot } from './store';
import { SHARE_TOKEN_RE, TOKEN_RE } from './tokens';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface AppOptions {
  store: Store;
  /** allowed browser origins (exact, e.g. chrome-extension://ID); none by default */
  corsOrigins?: string[];
  rateLimit?: RateLimitConfig;
  publicUrl?: string;
  shareTtlSeconds?: number;
  /** the comparison (default: compareSnapshots of utils/core/compare.ts, as `renkei compare`) */
  compare?: CompareFn;
}

type Env = { Variables: { workspaceId: string } };

/** Bilingual error messages: support staff read these in the extension. */
const MESSAGES = {
  invalid_request: ['The request is not valid.', 'リクエストの内容が正しくありません。'],
  unauthorized: ['A valid workspace token is required (Authorization: Bearer rk_…).', '有効なワークスペーストークンが必要です（Authorization: Bearer rk_…）。'],
  not_found: ['Not found.', '見つかりません。'],
  gone: ['This share link has expired.', 'この共有リンクは有効期限が切れています。'],
  too_large: [`The request body is larger than ${MAX_BODY_BYTES} bytes.`, `リクエストの本文が ${MAX_BODY_BYTES} バイトを超えています。`],
  rate_limited: ['Too many requests: wait and retry.', 'リクエストが多すぎます。しばらく待ってから再度お試しください。'],
  unsupported_media_type: ['Send JSON (Content-Type: application/json).', 'JSON で送信してください（Content-Type: application/json）。'],
  conflict: ['Someone else saved this checklist first: reload and apply your change again.', '他の人が先にこのチェックリストを保存しました。再読み込みしてから変更をやり直してください。'],
  precondition_required: ['Send If-Match with the version you read.', '読み込んだバージョンを If-Match ヘッダーで送ってください。'],
  personal_data: ['The payload carries something that looks like a clear personal value or a secret.', '送信内容に、マスクされていない個人情報または秘密情報らしき値が含まれています。'],
  forbidden_origin: ['This origin may not call the API (see EXTENSION_ORIGINS / CORS_ORIGINS).', 'このオリジンからは API を呼び出せません（EXTENSION_ORIGINS / CORS_ORIGINS を確認してください）。'],
  internal: ['Internal error.', '内部エラーが発生しました。'],
} as const;
type Code = keyof typeof MESSAGES;

function errorBody(code: Code, issues?: PrivacyIssue[]) {
  const [message, message_ja] = MESSAGES[code];
  return issues ? { error: code, message, message_ja, issues } : { error: code, message, message_ja };
}

function fail(c: Context, status: ContentfulStatusCode, code: Code, issues?: PrivacyIssue[], headers?: Record<string, string>) {
  return c.json(errorBody(code, issues), status, headers);
}

const zIssues = (e: z.ZodError, prefix: (string | number)[] = []): PrivacyIssue[] =>
  e.issues.slice(0, 50).map((i) => ({
    path: [...prefix, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    message: i.message,
  }));

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const errors = {
  400: json(ErrorBody, 'invalid input: `issues` lists each path and what is wrong'),
  401: json(ErrorBody, 'missing, unknown or revoked token'),
  429: json(ErrorBody, 'rate limited (see Retry-After)'),
};
const security = [{ bearer: [] as string[] }];

// ── route declarations (the OpenAPI document is generated from these) ─────────

const healthRoute = createRoute({
  method: 'get',
  path: '/healthz',
  responses: { 200: json(z.object({ ok: z.literal(true) }), 'the service is up') },
});
const createSnapshotRoute = createRoute({
  method: 'post',
  path: '/v1/snapshots',
  security,
  request: { body: { required: true, content: { 'application/json': { schema: SnapshotBody } } } },
  responses: {
    201: json(SnapshotMeta.pick({ id: true, createdAt: true }), 'stored'),
    ...errors,
    413: json(ErrorBody, 'body over 1 MiB'),
  },
});
const getSnapshotRoute = createRoute({
  method: 'get',
  path: '/v1/snapshots/{id}',
  security,
  request: { params: z.object({ id: SnapshotId }) },
  responses: { 200: json(SnapshotEnvelope, 'the stored snapshot'), ...errors, 404: json(ErrorBody, 'no such snapshot in this workspace') },
});
const deleteSnapshotRoute = createRoute({
  method: 'delete',
  path: '/v1/snapshots/{id}',
  security,
  request: { params: z.object({ id: SnapshotId }) },
  responses: { 204: { description: 'deleted (its share links too)' }, ...errors, 404: json(ErrorBody, 'no such snapshot') },
});
const listSnapshotsRoute = createRoute({
  method: 'get',
  path: '/v1/snapshots',
  security,
  request: { query: SnapshotListQuery },
  responses: { 200: json(SnapshotList, 'newest first; pass nextCursor as cursor for the next page'), ...errors },
});
const compareRoute = createRoute({
  method: 'get',
  path: '/v1/compare',
  security,
  request: { query: CompareQuery },
  responses: {
    200: json(
      z.object({
        a: SnapshotMeta,
        b: SnapshotMeta,
        rows: z.array(z.object({ aspect: z.string(), a: z.string(), b: z.string(), same: z.boolean(), comparable: z.boolean().optional(), expected: z.boolean().optional() })),
        findings: z.array(z.unknown()),
        summary: z.object({ errors: z.number(), warnings: z.number(), infos: z.number() }),
      }),
      'the same comparison as `renkei compare a.json b.json`',
    ),
    ...errors,
    404: json(ErrorBody, 'a or b not found'),
  },
});
const checklistParams = z.object({ site: SiteParam, checklist: ChecklistParam });
const getChecklistRoute = createRoute({
  method: 'get',
  path: '/v1/checklists/{site}/{checklist}',
  security,
  request: { params: checklistParams },
  responses: { 200: json(ChecklistState, 'progress; version 0 = never saved; ETag = version'), ...errors },
});
const putChecklistRoute = createRoute({
  method: 'put',
  path: '/v1/checklists/{site}/{checklist}',
  security,
  request: {
    params: checklistParams,
    headers: z.object({ 'if-match': z.string().max(100).optional() }),
    body: { required: true, content: { 'application/json': { schema: ChecklistPut } } },
  },
  responses: {
    200: json(ChecklistState, 'saved; the new version'),
    ...errors,
    409: json(ChecklistConflict, 'someone else saved first: `current` is the stored state'),
    428: json(ErrorBody, 'If-Match missing'),
  },
});
const shareRoute = createRoute({
  method: 'post',
  path: '/v1/snapshots/{id}/share',
  security,
  request: { params: z.object({ id: SnapshotId }), body: { required: false, content: { 'application/json': { schema: ShareRequest } } } },
  responses: { 201: json(ShareLink, 'a read-only link'), ...errors, 404: json(ErrorBody, 'no such snapshot') },
});
const sharedRoute = createRoute({
  method: 'get',
  path: '/v1/shared/{token}',
  request: { params: z.object({ token: z.string().max(100) }) },
  responses: {
    200: json(SnapshotEnvelope, 'the shared snapshot (no token needed)'),
    404: json(ErrorBody, 'unknown link'),
    410: json(ErrorBody, 'expired link'),
    429: json(ErrorBody, 'rate limited'),
  },
});

// ── helpers ──────────────────────────────────────────────────────────────────

/** "3", W/"3" or 3 → 3 */
export function parseIfMatch(v: string): number | undefined {
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(v);
  return m ? Number(m[1]) : undefined;
}

const etag = (v: number) => `"${v}"`;

function encodeCursor(c: { ms: number; id: string }): string {
  return Buffer.from(JSON.stringify([c.ms, c.id]), 'utf8').toString('base64url');
}
const CursorSchema = z.tuple([z.number().int().min(0).max(8.64e15), SnapshotId]);
function decodeCursor(s: string): { ms: number; id: string } | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(s)) return undefined;
  try {
    const r = CursorSchema.safeParse(JSON.parse(Buffer.from(s, 'base64url').toString('utf8')));
    return r.success ? { ms: r.data[0], id: r.data[1] } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The stored envelope as UTF-8 bytes, built once per cached snapshot: reads hand the same bytes to
 * the socket (no JSON work, no re-encoding, no length scan per request).
 */
const envelopeBytes = new WeakMap<StoredSnapshot, Uint8Array<ArrayBuffer>>();
function envelope(s: StoredSnapshot): Uint8Array<ArrayBuffer> {
  let b = envelopeBytes.get(s);
  if (b === undefined) {
    const text = `{"id":${JSON.stringify(s.id)},"site":${JSON.stringify(s.site)},"env":${JSON.stringify(s.env)},"createdAt":${JSON.stringify(s.createdAt)},"snapshot":${s.body}}`;
    b = new Uint8Array(Buffer.from(text, 'utf8'));
    envelopeBytes.set(s, b);
  }
  return b;
}
const meta = (s: StoredSnapshot) => ({ id: s.id, site: s.site, env: s.env, createdAt: s.createdAt });

function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

// ── the app ──────────────────────────────────────────────────────────────────

export function createApp(opts: AppOptions) {
  const { store } = opts;
  const limiter = new RateLimiter(opts.rateLimit ?? { ratePerSec: 20, burst: 100 });
  // unauthenticated traffic (share links, bad tokens) is limited per client address
  const anonLimiter = new RateLimiter(opts.rateLimit ?? { ratePerSec: 20, burst: 100 });
  const allowed = new Set(opts.corsOrigins ?? []);
  const shareTtlMs = (opts.shareTtlSeconds ?? 7 * 24 * 3600) * 1000;

  const app = new OpenAPIHono<Env>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const where = (result as { target?: string }).target;
        const prefix = where === 'json' ? [] : where ? [where] : [];
        return c.json(errorBody('invalid_request', zIssues(result.error, prefix)), 400);
      }
    },
  });

  app.onError((err, c) => {
    if (err instanceof HTTPException) {
      const s = err.status;
      if (s === 413) return fail(c, 413, 'too_large');
      if (s === 415) return fail(c, 415, 'unsupported_media_type');
      if (s === 401) return fail(c, 401, 'unauthorized');
      if (s >= 400 && s < 500) return fail(c, s as ContentfulStatusCode, 'invalid_request', [{ path: [], message: err.message }]);
    }
    // never echo the input; log the error class and message only (no bodies, no tokens)
    console.error(`[companion] ${c.req.method} ${c.req.routePath}: ${err instanceof Error ? `${err.name}: ${err.message}` : 'error'}`);
    return fail(c, 500, 'internal');
  });
  app.notFound((c) => fail(c, 404, 'not_found'));

  // CORS: only configured origins (the extension's chrome-extension://ID and CORS_ORIGINS)
  const cors: MiddlewareHandler = async (c, next) => {
    const origin = c.req.header('origin');
    const ok = origin !== undefined && allowed.has(origin);
    if (c.req.method === 'OPTIONS' && c.req.header('access-control-request-method')) {
      if (!ok) return fail(c, 403, 'forbidden_origin');
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type, If-Match',
        'Access-Control-Max-Age': '600',
        Vary: 'Origin',
      });
    }
    // set before the handler runs: touching c.res.headers afterwards would force @hono/node-server
    // off its fast path (it would stream the body of a materialised Response)
    c.header('Vary', 'Origin');
    if (ok) {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Expose-Headers', 'ETag, Retry-After, Location');
    }
    await next();
  };
  app.use('*', cors);
  // only where a body is read: touching c.req.raw.body on a GET would make @hono/node-server build
  // a full Request object for nothing
  const limitBody = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => fail(c, 413, 'too_large') });
  app.use('*', (c, next) => (c.req.method === 'POST' || c.req.method === 'PUT' || c.req.method === 'PATCH' ? limitBody(c, next) : next()));

  // auth + per-token rate limit on /v1/* except the public document and share links
  const auth: MiddlewareHandler<Env> = async (c, next) => {
    const h = c.req.header('authorization') ?? '';
    const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
    const token = m?.[1];
    const ws = token && TOKEN_RE.test(token) ? await store.authenticate(token) : null;
    if (!ws) {
      const wait = anonLimiter.take(`ip:${clientAddress(c)}`);
      if (wait > 0) return fail(c, 429, 'rate_limited', undefined, { 'Retry-After': String(wait) });
      return fail(c, 401, 'unauthorized', undefined, { 'WWW-Authenticate': 'Bearer' });
    }
    const wait = limiter.take(`tok:${token}`);
    if (wait > 0) return fail(c, 429, 'rate_limited', undefined, { 'Retry-After': String(wait) });
    c.set('workspaceId', ws);
    await next();
  };
  app.use('/v1/*', async (c, next) => {
    const p = c.req.path;
    if (p === '/v1/openapi.json' || p.startsWith('/v1/shared/')) return next();
    return auth(c, next);
  });

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });

  // the handlers below return JSON built from the declared schemas; typed loosely (`never`) where
  // a response is pre-serialised text (snapshot reads) or carries extra headers
  app.openapi(healthRoute, (c) => c.json({ ok: true as const }, 200));

  app.openapi(createSnapshotRoute, (async (c: Context<Env>) => {
    const raw = await c.req.json<unknown>(); // cached by the validator: the body before zod stripped unknown keys
    const privacy = scanPrivacy(raw);
    if (privacy.length > 0) return fail(c, 400, 'personal_data', privacy);
    const snap = (c.req.valid as (t: 'json') => Snapshot)('json');
    const text = JSON.stringify(snap);
    const m = await store.createSnapshot(c.get('workspaceId'), text, snap.summary, { site: snap.site, env: snap.env });
    return c.json({ id: m.id, createdAt: m.createdAt }, 201, { Location: `/v1/snapshots/${m.id}` });
  }) as never);

  app.openapi(getSnapshotRoute, (async (c: Context<Env>) => {
    const { id } = (c.req.valid as (t: 'param') => { id: string })('param');
    const s = await store.getSnapshot(c.get('workspaceId'), id);
    if (!s) return fail(c, 404, 'not_found');
    return c.body(envelope(s), 200, { 'Content-Type': 'application/json; charset=UTF-8' });
  }) as never);

  app.openapi(deleteSnapshotRoute, (async (c: Context<Env>) => {
    const { id } = (c.req.valid as (t: 'param') => { id: string })('param');
    if (!(await store.deleteSnapshot(c.get('workspaceId'), id))) return fail(c, 404, 'not_found');
    return c.body(null, 204);
  }) as never);

  app.openapi(listSnapshotsRoute, (async (c: Context<Env>) => {
    const q = (c.req.valid as (t: 'query') => z.infer<typeof SnapshotListQuery>)('query');
    const after = q.cursor !== undefined ? decodeCursor(q.cursor) : undefined;
    if (q.cursor !== undefined && !after) return fail(c, 400, 'invalid_request', [{ path: ['query', 'cursor'], message: 'not a cursor from this API' }]);
    const r = await store.listSnapshots(c.get('workspaceId'), { site: q.site, env: q.env, after, limit: q.limit });
    return c.json({ items: r.items, nextCursor: r.next ? encodeCursor(r.next) : null }, 200);
  }) as never);

  app.openapi(compareRoute, (async (c: Context<Env>) => {
    const q = (c.req.valid as (t: 'query') => z.infer<typeof CompareQuery>)('query');
    const ws = c.get('workspaceId');
    const [a, b] = await Promise.all([store.getSnapshot(ws, q.a), store.getSnapshot(ws, q.b)]);
    if (!a || !b) return fail(c, 404, 'not_found', [{ path: ['query', !a ? 'a' : 'b'], message: 'no such snapshot in this workspace' }]);
    const compare = opts.compare ?? defaultCompare;
    // stored bodies were validated on the way in; parse again to get schema defaults and types
    const sa = Snapshot.parse(JSON.parse(a.body));
    const sb = Snapshot.parse(JSON.parse(b.body));
    const r = compare(sa, sb, { lang: q.lang });
    return c.json({ a: meta(a), b: meta(b), rows: r.rows, findings: r.findings, summary: r.summary }, 200);
  }) as never);

  app.openapi(getChecklistRoute, (async (c: Context<Env>) => {
    const p = (c.req.valid as (t: 'param') => { site: string; checklist: string })('param');
    const s = await store.getChecklist(c.get('workspaceId'), p.site, p.checklist);
    return c.json(s, 200, { ETag: etag(s.version) });
  }) as never);

  app.openapi(putChecklistRoute, (async (c: Context<Env>) => {
    const p = (c.req.valid as (t: 'param') => { site: string; checklist: string })('param');
    const h = (c.req.valid as (t: 'header') => { 'if-match'?: string })('header');
    if (h['if-match'] === undefined) return fail(c, 428, 'precondition_required');
    const expected = parseIfMatch(h['if-match']);
    if (expected === undefined) return fail(c, 400, 'invalid_request', [{ path: ['header', 'if-match'], message: 'a version number, e.g. "3" (0 = not saved yet)' }]);
    const raw = await c.req.json<unknown>();
    const privacy = scanPrivacy(raw);
    if (privacy.length > 0) return fail(c, 400, 'personal_data', privacy);
    const body = (c.req.valid as (t: 'json') => z.infer<typeof ChecklistPut>)('json');
    const r = await store.putChecklist(c.get('workspaceId'), p.site, p.checklist, expected, body.items);
    if (r.ok) return c.json(r.state, 200, { ETag: etag(r.state.version) });
    return c.json({ ...errorBody('conflict'), current: r.current }, 409, { ETag: etag(r.current.version) });
  }) as never);

  app.openapi(shareRoute, (async (c: Context<Env>) => {
    const { id } = (c.req.valid as (t: 'param') => { id: string })('param');
    const body = (c.req.valid as (t: 'json') => z.infer<typeof ShareRequest> | undefined)('json') ?? {};
    const ttlMs = body.ttlSeconds !== undefined ? body.ttlSeconds * 1000 : shareTtlMs;
    const r = await store.createShare(c.get('workspaceId'), id, ttlMs);
    if (!r) return fail(c, 404, 'not_found');
    const base = opts.publicUrl ?? new URL(c.req.url).origin;
    return c.json({ url: `${base}/v1/shared/${r.token}`, token: r.token, expiresAt: r.expiresAt }, 201);
  }) as never);

  app.openapi(sharedRoute, (async (c: Context) => {
    const wait = anonLimiter.take(`ip:${clientAddress(c)}`);
    if (wait > 0) return fail(c, 429, 'rate_limited', undefined, { 'Retry-After': String(wait) });
    const { token } = (c.req.valid as (t: 'param') => { token: string })('param');
    if (!SHARE_TOKEN_RE.test(token)) return fail(c, 404, 'not_found');
    const r = await store.resolveShare(token);
    if (r.status === 'missing') return fail(c, 404, 'not_found');
    if (r.status !== 'ok') return fail(c, 410, 'gone');
    return c.body(envelope(r.snapshot), 200, { 'Content-Type': 'application/json; charset=UTF-8', 'Cache-Control': 'private, no-store' });
  }) as never);

  // generated once, on first request (the routes do not change at run time)
  let doc: string | undefined;
  app.get('/v1/openapi.json', (c) => {
    doc ??= JSON.stringify(
      app.getOpenAPI31Document({
        openapi: '3.1.0',
        info: {
          title: 'Renkei Doctor companion API',
          version: '1',
          description: 'Shared state of Renkei Doctor: redacted snapshots, checklist progress, read-only share links.',
        },
      }),
    );
    return c.body(doc, 200, { 'Content-Type': 'application/json; charset=UTF-8' });
  });

  return app;
}
