/**
 * Fast start paths of the embedded engine (issue 13): tokens queued by `token create` while no
 * process holds DATA_DIR are stored by the next open, once; a new DATA_DIR copied from a broken
 * template still starts (initdb instead).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCompanionCli } from './cli';
import { DataDirLockedError, lockDataDir, openDb, PENDING_TOKENS_FILE } from './db';
import { Store } from './store';
import { currentStamp, templateData } from './template';

const dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'rk-start-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function createToken(dataDir: string, workspace: string): Promise<{ code: number; token: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCompanionCli(['token', 'create', '--workspace', workspace], { out: (s) => out.push(s), err: (s) => err.push(s) }, { DATA_DIR: dataDir });
  return { code, token: out.at(-1) ?? '', err: err.join('\n') };
}

describe('token create without a running server', () => {
  it('queues only the hash (no database started); the next open stores it once and it authenticates', async () => {
    const dir = temp();
    const a = await createToken(dir, 'desk');
    const b = await createToken(dir, 'desk');
    expect(a.code).toBe(0);
    expect(a.token).toMatch(/^rk_[A-Za-z0-9_-]{43}$/);
    // no database was created, and the file holds hashes, never the token
    expect(existsSync(join(dir, 'pglite'))).toBe(false);
    const queued = readFileSync(join(dir, PENDING_TOKENS_FILE), 'utf8');
    expect(queued).not.toContain(a.token);
    expect(queued.trim().split('\n')).toHaveLength(2);
    // a line cut short by a crash is ignored
    writeFileSync(join(dir, PENDING_TOKENS_FILE), `${queued}{"workspace":"des`);

    const db = await openDb({ dataDir: dir });
    try {
      const store = new Store(db);
      const wa = await store.authenticate(a.token);
      expect(wa).toBeTruthy();
      expect(await store.authenticate(b.token)).toBe(wa);
      expect(existsSync(join(dir, PENDING_TOKENS_FILE))).toBe(false);
      expect(await store.revokeToken(a.token)).toBe(true);
      const rows = await db.query<{ n: string }>('SELECT count(*) AS n FROM tokens');
      expect(Number(rows.rows[0].n)).toBe(2);
    } finally {
      await db.close();
    }
    // reopening applies nothing again: the revoked token stays revoked
    const again = await openDb({ dataDir: dir });
    try {
      expect(await new Store(again).authenticate(a.token)).toBeNull();
    } finally {
      await again.close();
    }
  }, 180_000);

  it('refuses to queue while another process holds DATA_DIR and cannot be asked', async () => {
    const dir = temp();
    mkdirSync(dir, { recursive: true });
    // a live holder (this process) without an admin socket: the command fails with one line
    const unlock = lockDataDir(dir);
    try {
      const r = await createToken(dir, 'desk');
      expect(r.code).toBe(1);
      expect(r.err.split('\n')).toHaveLength(1);
      expect(existsSync(join(dir, PENDING_TOKENS_FILE))).toBe(false);
    } finally {
      unlock();
    }
    expect(() => lockDataDir(dir)()).not.toThrow(DataDirLockedError);
  });
});

describe('new DATA_DIR from the template', () => {
  it('starts with initdb when the template is not a usable database', async () => {
    const stamp = currentStamp();
    expect(stamp).toBeDefined();
    const tpl = temp();
    mkdirSync(join(tpl, 'pglite'));
    writeFileSync(join(tpl, 'pglite', 'PG_VERSION'), 'not a database\n');
    writeFileSync(join(tpl, 'meta.json'), JSON.stringify(stamp));
    expect(templateData(tpl)).toBe(join(tpl, 'pglite'));
    const dir = temp();
    process.env.RENKEI_PGLITE_TEMPLATE_DIR = tpl;
    try {
      const db = await openDb({ dataDir: dir });
      try {
        const r = await db.query<{ n: string }>('SELECT count(*) AS n FROM schema_migrations');
        expect(Number(r.rows[0].n)).toBeGreaterThan(0);
      } finally {
        await db.close();
      }
    } finally {
      delete process.env.RENKEI_PGLITE_TEMPLATE_DIR;
    }
    expect(readFileSync(join(dir, 'pglite', 'PG_VERSION'), 'utf8')).not.toContain('not a database');
  }, 180_000);
});
