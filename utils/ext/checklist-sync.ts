/**
 * Checklist progress shared through the companion API (COMPANION-API.md):
 * `GET /v1/checklists/:site/:checklist` → `{items, version}`, `PUT` with `If-Match: version` →
 * 200 with the new version, or 409 with the current state when someone else saved first. On a
 * conflict the two states are merged per item (the later change wins, progress.ts `mergeRemote`),
 * the operator is told who changed what, and the merge is saved once more.
 *
 * Only states leave the browser (id, state, finding id, time, where it came from): no value from
 * a settings page, no secret. Bounded: a timeout per request and a bounded answer.
 */
import { z } from 'zod';
import { mergeRemote, toCompanionItems, type ChecklistProgress } from '../core/checklists/progress';

export interface CompanionConfig {
  url: string;
  token: string;
}

const RemoteItem = z.object({
  id: z.string().max(100),
  state: z.string().max(40),
  ruleId: z.string().max(100).optional(),
  updatedAt: z.string().max(40).optional(),
  by: z.string().max(100).optional(),
});
const RemoteState = z.object({ items: z.array(RemoteItem).max(500), version: z.number().int().min(0) });
type RemoteState = z.infer<typeof RemoteState>;
const Conflict = z.object({ current: RemoteState });

/** An item someone else changed (seen in a 409 or on the first read). */
export interface RemoteChange {
  itemId: string;
  state: string;
  by?: string;
  updatedAt?: string;
  /** the remote state was taken (it is newer than ours) */
  taken: boolean;
}

export type SyncResult =
  | { kind: 'local' }
  | { kind: 'synced'; progress: ChecklistProgress; changes: RemoteChange[] }
  | { kind: 'conflict'; progress: ChecklistProgress; changes: RemoteChange[] }
  | { kind: 'error'; progress: ChecklistProgress; status?: number; reason: 'network' | 'auth' | 'http' | 'bad-response' | 'conflict' };

export interface SyncDeps {
  fetch: typeof fetch;
  timeoutMs?: number;
}

const MAX_BODY = 1_000_000;

export function companionConfigured(cfg: CompanionConfig | undefined): cfg is CompanionConfig {
  return !!cfg && /^https?:\/\/[^\s]+$/iu.test(cfg.url.trim()) && cfg.token.trim().length > 0;
}

export function checklistUrl(cfg: CompanionConfig, site: string, checklistId: string): string {
  return `${cfg.url.trim().replace(/\/+$/u, '')}/v1/checklists/${encodeURIComponent(site)}/${encodeURIComponent(checklistId)}`;
}

/** What the remote state has that differs from ours. */
export function remoteChanges(local: ChecklistProgress, remote: RemoteState): RemoteChange[] {
  const out: RemoteChange[] = [];
  for (const r of remote.items) {
    const mine = local.items[r.id];
    if (mine && mine.state === r.state) continue;
    if (!mine && r.state === 'unknown') continue;
    const taken = !!r.updatedAt && (!mine || mine.updatedAt < r.updatedAt);
    out.push({ itemId: r.id, state: r.state, ...(r.by ? { by: r.by } : {}), ...(r.updatedAt ? { updatedAt: r.updatedAt } : {}), taken });
  }
  return out;
}

async function call(deps: SyncDeps, url: string, init: RequestInit): Promise<{ status: number; json: unknown } | { error: 'network' }> {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), deps.timeoutMs ?? 10_000);
  try {
    const res = await deps.fetch(url, { ...init, signal: ac.signal, credentials: 'omit', cache: 'no-store' });
    const text = (await res.text()).slice(0, MAX_BODY);
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, json };
  } catch {
    return { error: 'network' };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Bring local progress and the companion's together. Without a configured companion: `local`.
 * Never throws; on failure the local progress is returned unchanged.
 */
export async function syncProgress(progress: ChecklistProgress, cfg: CompanionConfig | undefined, deps: SyncDeps): Promise<SyncResult> {
  if (!companionConfigured(cfg)) return { kind: 'local' };
  const url = checklistUrl(cfg, progress.site, progress.checklistId);
  const auth = { authorization: `Bearer ${cfg.token.trim()}`, accept: 'application/json' };
  let p = progress;
  let changes: RemoteChange[] = [];
  if (p.remoteVersion === undefined) {
    const got = await call(deps, url, { method: 'GET', headers: auth });
    if ('error' in got) return { kind: 'error', progress, reason: 'network' };
    if (got.status === 401 || got.status === 403) return { kind: 'error', progress, status: got.status, reason: 'auth' };
    if (got.status !== 200) return { kind: 'error', progress, status: got.status, reason: 'http' };
    const remote = RemoteState.safeParse(got.json);
    if (!remote.success) return { kind: 'error', progress, status: got.status, reason: 'bad-response' };
    changes = remoteChanges(p, remote.data);
    p = mergeRemote(p, remote.data);
  }
  let conflicted = false;
  for (let attempt = 0; attempt < 2; attempt++) {
    const put = await call(deps, url, {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'application/json', 'if-match': `"${p.remoteVersion ?? 0}"` },
      body: JSON.stringify({ items: toCompanionItems(p) }),
    });
    if ('error' in put) return { kind: 'error', progress: p, reason: 'network' };
    if (put.status === 401 || put.status === 403) return { kind: 'error', progress: p, status: put.status, reason: 'auth' };
    if (put.status === 200) {
      const saved = RemoteState.safeParse(put.json);
      if (!saved.success) return { kind: 'error', progress: p, status: 200, reason: 'bad-response' };
      const next = { ...p, remoteVersion: saved.data.version };
      return conflicted ? { kind: 'conflict', progress: next, changes } : { kind: 'synced', progress: next, changes };
    }
    if (put.status === 409) {
      const c = Conflict.safeParse(put.json);
      if (!c.success) return { kind: 'error', progress: p, status: 409, reason: 'bad-response' };
      conflicted = true;
      changes = [...changes, ...remoteChanges(p, c.data.current)];
      p = mergeRemote(p, c.data.current);
      continue;
    }
    return { kind: 'error', progress: p, status: put.status, reason: 'http' };
  }
  return { kind: 'error', progress: p, status: 409, reason: 'conflict' };
}
