/**
 * `renkei companion …`: serve, and token administration.
 *
 *   renkei companion serve
 *   renkei companion token create --workspace NAME   (the token is the LAST line of stdout)
 *   renkei companion token revoke TOKEN
 *
 * Configuration from the environment, the same as the server (HOST, PORT, DATA_DIR, DATABASE_URL, …).
 */
import { connect } from 'node:net';
import { loadConfig, type CompanionConfig } from './config';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataDirLockedError, dataDirHolder, lockDataDir, openDb, queuePendingToken } from './db';
// the HTTP server (Hono, the API) is loaded for `serve` only: token commands start none of it
import { adminSocketPath, handleAdminCommand, isWorkspaceName } from './admin';
import { Store } from './store';
import { hashToken, newId, newToken, TOKEN_RE, WORKSPACE_TOKEN_PREFIX } from './tokens';

const USAGE = `使い方 / usage:
  renkei companion serve
      コンパニオン API を起動します / start the companion API (HOST, PORT, DATA_DIR, DATABASE_URL)
  renkei companion token create --workspace NAME
      ワークスペースのトークンを発行します（最終行がトークン）/ create a token (printed as the last line)
  renkei companion token revoke TOKEN
      トークンを失効させます / revoke a token
`;

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}
const stdio: Io = { out: (s) => process.stdout.write(`${s}\n`), err: (s) => process.stderr.write(`${s}\n`) };

function adminRequest(path: string, cmd: object): Promise<Record<string, unknown>> {
  return new Promise((res, rej) => {
    const sock = connect(path);
    let buf = '';
    sock.setEncoding('utf8');
    sock.setTimeout(15_000, () => sock.destroy(new Error('timeout')));
    sock.on('connect', () => sock.write(`${JSON.stringify(cmd)}\n`));
    sock.on('data', (d: string) => (buf += d));
    sock.on('error', rej);
    sock.on('end', () => {
      try {
        res(JSON.parse(buf) as Record<string, unknown>);
      } catch (e) {
        rej(e as Error);
      }
    });
  });
}

/** Run a token command on the database, or through the running server that owns DATA_DIR. */
async function tokenCommand(cfg: CompanionConfig, cmd: { op: 'create'; workspace: string } | { op: 'revoke'; token: string }) {
  if (!cfg.databaseUrl && dataDirHolder(cfg.dataDir) !== undefined) {
    return adminRequest(adminSocketPath(cfg.dataDir), cmd);
  }
  if (!cfg.databaseUrl && cmd.op === 'create') {
    // no server holds DATA_DIR: queue the token's hash for the next start instead of starting
    // the embedded database (db.ts, PENDING_TOKENS_FILE)
    const dir = resolve(cfg.dataDir);
    mkdirSync(dir, { recursive: true });
    let unlock: () => void;
    try {
      unlock = lockDataDir(dir);
    } catch (e) {
      // a server took DATA_DIR meanwhile: ask it
      if (e instanceof DataDirLockedError) return adminRequest(adminSocketPath(cfg.dataDir), cmd);
      throw e;
    }
    try {
      const token = newToken(WORKSPACE_TOKEN_PREFIX);
      queuePendingToken(dir, { workspace: cmd.workspace, workspaceId: newId('ws_'), hash: hashToken(token), createdMs: Date.now() });
      return { ok: true, token };
    } finally {
      unlock();
    }
  }
  const db = await openDb({ dataDir: cfg.dataDir, databaseUrl: cfg.databaseUrl });
  try {
    return await handleAdminCommand(new Store(db), JSON.stringify(cmd));
  } finally {
    await db.close();
  }
}

export async function runCompanionCli(argv: string[], io: Io = stdio, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [cmd, sub, ...rest] = argv;
  if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    io.out(USAGE);
    return cmd === undefined ? 2 : 0;
  }
  let cfg: CompanionConfig;
  try {
    cfg = loadConfig(env);
  } catch (e) {
    io.err(`環境変数が正しくありません / ${(e as Error).message}`);
    return 2;
  }
  try {
    if (cmd === 'serve') {
      const { startServer } = await import('./server');
      const srv = await startServer(cfg, io.out);
      io.out(`renkei companion: ${srv.url} (${srv.db.engine === 'pglite' ? `embedded database in ${cfg.dataDir}` : 'PostgreSQL'})`);
      return await new Promise<number>((res) => {
        const stop = (sig: string) => {
          io.out(`renkei companion: ${sig} — finishing in-flight requests / 処理中のリクエストを完了して停止します`);
          process.off('SIGTERM', onTerm);
          process.off('SIGINT', onInt);
          srv.close().then(
            () => res(0),
            (e: Error) => {
              io.err(`shutdown failed: ${e.message}`);
              res(1);
            },
          );
        };
        const onTerm = () => stop('SIGTERM');
        const onInt = () => stop('SIGINT');
        process.on('SIGTERM', onTerm);
        process.on('SIGINT', onInt);
      });
    }
    if (cmd === 'token' && sub === 'create') {
      const i = rest.indexOf('--workspace');
      const eq = rest.find((a) => a.startsWith('--workspace='));
      const name = eq ? eq.slice('--workspace='.length) : i >= 0 ? rest[i + 1] : undefined;
      if (!name || !isWorkspaceName(name)) {
        io.err('--workspace NAME が必要です（英数字と . _ -、100 文字まで）/ --workspace NAME is required (letters, digits, . _ -; up to 100)');
        return 2;
      }
      const r = await tokenCommand(cfg, { op: 'create', workspace: name });
      if (r.ok !== true || typeof r.token !== 'string') throw new Error(String(r.error ?? 'token creation failed'));
      io.out(`ワークスペース「${name}」のトークンを発行しました。この一度しか表示されません / token for workspace "${name}" (shown only once):`);
      io.out(r.token);
      return 0;
    }
    if (cmd === 'token' && sub === 'revoke') {
      const token = rest[0];
      if (!token || !TOKEN_RE.test(token)) {
        io.err('失効させるトークン（rk_…）を指定してください / give the token to revoke (rk_…)');
        return 2;
      }
      const r = await tokenCommand(cfg, { op: 'revoke', token });
      if (r.ok !== true) throw new Error(String(r.error ?? 'revoke failed'));
      if (r.revoked !== true) {
        io.err('そのトークンは見つからないか、すでに失効しています / unknown or already revoked token');
        return 1;
      }
      io.out('トークンを失効させました / token revoked');
      return 0;
    }
    io.err(USAGE);
    return 2;
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      io.err(`renkei companion: DATA_DIR（${e.dir}）は別のプロセス（pid ${e.pid}）が使用中です / ${e.message}`);
    } else {
      io.err(`renkei companion: ${(e as Error).message}`);
    }
    return 1;
  }
}
