/**
 * Guided recording for vendors: four slots (staging / production × logged in / logged out), each
 * holding the redacted snapshot of one page, persisted in extension storage (versioned) so the
 * person can log in and out, switch sites and come back. The four records are compared in one
 * view: staging vs production for each state, and each environment's logged-in vs logged-out.
 *
 * Pure: the storage is an adapter (WXT storage item in the extension, memory in tests), and the
 * analysis that turns a capture into a snapshot is passed in (it lives in the lazy core chunk).
 */
import { z } from 'zod';
import type { LoginState, Session } from '../core/model';
import { Snapshot } from '../core/snapshot';
import type { TabCapture } from './source';

export const RECORDING_SLOTS = ['staging-in', 'staging-out', 'production-in', 'production-out'] as const;
export type RecordingSlot = (typeof RECORDING_SLOTS)[number];
export type RecordingEnv = 'staging' | 'production';

export function slotEnv(slot: RecordingSlot): RecordingEnv {
  return slot.startsWith('staging') ? 'staging' : 'production';
}

export function slotState(slot: RecordingSlot): Extract<LoginState, 'logged-in' | 'logged-out'> {
  return slot.endsWith('-in') ? 'logged-in' : 'logged-out';
}

export const RecordEntry = z.object({
  snapshot: Snapshot,
  recordedAt: z.string().max(40),
  /** the recorded page (query values removed) */
  url: z.string().max(4096),
  /** set once uploaded to the companion */
  companionId: z.string().max(100).optional(),
});
export type RecordEntry = z.infer<typeof RecordEntry>;

export const RECORDINGS_VERSION = 1;

export const Recordings = z.object({
  version: z.literal(RECORDINGS_VERSION),
  /**
   * the fingerprint salt of these records (never uploaded: snapshots carry only its public id), so
   * the four records' fingerprints can be compared with each other
   */
  salt: z.string().min(8).max(200),
  slots: z.object({
    'staging-in': RecordEntry.optional(),
    'staging-out': RecordEntry.optional(),
    'production-in': RecordEntry.optional(),
    'production-out': RecordEntry.optional(),
  }),
});
export type Recordings = z.infer<typeof Recordings>;

export interface RecordingStorage {
  load(): Promise<unknown>;
  save(value: Recordings): Promise<void>;
}

export function newSalt(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function emptyRecordings(salt = newSalt()): Recordings {
  return { version: RECORDINGS_VERSION, salt, slots: {} };
}

/** Stored records, or a fresh set when nothing (or something unreadable from another version) is stored. */
export async function loadRecordings(storage: RecordingStorage): Promise<Recordings> {
  let raw: unknown;
  try {
    raw = await storage.load();
  } catch {
    raw = undefined;
  }
  const parsed = Recordings.safeParse(raw);
  if (parsed.success) return parsed.data;
  // keep what can be kept: a valid salt and the slots that still parse
  const r = emptyRecordings();
  if (raw && typeof raw === 'object') {
    const o = raw as { salt?: unknown; slots?: Record<string, unknown> };
    if (typeof o.salt === 'string' && o.salt.length >= 8 && o.salt.length <= 200) r.salt = o.salt;
    for (const slot of RECORDING_SLOTS) {
      const e = RecordEntry.safeParse(o.slots?.[slot]);
      if (e.success) r.slots[slot] = e.data;
    }
  }
  return r;
}

/** The capture reduced to its latest page (and that page's requests), with the slot's login state. */
export function latestPageCapture(capture: TabCapture, slot: RecordingSlot): TabCapture | undefined {
  const pages = capture.session.pages;
  const last = pages[pages.length - 1];
  if (!last) return undefined;
  const requests = capture.session.requests.filter((r) => (r.pageId ? r.pageId === last.id : r.time >= (last.time ?? 0)));
  const session: Session = { pages: [last], requests };
  return { ...capture, session, overrides: { ...capture.overrides, [last.id]: slotState(slot) } };
}

export type BuildSnapshot = (capture: TabCapture, meta: { env: string; salt: string }) => Snapshot;

/** Records the capture's latest page into a slot (returns the new records; the caller saves). */
export function recordSlot(records: Recordings, slot: RecordingSlot, capture: TabCapture | undefined, build: BuildSnapshot, now = new Date()): Recordings {
  const one = capture ? latestPageCapture(capture, slot) : undefined;
  if (!one) throw new RecordingError('no-page');
  const snapshot = Snapshot.parse(build(one, { env: slotEnv(slot), salt: records.salt }));
  const entry: RecordEntry = { snapshot, recordedAt: now.toISOString(), url: snapshot.pages[0]?.url ?? one.session.pages[0]!.url };
  return { ...records, slots: { ...records.slots, [slot]: entry } };
}

export function clearSlot(records: Recordings, slot: RecordingSlot): Recordings {
  const slots = { ...records.slots };
  delete slots[slot];
  return { ...records, slots };
}

export function setCompanionId(records: Recordings, slot: RecordingSlot, id: string): Recordings {
  const e = records.slots[slot];
  if (!e) return records;
  return { ...records, slots: { ...records.slots, [slot]: { ...e, companionId: id } } };
}

export class RecordingError extends Error {
  constructor(readonly code: 'no-page') {
    super(code);
    this.name = 'RecordingError';
  }
}

function count(findings: Snapshot['findings']): Snapshot['summary'] {
  return {
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    infos: findings.filter((f) => f.severity === 'info').length,
  };
}

/**
 * Several one-page snapshots as one (pages, requests and findings concatenated, indices shifted):
 * an environment's logged-in and logged-out records become one snapshot of that environment.
 */
export function mergeSnapshots(parts: Snapshot[], meta: { env?: string } = {}): Snapshot | undefined {
  if (parts.length === 0) return undefined;
  const first = parts[0]!;
  let offset = 0;
  const pages: Snapshot['pages'] = [];
  const requests: Snapshot['requests'] = [];
  const findings: Snapshot['findings'] = [];
  for (const s of parts) {
    pages.push(...s.pages);
    requests.push(...s.requests.map((r) => (r.pageIndex !== undefined ? { ...r, pageIndex: r.pageIndex + offset } : r)));
    findings.push(...s.findings.map((f) => (f.pageIndex !== undefined ? { ...f, pageIndex: f.pageIndex + offset } : f)));
    offset += s.pages.length;
  }
  const saltIds = new Set(parts.map((p) => p.saltId));
  return Snapshot.parse({
    ...first,
    env: meta.env ?? first.env,
    saltId: saltIds.size === 1 ? first.saltId : undefined,
    pages: pages.slice(0, 500),
    requests: requests.slice(0, 5000),
    findings: findings.slice(0, 5000),
    summary: count(findings.slice(0, 5000)),
  });
}

/** What the four-record view compares (each pair present only when both records exist). */
export interface RecordingPlan {
  /** staging vs production, logged in */
  loggedIn?: [Snapshot, Snapshot];
  /** staging vs production, logged out */
  loggedOut?: [Snapshot, Snapshot];
  /** logged in vs logged out, per environment */
  stagingStates?: [Snapshot, Snapshot];
  productionStates?: [Snapshot, Snapshot];
  /** staging (both states) vs production (both states): the linkage rules see logged-in pages of each */
  overall?: [Snapshot, Snapshot];
}

export function recordingPlan(r: Recordings): RecordingPlan {
  const s = (slot: RecordingSlot) => r.slots[slot]?.snapshot;
  const pair = (a?: Snapshot, b?: Snapshot): [Snapshot, Snapshot] | undefined => (a && b ? [a, b] : undefined);
  const stg = [s('staging-in'), s('staging-out')].filter((x): x is Snapshot => !!x);
  const prd = [s('production-in'), s('production-out')].filter((x): x is Snapshot => !!x);
  return {
    loggedIn: pair(s('staging-in'), s('production-in')),
    loggedOut: pair(s('staging-out'), s('production-out')),
    stagingStates: pair(s('staging-in'), s('staging-out')),
    productionStates: pair(s('production-in'), s('production-out')),
    overall: pair(mergeSnapshots(stg, { env: 'staging' }), mergeSnapshots(prd, { env: 'production' })),
  };
}

/** The environment label suggested by a host name: `stg.`, `staging.`, `dev.`, `test.` … mean staging. */
export function suggestLabel(site: string | undefined): RecordingEnv | undefined {
  if (!site) return undefined;
  const host = site.toLowerCase();
  if (/(^|[.-])(stg|stag|staging|stage|dev|develop|test|testing|qa|uat|sandbox|preview)([.-]|\d|$)/.test(host)) return 'staging';
  return 'production';
}
