/**
 * The Compare tab's model: one list of records (the recording wizard's four slots, then records
 * added from this tab, a file, the companion or a share link), and the two of them compared.
 */
import { Snapshot } from '@/utils/core/snapshot';
import type { Lang } from '@/utils/core/model';
import type { FetchLike } from '@/utils/ui/companion-check';
import { RECORDING_SLOTS, recordingPlan, slotEnv, suggestLabel, type RecordingPlan, type RecordingSlot, type Recordings, type RecordingStorage } from '@/utils/ui/recording';
import type { CompanionSettings } from '@/utils/ui/settings';
import type { CompareCore } from './core';
import { cs, type CompareString } from './strings';

export interface CompareDeps {
  recordings: RecordingStorage;
  loadCompanion(): Promise<CompanionSettings | undefined>;
  fetch?: FetchLike;
  /** the analysis/comparison core (a lazy chunk by default) */
  loadCore?: () => Promise<CompareCore>;
  copy?: (text: string) => Promise<boolean>;
}

export type ExtraOrigin = 'session' | 'file' | 'companion' | 'shared';

/** A record added to the list (kept while the panel is open). */
export interface Extra {
  id: string;
  snapshot: Snapshot;
  origin: ExtraOrigin;
  /** file name, companion id … */
  name: string;
  /** staging / production / custom text */
  label: string;
  companionId?: string;
}

/** A side of the comparison: a slot, an added record, or all of an environment's slots. */
export type PickId = RecordingSlot | `x${number}` | 'all-staging' | 'all-production';
export interface Picks {
  a?: PickId;
  b?: PickId;
}

export const MAX_SNAPSHOT_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_EXTRAS = 10;

export const slotKey = (slot: RecordingSlot) => `slot_${slot.replace('-', '_')}` as CompareString;

export const PAIRS: { key: keyof RecordingPlan; title: CompareString; picks: [PickId, PickId] }[] = [
  { key: 'loggedIn', title: 'pair_loggedIn', picks: ['staging-in', 'production-in'] },
  { key: 'loggedOut', title: 'pair_loggedOut', picks: ['staging-out', 'production-out'] },
  { key: 'stagingStates', title: 'pair_stagingStates', picks: ['staging-in', 'staging-out'] },
  { key: 'productionStates', title: 'pair_productionStates', picks: ['production-in', 'production-out'] },
  { key: 'overall', title: 'pair_overall', picks: ['all-staging', 'all-production'] },
];

/** A file's text → a Snapshot (also the companion's `{snapshot}` envelope), or a clear error. */
export function parseSnapshotText(text: string, name: string, lang: Lang): { ok: true; snapshot: Snapshot } | { ok: false; error: string } {
  if (text.length > MAX_SNAPSHOT_FILE_BYTES) return { ok: false, error: cs(lang, 'fileTooBig', { max: MAX_SNAPSHOT_FILE_BYTES / 1024 / 1024 }) };
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, error: cs(lang, 'fileNotJson', { name }) };
  }
  if (json && typeof json === 'object' && !('pages' in json) && 'snapshot' in json) json = (json as { snapshot: unknown }).snapshot;
  const parsed = Snapshot.safeParse(json);
  if (!parsed.success) {
    const paths = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    return { ok: false, error: cs(lang, 'fileNotSnapshot', { name, paths }) };
  }
  return { ok: true, snapshot: parsed.data };
}

export function defaultLabel(s: Snapshot): string {
  return s.env?.trim() || suggestLabel(s.site) || 'custom';
}

/** The title of an added record, in words. */
export function extraTitle(x: Extra, lang: Lang): string {
  const site = x.snapshot.site ?? '—';
  if (x.origin === 'file') return cs(lang, 'origin_file', { name: x.name });
  if (x.origin === 'companion') return cs(lang, 'origin_companion', { id: x.name });
  return cs(lang, x.origin === 'session' ? 'origin_session' : 'origin_shared', { site });
}

export interface Resolved {
  snapshot: Snapshot;
  /** the environment label the comparison uses */
  label: string;
  title: string;
}

/** What a pick stands for now (undefined when it is gone: a slot cleared, a record removed). */
export function resolvePick(id: PickId | undefined, records: Recordings | undefined, extras: Extra[], lang: Lang, plan?: RecordingPlan): Resolved | undefined {
  if (!id) return undefined;
  if (id === 'all-staging' || id === 'all-production') {
    const both = (plan ?? (records ? recordingPlan(records) : undefined))?.overall;
    const snapshot = both?.[id === 'all-staging' ? 0 : 1];
    return snapshot ? { snapshot, label: id === 'all-staging' ? 'staging' : 'production', title: cs(lang, id === 'all-staging' ? 'all_staging' : 'all_production') } : undefined;
  }
  if ((RECORDING_SLOTS as readonly string[]).includes(id)) {
    const slot = id as RecordingSlot;
    const e = records?.slots[slot];
    return e ? { snapshot: e.snapshot, label: slotEnv(slot), title: cs(lang, slotKey(slot)) } : undefined;
  }
  const x = extras.find((e) => e.id === id);
  return x ? { snapshot: x.snapshot, label: x.label, title: extraTitle(x, lang) } : undefined;
}

/** The pair shown before the person picks one: the first of the wizard's pairs recorded. */
export function defaultPicks(records: Recordings | undefined): Picks {
  if (!records) return {};
  const plan = recordingPlan(records);
  const p = PAIRS.find((x) => x.key !== 'overall' && plan[x.key]);
  return p ? { a: p.picks[0], b: p.picks[1] } : {};
}

/** A record just added goes into the empty side (A first), else into B. */
export function placeNew(picks: Picks, id: PickId): { picks: Picks; side: 'a' | 'b' } {
  return !picks.a ? { picks: { ...picks, a: id }, side: 'a' } : { picks: { ...picks, b: id }, side: 'b' };
}
