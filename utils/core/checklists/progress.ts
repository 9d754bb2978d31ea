/**
 * Checklist progress per site and checklist: what the pages showed (pass/fail), what the operator
 * ticked (manual-done), and when. Versioned and serialisable: the extension keeps it locally and
 * syncs it with the companion API (`GET/PUT /v1/checklists/:site/:checklist`, whose items have the
 * same shape: id, state, ruleId, updatedAt, by).
 */
import { z } from 'zod';
import { getChecklist } from './index';
import { ItemState, type Checklist, type ItemResult } from './types';

export const PROGRESS_VERSION = 1;

export const ProgressItem = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/).max(100),
  state: ItemState,
  /** `checklist-id/item-id` when failing */
  ruleId: z.string().max(100).optional(),
  /** ISO time of the last change */
  updatedAt: z.string().max(40),
  /** where the state came from */
  by: z.enum(['page', 'cross-page', 'live', 'manual', 'none', 'remote']),
});
export type ProgressItem = z.infer<typeof ProgressItem>;

export const ChecklistProgress = z.object({
  schema: z.literal(PROGRESS_VERSION),
  site: z.string().max(300),
  checklistId: z.string().max(100),
  items: z.record(z.string(), ProgressItem),
  updatedAt: z.string().nullable(),
  /** the companion API's version of this progress (If-Match), when synced */
  remoteVersion: z.number().int().min(0).optional(),
});
export type ChecklistProgress = z.infer<typeof ChecklistProgress>;

export function emptyProgress(site: string, checklistId: string): ChecklistProgress {
  return { schema: PROGRESS_VERSION, site, checklistId, items: {}, updatedAt: null };
}

/** Read stored progress (untrusted): unknown versions or shapes start empty; unknown item ids are dropped. */
export function parseProgress(json: unknown, site: string, checklistId: string): ChecklistProgress {
  const parsed = ChecklistProgress.safeParse(json);
  if (!parsed.success || parsed.data.site !== site || parsed.data.checklistId !== checklistId) return emptyProgress(site, checklistId);
  const c = getChecklist(checklistId);
  if (!c) return parsed.data;
  const ids = new Set(c.items.map((i) => i.id));
  const items = Object.fromEntries(Object.entries(parsed.data.items).filter(([id]) => ids.has(id)));
  return { ...parsed.data, items };
}

/**
 * Record what a page (or a live check) showed. Evidence wins: a pass or fail replaces the stored
 * state, even a manual tick (the page says it is wrong now); `unknown` never erases what another
 * page showed.
 */
export function applyResults(progress: ChecklistProgress, results: ItemResult[], now: Date = new Date()): ChecklistProgress {
  const at = now.toISOString();
  const items = { ...progress.items };
  let changed = false;
  for (const r of results) {
    if (r.checklistId !== progress.checklistId) continue;
    if (r.state !== 'pass' && r.state !== 'fail') continue;
    const prev = items[r.itemId];
    if (prev && prev.state === r.state && prev.by === r.by) continue;
    items[r.itemId] = { id: r.itemId, state: r.state, ...(r.state === 'fail' ? { ruleId: r.id } : {}), updatedAt: at, by: r.by === 'none' ? 'page' : r.by };
    changed = true;
  }
  return changed ? { ...progress, items, updatedAt: at } : progress;
}

/** The operator ticks (or unticks) an item. */
export function setManual(progress: ChecklistProgress, itemId: string, done: boolean, now: Date = new Date()): ChecklistProgress {
  const at = now.toISOString();
  const items = { ...progress.items };
  if (done) items[itemId] = { id: itemId, state: 'manual-done', updatedAt: at, by: 'manual' };
  else delete items[itemId];
  return { ...progress, items, updatedAt: at };
}

export interface ItemView {
  itemId: string;
  state: 'pass' | 'fail' | 'unknown' | 'manual-done';
  by: ProgressItem['by'];
  updatedAt?: string;
}

export function itemStates(checklist: Checklist, progress: ChecklistProgress): ItemView[] {
  return checklist.items.map((i) => {
    const p = progress.items[i.id];
    return p ? { itemId: i.id, state: p.state, by: p.by, updatedAt: p.updatedAt } : { itemId: i.id, state: 'unknown', by: 'none' };
  });
}

export interface ProgressSummary {
  total: number;
  done: number;
  failing: number;
  /** the next item to work on: the first failing one, else the first not done, in the documented order */
  next?: string;
}

export function summarise(checklist: Checklist, progress: ChecklistProgress): ProgressSummary {
  return summariseStates(itemStates(checklist, progress));
}

/** The same summary over any item states in the documented order (the popup merges the open page's results in). */
export function summariseStates(states: { itemId: string; state: ItemView['state'] }[]): ProgressSummary {
  const done = states.filter((s) => s.state === 'pass' || s.state === 'manual-done').length;
  const failing = states.filter((s) => s.state === 'fail');
  const next = failing[0]?.itemId ?? states.find((s) => s.state === 'unknown')?.itemId;
  return { total: states.length, done, failing: failing.length, ...(next ? { next } : {}) };
}

/** Items for `PUT /v1/checklists/:site/:checklist` (no values, only states). */
export function toCompanionItems(progress: ChecklistProgress): { id: string; state: ProgressItem['state']; ruleId?: string; updatedAt: string; by: string }[] {
  return Object.values(progress.items).map((i) => ({ id: i.id, state: i.state, ...(i.ruleId ? { ruleId: i.ruleId } : {}), updatedAt: i.updatedAt, by: i.by }));
}

/**
 * Merge the companion's state (`{items, version}`): per item the later `updatedAt` wins, so two
 * operators' ticks both survive; the remote version is kept for the next `If-Match`.
 */
export function mergeRemote(progress: ChecklistProgress, remote: { items: { id: string; state: string; ruleId?: string; updatedAt?: string }[]; version: number }): ChecklistProgress {
  const items = { ...progress.items };
  for (const r of remote.items) {
    const state = ItemState.safeParse(r.state);
    if (!state.success || !r.updatedAt) continue;
    const local = items[r.id];
    if (!local || local.updatedAt < r.updatedAt) {
      items[r.id] = { id: r.id, state: state.data, ...(r.ruleId ? { ruleId: r.ruleId } : {}), updatedAt: r.updatedAt, by: 'remote' };
    }
  }
  return parseProgress({ ...progress, items, remoteVersion: remote.version }, progress.site, progress.checklistId);
}
