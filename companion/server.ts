/**
 * The HTTP server: Hono on @hono/node-server. Opens (and migrates) the database, serves, and
 * shuts down gracefully on SIGTERM/SIGINT: stop accepting, finish in-flight requests, close the DB.
 *
 * On the embedded engine the DATA_DIR belongs to this process (lock file), so token commands run
 * while the server is up are passed to it over a Unix socket in DATA_DIR (admin.sock, mode 0600).
 */
import { chmodSync, rmSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createNetServer, type Server as NetServer } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import type { CompanionConfig } from './config';
import { openDb, type Db } from './db';
import { Store } from './store';
import { adminSocketPath, handleAdminCommand, isWorkspaceName } from './admin';

export interface RunningServer {
  url: string;
  port: number;
  db: Db;
  store: Store;
  /** finish in-flight requests, close the database; resolves when done */
  close(): Promise<void>;
}

const VACUUM_INTERVAL_MS = 15 * 60 * 1000;

/**
 * An early answer (413 on a too-large declared body, 401, 400) is sent before the client has
 * finished uploading. Closing the connection then would reset it while the client is still
 * writing, and most clients report the reset (EPIPE/ECONNRESET) instead of the answer. So the
 * rest of the body is read and discarded after the answer, up to these bounds; only a client
 * that sends more, or takes longer, has its connection closed.
 */
export const DRAIN_MAX_BYTES = 16 * 1024 * 1024;
export const DRAIN_MAX_MS = 10_000;

/** After the response: read and discard what is left of the request body (bounded), keeping the connection usable. */
export function drainAfterAnswer(req: IncomingMessage, limits = { bytes: DRAIN_MAX_BYTES, ms: DRAIN_MAX_MS }): void {
  if (req.readableEnded || req.destroyed) return;
  const declared = Number(req.headers['content-length']);
  const close = () => {
    cleanup();
    req.socket.destroy();
  };
  const onData = (chunk: Buffer) => {
    read += chunk.length;
    if (read > limits.bytes) close();
  };
  const cleanup = () => {
    clearTimeout(timer);
    req.off('data', onData);
    req.off('end', cleanup);
    req.off('error', cleanup);
  };
  let read = 0;
  // more announced than the bound: reading it would only delay the same close
  if (Number.isFinite(declared) && declared - req.socket.bytesRead > limits.bytes) {
    req.socket.destroy();
    return;
  }
  const timer = setTimeout(close, limits.ms);
  timer.unref();
  // whoever was reading the body (a web stream that stopped half-way) pauses the request when its
  // queue is full: take the data over, as Node does when it dumps an unread body
  req.removeAllListeners('data');
  req.on('data', onData);
  req.once('end', cleanup);
  req.once('error', cleanup);
  req.resume();
}

export { adminSocketPath, handleAdminCommand, isWorkspaceName };

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
      // autoCleanupIncoming off: its drain gives up after 500 ms and resets the connection (and
      // stalls behind the paused body stream); drainAfterAnswer replaces it
      const s = serve({ fetch: app.fetch, hostname: cfg.host, port: cfg.port, autoCleanupIncoming: false }, () => res(s as Server)) as Server;
      s.on('request', (req: IncomingMessage, out: ServerResponse) => {
        // GET/HEAD carry no body: keep their path untouched
        if (req.method !== 'GET' && req.method !== 'HEAD') out.once('finish', () => drainAfterAnswer(req));
      });
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
