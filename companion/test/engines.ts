/**
 * Test engines: every companion test runs against BOTH storage engines.
 * - `pglite`: the embedded database in a fresh temp dir (copied from a migrated template made once per worker);
 * - `postgres`: a throwaway PostgreSQL cluster from Debian's server binaries, on loopback and a random
 *   port, in a temp dir (run as the `postgres` user when the tests run as root).
 * If PostgreSQL cannot be started the tests FAIL with the reason: they are never skipped.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from '../db';

export const ENGINES = ['pglite', 'postgres'] as const;
export type Engine = (typeof ENGINES)[number];

export interface EngineHandle {
  engine: Engine;
  /** DATA_DIR (pglite) */
  dataDir?: string;
  /** DATABASE_URL (postgres) */
  databaseUrl?: string;
  /** environment for a server process or the CLI on this engine */
  env: Record<string, string>;
  open(): Promise<Db>;
  dispose(): Promise<void>;
}

const tempDirs: string[] = [];
function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(d);
  return d;
}
process.on('exit', () => {
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
});

let template: Promise<string> | undefined;
/** A migrated PGlite directory (initdb takes seconds; copies take milliseconds). */
function pgliteTemplate(): Promise<string> {
  template ??= (async () => {
    const dir = tempDir('rk-pgl-tpl-');
    const db = await openDb({ dataDir: dir });
    await db.close();
    return dir;
  })();
  return template;
}

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => res(port));
    });
  });
}

function pgBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) {
    throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin (install Debian package `postgresql`)');
  }
  return join(root, versions[0], 'bin');
}

interface Cluster {
  port: number;
  proc: ChildProcess;
  dir: string;
}
let cluster: Promise<Cluster> | undefined;

function asPostgresUser(cmd: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
}

/** One throwaway cluster per test file (worker); each handle gets its own database. */
function startCluster(): Promise<Cluster> {
  cluster ??= (async () => {
    const bin = pgBinDir();
    const dir = tempDir('rk-pg-');
    const data = join(dir, 'data');
    if (process.getuid?.() === 0) {
      const pw = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
      const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
      if (pw.status !== 0) throw new Error('running as root but there is no `postgres` user to run PostgreSQL as');
      chownSync(dir, Number(pw.stdout.trim()), Number(gid.stdout.trim()));
    }
    const [initCmd, initArgs] = asPostgresUser(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
    const init = spawnSync(initCmd, initArgs, { encoding: 'utf8' });
    if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout || init.error?.message}`);
    const port = await freePort();
    const [pgCmd, pgArgs] = asPostgresUser(join(bin, 'postgres'), [
      '-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'shared_buffers=16MB',
    ]);
    const proc = spawn(pgCmd, pgArgs, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const deadline = Date.now() + 30_000;
    const { default: pg } = await import('pg');
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`postgres exited: ${stderr}`);
      try {
        const c = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
        await c.connect();
        await c.end();
        break;
      } catch (e) {
        if (Date.now() > deadline) throw new Error(`postgres did not start: ${(e as Error).message}\n${stderr}`, { cause: e });
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const stop = () => stopPostmaster(data, proc);
    process.on('exit', stop);
    return { port, proc, dir: data };
  })();
  return cluster;
}

let dbCounter = 0;

export async function createEngine(engine: Engine): Promise<EngineHandle> {
  if (engine === 'pglite') {
    const dataDir = tempDir('rk-pgl-');
    cpSync(await pgliteTemplate(), dataDir, { recursive: true });
    return {
      engine,
      dataDir,
      env: { DATA_DIR: dataDir },
      open: () => openDb({ dataDir }),
      dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const c = await startCluster();
  const { default: pg } = await import('pg');
  const name = `t_${process.pid}_${++dbCounter}`;
  const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${c.port}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const databaseUrl = `postgres://postgres@127.0.0.1:${c.port}/${name}`;
  return {
    engine,
    databaseUrl,
    env: { DATABASE_URL: databaseUrl },
    open: () => openDb({ dataDir: '.', databaseUrl }),
    dispose: async () => undefined, // the cluster and its temp dir go when the worker exits
  };
}

/** SIGINT to the postmaster itself (runuser does not forward it): fast shutdown. */
function stopPostmaster(data: string, proc: ChildProcess): void {
  if (proc.exitCode !== null) return;
  try {
    const pid = Number.parseInt(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0], 10);
    if (pid > 0) process.kill(pid, 'SIGINT');
  } catch {
    proc.kill('SIGINT');
  }
}

/**
 * afterAll of every engine's describe: stop the PostgreSQL cluster (if any) and remove every temp
 * dir made so far (vitest may end a worker without running exit handlers).
 */
export async function stopCluster(): Promise<void> {
  const c = cluster ? await cluster.catch(() => undefined) : undefined;
  cluster = undefined;
  if (c && c.proc.exitCode === null) {
    await new Promise<void>((res) => {
      c.proc.once('exit', () => res());
      stopPostmaster(c.dir, c.proc);
      setTimeout(() => {
        c.proc.kill('SIGKILL');
      }, 10_000).unref();
    });
  }
  template = undefined;
  for (const d of tempDirs.splice(0)) rmSync(d, { recursive: true, force: true });
}
