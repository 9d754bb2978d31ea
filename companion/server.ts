/**
 * The HTTP server: Hono on @hono/node-server. Opens (and migrates) the database, serves, and
 * shuts down gracefully on SIGTERM/SIGINT: stop accepting, finish in-flight requests, close the DB.
 *
 * On the embedded engine the DATA_DIR belongs to this process (lock file), so token commands run
 * while the server is up are passed to it over a Unix socket in DATA_DIR (admin.sock, mode 0600).
 */
import { chmodSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer as createNetServer, type Server as NetServer } from 'node:net';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import type { CompanionConfig } from './config';
import { openDb, type Db } from './db';
import { Store } from './store';
import { TOKEN_RE } from './tokens';

export interface RunningServer {
  url: string;
  port: number;
  db: Db;
  store: Store;
  /** finish in-flight requests, close the database; resolves when done */
  close(): Promise<void>;
}

const VACUUM_INTERVAL_MS = 15 * 60 * 1000;

export function adminSocketPath(dataDir: string): string {
  return join(resolve(dataDir), 'admin.sock');
}

/** One JSON line in, one JSON line out: {op:'create', workspace} | {op:'revoke', token}. */
export async function handleAdminCommand(store: Store, line: string): Promise<Record<string, unknown>> {
  let cmd: unknown;
  try {
    cmd = JSON.parse(line);
  } catch {
    return { ok: false, error: 'bad command' };
  }
  const c = cmd as { op?: unknown; workspace?: unknown; token?: unknown };
  if (c.op === 'create' && typeof c.workspace === 'string' && isWorkspaceName(c.workspace)) {
    const r = await store.createToken(c.workspace);
    return { ok: true, token: r.token };
  }
  if (c.op === 'revoke' && typeof c.token === 'string' && TOKEN_RE.test(c.token)) {
    return { ok: true, revoked: await store.revokeToken(c.token) };
  }
  return { ok: false, error: 'bad command' };
}

export function isWorkspaceName(s: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(s);
}

function startAdminSocket(store: Store, dataDir: string): Promise<NetServer> {
  const path = adminSocketPath(dataDir);
  rmSync(path, { force: true }); // left by a killed process (we hold the DATA_DIR lock)
  const srv = createNetServer((sock) => {
    let buf = '';
    sock.setEncoding('utf8');
    sock.on('error', () => undefined);
    sock.on('data', (d: string) => {
      buf += d;
      if (buf.length > 10_000) return sock.destroy();
      const nl = buf.indexOf('\n');
      if (nl < 0) return;
      const line = buf.slice(0, nl);
      buf = '';
      handleAdminCommand(store, line)
        .catch(() => ({ ok: false, error: 'failed' }))
        .then((r) => sock.end(`${JSON.stringify(r)}\n`));
    });
  });
  return new Promise((res, rej) => {
    srv.once('error', rej);
    srv.listen(path, () => {
      chmodSync(path, 0o600);
      res(srv);
    });
  });
}

export async function startServer(cfg: CompanionConfig, log: (s: string) => void = (s) => console.log(s)): Promise<RunningServer> {
  const db = await openDb({ dataDir: cfg.dataDir, databaseUrl: cfg.databaseUrl });
  const store = new Store(db, { cacheTtlMs: cfg.cacheTtlMs });
  const app = createApp({
    store,
    corsOrigins: cfg.corsOrigins,
    rateLimit: cfg.rateLimit,
    publicUrl: cfg.publicUrl,
    shareTtlSeconds: cfg.shareTtlSeconds,
  });
  let admin: NetServer | undefined;
  let server: Server;
  try {
    if (db.engine === 'pglite') admin = await startAdminSocket(store, cfg.dataDir);
    server = await new Promise<Server>((res, rej) => {
      const s = serve({ fetch: app.fetch, hostname: cfg.host, port: cfg.port }, () => res(s as Server)) as Server;
      s.once('error', rej);
    });
  } catch (e) {
    admin?.close();
    await db.close();
    throw e;
  }
  server.on('error', (e) => log(`[companion] server error: ${e.message}`));
  // PGlite runs no autovacuum (single process, no background workers): vacuum now and then so
  // updated checklists and deleted snapshots do not bloat the files
  const vacuum =
    db.engine === 'pglite'
      ? setInterval(() => {
          db.query('VACUUM (ANALYZE)').catch((e: Error) => log(`[companion] vacuum failed: ${e.message}`));
        }, VACUUM_INTERVAL_MS)
      : undefined;
  vacuum?.unref();
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : cfg.port;
  const host = cfg.host.includes(':') ? `[${cfg.host}]` : cfg.host;
  const url = `http://${host}:${port}`;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      clearInterval(vacuum);
      admin?.close();
      await new Promise<void>((res) => {
        const force = setTimeout(() => server.closeAllConnections(), cfg.shutdownTimeoutMs);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          res();
        });
        // keep-alive connections with no request in flight are closed now; busy ones after their response
        server.closeIdleConnections();
      });
      await db.close();
      if (admin) rmSync(adminSocketPath(cfg.dataDir), { force: true });
    })());
  return { url, port, db, store, close };
}
