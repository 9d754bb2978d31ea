/**
 * Token administration without the HTTP server: `renkei companion token …` loads only this, the
 * database and the store (companion/cli.ts), not Hono and the API (server.ts uses it too).
 */
import { join, resolve } from 'node:path';
import type { Store } from './store';
import { TOKEN_RE } from './tokens';

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
