/**
 * Storage engines behind one small interface. The embedded engine is PGlite (PostgreSQL in
 * WebAssembly, persisted to a directory): the same SQL, schema and migrations as PostgreSQL.
 *
 * - PGlite is a single connection: PGlite itself queues queries (one at a time) and
 *   `transaction()` holds the connection exclusively, so concurrent requests are serialised.
 *   A lock file in DATA_DIR makes sure only one process opens the directory.
 * - PostgreSQL (`DATABASE_URL`) uses a `pg` pool; several instances may share the database.
 */
import { closeSync, cpSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { migrations as defaultMigrations, type Migration } from './migrations';

export interface QueryResult<T> {
  rows: T[];
  affected: number;
}

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
}

export interface Db extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  /** run `fn` in one transaction (BEGIN … COMMIT, ROLLBACK on throw) */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(`DATA_DIR ${dir} is in use by process ${pid}`);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Take DATA_DIR/companion.lock (pid inside); a lock left by a dead process (kill -9) is taken over. */
export function lockDataDir(dir: string): () => void {
  const file = join(dir, 'companion.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file, { force: true });
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let pid = NaN;
      try {
        pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
      } catch {
        /* removed meanwhile: retry */
      }
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) throw new DataDirLockedError(dir, pid);
      rmSync(file, { force: true });
    }
  }
  throw new Error(`cannot lock ${file}`);
}

/** Who holds DATA_DIR (a live pid), if anyone. */
export function dataDirHolder(dir: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(join(dir, 'companion.lock'), 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

export async function openPglite(dataDir: string, opts: { template?: boolean } = {}): Promise<Db> {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const unlock = lockDataDir(dir);
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    // Default start parameters minus `-F` (fsync off). Durability against a killed process comes
    // from PostgreSQL writing the WAL at COMMIT (synchronous_commit = on; relaxedDurability is off,
    // so every query's result is returned only after its writes reached the file system).
    const startParams = PGlite.defaultStartParams.filter((p) => p !== '-F');
    const pgDir = join(dir, 'pglite');
    const open = () => new PGlite({ dataDir: pgDir, relaxedDurability: false, startParams });
    // A new DATA_DIR starts as a copy of the build's migrated template (companion/template.ts):
    // copying its files costs a fraction of running initdb. Copied beside, then renamed: a copy
    // cut short never looks like a database.
    let copied = false;
    if (!existsSync(join(pgDir, 'PG_VERSION')) && opts.template !== false && process.env.RENKEI_PGLITE_TEMPLATE !== 'off') {
      const template = (await import('./template')).templateData();
      if (template) {
        const tmp = `${pgDir}.new-${process.pid}`;
        rmSync(tmp, { recursive: true, force: true });
        cpSync(template, tmp, { recursive: true });
        rmSync(pgDir, { recursive: true, force: true });
        renameSync(tmp, pgDir);
        copied = true;
      }
    }
    let pg = open();
    try {
      await pg.waitReady;
    } catch (e) {
      if (!copied) throw e;
      // an unusable template: initialise the directory as without one
      await pg.close().catch(() => undefined);
      rmSync(pgDir, { recursive: true, force: true });
      pg = open();
      await pg.waitReady;
    }
    const wrap = (q: { query: typeof pg.query }): Queryable => ({
      async query<T>(sql: string, params?: unknown[]) {
        const r = await q.query<T>(sql, params as unknown[]);
        return { rows: r.rows, affected: r.affectedRows ?? 0 };
      },
    });
    const base = wrap(pg);
    let closed = false;
    return {
      engine: 'pglite',
      query: base.query,
      tx: (fn) => pg.transaction((t) => fn(wrap(t))),
      async close() {
        if (closed) return;
        closed = true;
        try {
          await pg.close();
        } finally {
          unlock();
        }
      },
    };
  } catch (e) {
    unlock();
    throw e;
  }
}

export async function openPostgres(url: string, poolSize = 10): Promise<Db> {
  const { default: pgmod } = await import('pg');
  const pool = new pgmod.Pool({ connectionString: url, max: poolSize });
  // an idle client losing its connection must not crash the process
  pool.on('error', () => undefined);
  await pool.query('SELECT 1');
  // named prepared statements: each connection parses and plans a statement once
  const names = new Map<string, string>();
  const named = (sql: string) => {
    let n = names.get(sql);
    if (n === undefined) {
      n = `rk${names.size}`;
      names.set(sql, n);
    }
    return n;
  };
  const query = async <T>(sql: string, params?: unknown[]) => {
    const r = params && params.length > 0 ? await pool.query({ name: named(sql), text: sql, values: params }) : await pool.query(sql);
    return { rows: r.rows as T[], affected: r.rowCount ?? 0 };
  };
  let closed = false;
  return {
    engine: 'postgres',
    query,
    async tx(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const res = await fn({
          async query<T>(sql: string, params?: unknown[]) {
            // migrations run DDL: only parameterised statements are prepared
            const r = params && params.length > 0 ? await client.query({ name: named(sql), text: sql, values: params }) : await client.query(sql);
            return { rows: r.rows as T[], affected: r.rowCount ?? 0 };
          },
        });
        await client.query('COMMIT');
        return res;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/** Apply pending migrations, each in its own transaction; an advisory lock serialises instances. */
export async function migrate(db: Db, list: Migration[] = defaultMigrations): Promise<number[]> {
  await db.query(
    'CREATE TABLE IF NOT EXISTS schema_migrations (id integer PRIMARY KEY, name text NOT NULL, applied_ms bigint NOT NULL)',
  );
  const applied: number[] = [];
  for (const m of [...list].sort((a, b) => a.id - b.id)) {
    await db.tx(async (q) => {
      await q.query('SELECT pg_advisory_xact_lock(7303152)');
      const done = await q.query('SELECT 1 FROM schema_migrations WHERE id = $1', [m.id]);
      if (done.rows.length > 0) return;
      for (const stmt of splitSql(m.sql)) await q.query(stmt);
      await q.query('INSERT INTO schema_migrations (id, name, applied_ms) VALUES ($1, $2, $3)', [m.id, m.name, Date.now()]);
      applied.push(m.id);
    });
  }
  return applied;
}

/** Our migrations hold plain statements separated by `;` at line ends (no functions or quoted `;`). */
function splitSql(sql: string): string[] {
  return sql
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export interface DbConfig {
  dataDir: string;
  databaseUrl?: string;
  /** false: a new embedded DATA_DIR runs initdb instead of unpacking the template */
  template?: boolean;
}

export async function openDb(cfg: DbConfig): Promise<Db> {
  const db = cfg.databaseUrl ? await openPostgres(cfg.databaseUrl) : await openPglite(cfg.dataDir, { template: cfg.template });
  try {
    await migrate(db);
    if (!cfg.databaseUrl) await applyPendingTokens(db, cfg.dataDir);
  } catch (e) {
    await db.close();
    throw e;
  }
  return db;
}

/**
 * Tokens created while no process has DATA_DIR open (`renkei companion token create`): starting
 * the embedded database takes seconds, so the command only appends the token's hash to this file
 * (mode 0600, under the DATA_DIR lock) and the next process that opens the database stores it
 * before it serves anything. No process can check a token in between: nothing serves the data.
 */
export const PENDING_TOKENS_FILE = 'pending-tokens.jsonl';

interface PendingToken {
  workspace: string;
  workspaceId: string;
  hash: string;
  createdMs: number;
}

/** Queue a token for DATA_DIR (the caller holds the DATA_DIR lock); written through to the disk. */
export function queuePendingToken(dataDir: string, t: PendingToken): void {
  const fd = openSync(join(resolve(dataDir), PENDING_TOKENS_FILE), 'a', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(t)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Store the queued tokens (idempotent: a crash before the file is removed stores nothing twice). */
export async function applyPendingTokens(db: Db, dataDir: string): Promise<number> {
  const file = join(resolve(dataDir), PENDING_TOKENS_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return 0;
  }
  const pending: PendingToken[] = [];
  for (const line of text.split('\n')) {
    try {
      const t = JSON.parse(line) as PendingToken;
      if (typeof t.workspace === 'string' && typeof t.workspaceId === 'string' && /^[0-9a-f]{64}$/.test(t.hash) && Number.isFinite(t.createdMs)) pending.push(t);
    } catch {
      /* a line cut short by a crash while it was written: that command reported no token */
    }
  }
  await db.tx(async (q) => {
    for (const t of pending) {
      await q.query('INSERT INTO workspaces (id, name, created_ms) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING', [t.workspaceId, t.workspace, t.createdMs]);
      const ws = await q.query<{ id: string }>('SELECT id FROM workspaces WHERE name = $1', [t.workspace]);
      await q.query('INSERT INTO tokens (hash, workspace_id, created_ms) VALUES ($1, $2, $3) ON CONFLICT (hash) DO NOTHING', [t.hash, ws.rows[0].id, t.createdMs]);
    }
  });
  rmSync(file, { force: true });
  return pending.length;
}
