/**
 * `GET /v1/compare` runs the same comparison as `renkei compare`: `compareSnapshots` from the
 * analysis core (utils/core/compare.ts, owned by the rules module). It is loaded on first use so
 * that the service starts (and every other route works) even while that module is absent.
 */
import type { Finding, Lang, Summary } from '../utils/core/model';
import type { Snapshot } from '../utils/core/snapshot';

export interface CompareResult {
  rows: { aspect: string; a: string; b: string; same: boolean }[];
  findings: Finding[];
  summary: Summary;
}
export type CompareFn = (a: Snapshot, b: Snapshot, opts?: { lang?: Lang }) => CompareResult;

let loaded: Promise<CompareFn | undefined> | undefined;

export function loadCompare(): Promise<CompareFn | undefined> {
  // a computed specifier: the module is resolved at run time, not at type-check time
  const spec = ['..', 'utils', 'core', 'compare'].join('/');
  loaded ??= (import(/* @vite-ignore */ spec) as Promise<{ compareSnapshots?: CompareFn }>)
    .then((m) => (typeof m.compareSnapshots === 'function' ? m.compareSnapshots : undefined))
    .catch(() => {
      loaded = undefined; // retry later (the module may land while running in dev)
      return undefined;
    });
  return loaded;
}
