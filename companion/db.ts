/**
 * Storage engines behind one small interface. The embedded engine is PGlite (PostgreSQL in
 * WebAssembly, persisted to a directory): the same SQL, schema and migrations as PostgreSQL.
 *
 * - PGlite is a single connection: PGlite itself queues queries (one at a time) and
 *   `transaction()` holds the connection exclusively, so concurrent requests are serialised.
 *   A lock file in DATA_DIR makes sure only one process opens the directory.
 * - PostgreSQL (`DATABASE_URL`) uses a `pg` pool; several instances may share the database.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
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

export async function openPglite(dataDir: string): Promise<Db> {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const unlock = lockDataDir(dir);
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    // Default start parameters minus `-F` (fsync off). Durability against a killed process comes
    // from PostgreSQL writing the WAL at COMMIT (synchronous_commit = on; relaxedDurability is off,
    // so every query's result is returned only after its writes reached the file system).
    const startParams = PGlite.defaultStartParams.filter((p) => p !== '-F');
    const pg = new PGlite({ dataDir: join(dir, 'pglite'), relaxedDurability: false, startParams });
    await pg.waitReady;
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
}

export async function openDb(cfg: DbConfig): Promise<Db> {
  const db = cfg.databaseUrl ? await openPostgres(cfg.databaseUrl) : await openPglite(cfg.dataDir);
  try {
    await migrate(db);
  } catch (e) {
    await db.close();
    throw e;
  }
  return db;
}
