/**
 * The companion's data access: workspaces, tokens, snapshots, checklists, share links.
 * Every query is scoped by workspace id: a workspace never reads another's rows.
 *
 * Two small in-process caches keep the hot paths off the database:
 * - token → workspace (auth on every request),
 * - snapshot id → stored JSON text (snapshots are immutable until deleted).
 * On the embedded engine only this process can write (DATA_DIR lock), so the caches are exact:
 * no TTL by default, entries are invalidated on revoke/delete, and a read that raced with a
 * revoke/delete is not cached. On PostgreSQL other instances may revoke or delete: entries then
 * live at most `cacheTtlMs` (default 1 s).
 */
import type { Db, Queryable } from './db';
import { hashToken, newId, newToken, SHARE_TOKEN_PREFIX, WORKSPACE_TOKEN_PREFIX } from './tokens';

export interface SnapshotMeta {
  id: string;
  site: string | null;
  env: string | null;
  createdAt: string;
}

export interface StoredSnapshot extends SnapshotMeta {
  workspaceId: string;
  /** the snapshot document as stored JSON text */
  body: string;
}

export interface ChecklistState {
  items: unknown;
  version: number;
  updatedAt: string | null;
}

export type PutChecklistResult = { ok: true; state: ChecklistState } | { ok: false; current: ChecklistState };

/** LRU with an optional TTL and a weight budget (e.g. bytes of cached JSON text). */
class LruCache<V> {
  private map = new Map<string, { v: V; at: number; w: number }>();
  private total = 0;
  /**
   * bumped by every invalidation: a value read from the database before a revoke/delete finished
   * must not be cached after it (with no TTL it would live for ever). Read it before the query and
   * pass it to `set`.
   */
  generation = 0;
  constructor(
    private maxWeight: number,
    private ttlMs: number,
    private weigh: (v: V) => number = () => 1,
  ) {}
  get(k: string): V | undefined {
    const e = this.map.get(k);
    if (!e) return undefined;
    if (this.ttlMs > 0 && performance.now() - e.at > this.ttlMs) {
      this.delete(k);
      return undefined;
    }
    this.map.delete(k);
    this.map.set(k, e);
    return e.v;
  }
  set(k: string, v: V, readAt = this.generation): void {
    if (readAt !== this.generation) return;
    const w = this.weigh(v);
    if (w > this.maxWeight) return;
    this.delete(k);
    this.map.set(k, { v, at: performance.now(), w });
    this.total += w;
    while (this.total > this.maxWeight) {
      const first = this.map.keys().next().value;
      if (first === undefined) break;
      this.delete(first);
    }
  }
  delete(k: string): void {
    const e = this.map.get(k);
    if (!e) return;
    this.map.delete(k);
    this.total -= e.w;
  }
  /** drop an entry that is no longer true (revoked, deleted) */
  invalidate(k: string): void {
    this.generation++;
    this.delete(k);
  }
  clear(): void {
    this.generation++;
    this.map.clear();
    this.total = 0;
  }
}

const iso = (ms: number | string) => new Date(Number(ms)).toISOString();

export interface StoreOptions {
  /** how long cached auth/snapshot entries live; 0 = until invalidated (single-writer engine) */
  cacheTtlMs?: number;
  /** memory budget of cached snapshot JSON text, in bytes (UTF-16 code units × 2); default 64 MiB */
  snapshotCacheBytes?: number;
  now?: () => number;
}

export class Store {
  private tokens: LruCache<string>;
  private snaps: LruCache<StoredSnapshot | null>;
  readonly now: () => number;

  constructor(
    readonly db: Db,
    opts: StoreOptions = {},
  ) {
    const ttl = opts.cacheTtlMs ?? (db.engine === 'pglite' ? 0 : 1000);
    this.tokens = new LruCache(10_000, ttl);
    // the envelope text built from a cached body (app.ts) roughly doubles it: count both
    this.snaps = new LruCache<StoredSnapshot | null>(opts.snapshotCacheBytes ?? 64 * 1024 * 1024, ttl, (s) => (s ? s.body.length * 4 + 512 : 64));
    this.now = opts.now ?? Date.now;
  }

  // ── workspaces and tokens ────────────────────────────────────────────────

  /** Create a token for workspace `name` (the workspace is created when new). Returns the clear token once. */
  async createToken(name: string): Promise<{ token: string; workspaceId: string }> {
    const token = newToken(WORKSPACE_TOKEN_PREFIX);
    const workspaceId = await this.db.tx(async (q) => {
      await q.query('INSERT INTO workspaces (id, name, created_ms) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING', [
        newId('ws_'),
        name,
        this.now(),
      ]);
      const ws = await q.query<{ id: string }>('SELECT id FROM workspaces WHERE name = $1', [name]);
      const id = ws.rows[0].id;
      await q.query('INSERT INTO tokens (hash, workspace_id, created_ms) VALUES ($1, $2, $3)', [hashToken(token), id, this.now()]);
      return id;
    });
    return { token, workspaceId };
  }

  /** Revoke a token; false when it is unknown or already revoked. */
  async revokeToken(token: string): Promise<boolean> {
    const hash = hashToken(token);
    const r = await this.db.query('UPDATE tokens SET revoked_ms = $2 WHERE hash = $1 AND revoked_ms IS NULL', [hash, this.now()]);
    this.tokens.invalidate(hash);
    return r.affected > 0;
  }

  /** The workspace id of a valid (not revoked) token. */
  async authenticate(token: string): Promise<string | null> {
    const hash = hashToken(token);
    const cached = this.tokens.get(hash);
    if (cached !== undefined) return cached;
    const readAt = this.tokens.generation;
    const r = await this.db.query<{ workspace_id: string }>('SELECT workspace_id FROM tokens WHERE hash = $1 AND revoked_ms IS NULL', [
      hash,
    ]);
    const ws = r.rows[0]?.workspace_id ?? null;
    // unknown tokens are not cached (they would crowd out real ones); they are rate-limited per address
    if (ws) this.tokens.set(hash, ws, readAt);
    return ws;
  }

  // ── snapshots ────────────────────────────────────────────────────────────

  async createSnapshot(
    workspaceId: string,
    body: string,
    summary: unknown,
    labels: { site?: string; env?: string },
  ): Promise<SnapshotMeta> {
    const id = newId('sn_');
    const created = this.now();
    await this.db.query(
      'INSERT INTO snapshots (id, workspace_id, site, env, created_ms, summary, body) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [id, workspaceId, labels.site ?? null, labels.env ?? null, created, JSON.stringify(summary), body],
    );
    return { id, site: labels.site ?? null, env: labels.env ?? null, createdAt: iso(created) };
  }

  private async loadSnapshot(id: string): Promise<StoredSnapshot | null> {
    const cached = this.snaps.get(id);
    if (cached !== undefined) return cached;
    const readAt = this.snaps.generation;
    const r = await this.db.query<{ workspace_id: string; site: string | null; env: string | null; created_ms: number; body: string }>(
      'SELECT workspace_id, site, env, created_ms::float8 AS created_ms, body FROM snapshots WHERE id = $1',
      [id],
    );
    const row = r.rows[0];
    const snap = row
      ? { id, workspaceId: row.workspace_id, site: row.site, env: row.env, createdAt: iso(row.created_ms), body: row.body }
      : null;
    // misses are not cached: a snapshot created by another instance must become visible at once
    if (snap) this.snaps.set(id, snap, readAt);
    return snap;
  }

  async getSnapshot(workspaceId: string, id: string): Promise<StoredSnapshot | null> {
    const s = await this.loadSnapshot(id);
    return s && s.workspaceId === workspaceId ? s : null;
  }

  async deleteSnapshot(workspaceId: string, id: string): Promise<boolean> {
    const r = await this.db.query('DELETE FROM snapshots WHERE id = $1 AND workspace_id = $2', [id, workspaceId]);
    this.snaps.invalidate(id);
    return r.affected > 0;
  }

  /** Newest first; the cursor is the (created_ms, id) of the last row of the previous page. */
  async listSnapshots(
    workspaceId: string,
    f: { site?: string; env?: string; after?: { ms: number; id: string }; limit: number },
  ): Promise<{ items: (SnapshotMeta & { summary: unknown })[]; next?: { ms: number; id: string } }> {
    const params: unknown[] = [workspaceId];
    let where = 'workspace_id = $1';
    if (f.site !== undefined) {
      params.push(f.site);
      where += ` AND site = $${params.length}`;
    }
    if (f.env !== undefined) {
      params.push(f.env);
      where += ` AND env = $${params.length}`;
    }
    if (f.after) {
      params.push(f.after.ms, f.after.id);
      where += ` AND (created_ms < $${params.length - 1} OR (created_ms = $${params.length - 1} AND id < $${params.length}))`;
    }
    params.push(f.limit + 1);
    const r = await this.db.query<{ id: string; site: string | null; env: string | null; created_ms: number; summary: string }>(
      `SELECT id, site, env, created_ms::float8 AS created_ms, summary FROM snapshots WHERE ${where}
       ORDER BY created_ms DESC, id DESC LIMIT $${params.length}`,
      params,
    );
    const rows = r.rows.slice(0, f.limit);
    const items = rows.map((row) => ({
      id: row.id,
      site: row.site,
      env: row.env,
      createdAt: iso(row.created_ms),
      summary: JSON.parse(row.summary) as unknown,
    }));
    const last = rows[rows.length - 1];
    return { items, next: r.rows.length > f.limit && last ? { ms: Number(last.created_ms), id: last.id } : undefined };
  }

  // ── checklists ───────────────────────────────────────────────────────────

  async getChecklist(workspaceId: string, site: string, checklist: string): Promise<ChecklistState> {
    return getChecklistQ(this.db, workspaceId, site, checklist);
  }

  /**
   * Optimistic concurrency: the write succeeds only when `expected` is still the stored version
   * (0 = not yet saved). The version check and the write are one statement, so of N concurrent
   * writers on one version exactly one wins.
   */
  async putChecklist(workspaceId: string, site: string, checklist: string, expected: number, items: unknown): Promise<PutChecklistResult> {
    const text = JSON.stringify(items);
    const now = this.now();
    const r =
      expected === 0
        ? await this.db.query<{ version: number }>(
            `INSERT INTO checklists (workspace_id, site, checklist, items, version, updated_ms) VALUES ($1, $2, $3, $4, 1, $5)
             ON CONFLICT (workspace_id, site, checklist) DO NOTHING RETURNING version`,
            [workspaceId, site, checklist, text, now],
          )
        : await this.db.query<{ version: number }>(
            `UPDATE checklists SET items = $4, version = version + 1, updated_ms = $5
             WHERE workspace_id = $1 AND site = $2 AND checklist = $3 AND version = $6 RETURNING version`,
            [workspaceId, site, checklist, text, now, expected],
          );
    if (r.rows.length === 1) return { ok: true, state: { items, version: r.rows[0].version, updatedAt: iso(now) } };
    return { ok: false, current: await this.getChecklist(workspaceId, site, checklist) };
  }

  // ── share links ──────────────────────────────────────────────────────────

  async createShare(workspaceId: string, snapshotId: string, ttlMs: number): Promise<{ token: string; expiresAt: string } | null> {
    const token = newToken(SHARE_TOKEN_PREFIX);
    const now = this.now();
    const expires = now + ttlMs;
    // INSERT … SELECT: the link is created only for a snapshot of this workspace
    const r = await this.db.query(
      `INSERT INTO shares (hash, workspace_id, snapshot_id, created_ms, expires_ms)
       SELECT $1, workspace_id, id, $4, $5 FROM snapshots WHERE id = $2 AND workspace_id = $3`,
      [hashToken(token), snapshotId, workspaceId, now, expires],
    );
    return r.affected === 1 ? { token, expiresAt: iso(expires) } : null;
  }

  /** The snapshot behind a share link: `expired` when the link's time is over. */
  async resolveShare(token: string): Promise<{ status: 'ok'; snapshot: StoredSnapshot } | { status: 'missing' | 'expired' }> {
    const r = await this.db.query<{ snapshot_id: string; workspace_id: string; expires_ms: number }>(
      'SELECT snapshot_id, workspace_id, expires_ms::float8 AS expires_ms FROM shares WHERE hash = $1',
      [hashToken(token)],
    );
    const row = r.rows[0];
    if (!row) return { status: 'missing' };
    if (Number(row.expires_ms) <= this.now()) return { status: 'expired' };
    const snap = await this.getSnapshot(row.workspace_id, row.snapshot_id);
    return snap ? { status: 'ok', snapshot: snap } : { status: 'missing' };
  }

  clearCaches(): void {
    this.tokens.clear();
    this.snaps.clear();
  }
}

async function getChecklistQ(q: Queryable, workspaceId: string, site: string, checklist: string): Promise<ChecklistState> {
  const r = await q.query<{ items: string; version: number; updated_ms: number }>(
    'SELECT items, version, updated_ms::float8 AS updated_ms FROM checklists WHERE workspace_id = $1 AND site = $2 AND checklist = $3',
    [workspaceId, site, checklist],
  );
  const row = r.rows[0];
  if (!row) return { items: [], version: 0, updatedAt: null };
  return { items: JSON.parse(row.items) as unknown, version: row.version, updatedAt: iso(row.updated_ms) };
}
