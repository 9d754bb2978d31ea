/**
 * The token and snapshot caches, as the README states them: on the embedded engine they are exact
 * (no TTL by default; a revoke or delete is seen by the next request, also when a read raced with
 * it); on PostgreSQL an entry lives at most CACHE_TTL_MS (default 1000 ms). A scripted fake
 * database counts the queries and lets a test hold a SELECT while a revoke runs.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from './config';
import type { Db, QueryResult } from './db';
import { Store } from './store';
import { hashToken } from './tokens';

const TOKEN = `rk_${'A'.repeat(43)}`;

/** A token table of one row, and a snapshot table, answering the Store's queries. */
function fakeDb(engine: Db['engine']) {
  const state = { revoked: false, snapshotExists: true, selects: 0, snapshotSelects: 0 };
  let hold: Promise<void> | undefined;
  const db: Db = {
    engine,
    async query<T>(sql: string, params: unknown[] = []): Promise<QueryResult<T>> {
      if (sql.startsWith('SELECT workspace_id FROM tokens')) {
        state.selects++;
        // the row as it is when the SELECT runs, delivered once the test lets go
        const rows = !state.revoked && params[0] === hashToken(TOKEN) ? [{ workspace_id: 'ws_1' }] : [];
        if (hold) await hold;
        return { rows: rows as T[], affected: 0 };
      }
      if (sql.startsWith('UPDATE tokens SET revoked_ms')) {
        const affected = state.revoked ? 0 : 1;
        state.revoked = true;
        return { rows: [], affected };
      }
      if (sql.startsWith('SELECT workspace_id, site, env')) {
        state.snapshotSelects++;
        const rows = state.snapshotExists ? [{ workspace_id: 'ws_1', site: 'shop.example.jp', env: 'production', created_ms: 0, body: '{}' }] : [];
        if (hold) await hold;
        return { rows: rows as T[], affected: 0 };
      }
      if (sql.startsWith('DELETE FROM snapshots')) {
        const affected = state.snapshotExists ? 1 : 0;
        state.snapshotExists = false;
        return { rows: [], affected };
      }
      throw new Error(`unexpected query: ${sql}`);
    },
    tx: (fn) => fn(db),
    close: async () => undefined,
  };
  return {
    db,
    state,
    /** hold every SELECT until the returned function is called */
    holdSelects(): () => void {
      let release!: () => void;
      hold = new Promise<void>((r) => (release = r));
      return () => {
        hold = undefined;
        release();
      };
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('CACHE_TTL_MS', () => {
  it('has no default in the configuration: the engine decides', () => {
    expect(loadConfig({}).cacheTtlMs).toBeUndefined();
    expect(loadConfig({ CACHE_TTL_MS: '250' }).cacheTtlMs).toBe(250);
    expect(loadConfig({ CACHE_TTL_MS: '0' }).cacheTtlMs).toBe(0);
    expect(() => loadConfig({ CACHE_TTL_MS: '-1' })).toThrow(/CACHE_TTL_MS/);
  });
});

describe('token cache', () => {
  it('embedded engine, default configuration: entries do not expire (an hour later, still no query)', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const f = fakeDb('pglite');
    const store = new Store(f.db, { cacheTtlMs: loadConfig({}).cacheTtlMs });
    expect(await store.authenticate(TOKEN)).toBe('ws_1');
    vi.advanceTimersByTime(3_600_000);
    expect(await store.authenticate(TOKEN)).toBe('ws_1');
    expect(f.state.selects).toBe(1);
  });

  it('PostgreSQL, default configuration: an entry lives 1000 ms', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const f = fakeDb('postgres');
    const store = new Store(f.db, { cacheTtlMs: loadConfig({}).cacheTtlMs });
    await store.authenticate(TOKEN);
    vi.advanceTimersByTime(900);
    await store.authenticate(TOKEN);
    expect(f.state.selects).toBe(1);
    vi.advanceTimersByTime(200);
    await store.authenticate(TOKEN);
    expect(f.state.selects).toBe(2);
  });

  it('embedded engine: a revoke is seen by the next request', async () => {
    const f = fakeDb('pglite');
    const store = new Store(f.db);
    expect(await store.authenticate(TOKEN)).toBe('ws_1');
    expect(await store.revokeToken(TOKEN)).toBe(true);
    expect(await store.authenticate(TOKEN)).toBeNull();
  });

  it('a read that raced with a revoke is not cached (else, with no TTL, the revoked token would work for ever)', async () => {
    const f = fakeDb('pglite');
    const store = new Store(f.db);
    const release = f.holdSelects();
    const inFlight = store.authenticate(TOKEN); // its SELECT saw the token valid
    await Promise.resolve();
    expect(await store.revokeToken(TOKEN)).toBe(true);
    release();
    expect(await inFlight).toBe('ws_1'); // answered from before the revoke
    expect(await store.authenticate(TOKEN)).toBeNull();
    expect(f.state.selects).toBe(2);
  });
});

describe('snapshot cache', () => {
  it('a delete is seen at once, also by a read that raced with it', async () => {
    const f = fakeDb('pglite');
    const store = new Store(f.db);
    const release = f.holdSelects();
    const inFlight = store.getSnapshot('ws_1', 'sn_1');
    await Promise.resolve();
    expect(await store.deleteSnapshot('ws_1', 'sn_1')).toBe(true);
    release();
    expect(await inFlight).not.toBeNull();
    expect(await store.getSnapshot('ws_1', 'sn_1')).toBeNull();
  });
});
