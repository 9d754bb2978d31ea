/** `GET /v1/compare` runs the same comparison as `renkei compare`: `compareSnapshots` of the analysis core. */
import { compareSnapshots, type CompareResult } from '../utils/core/compare';
import type { Lang } from '../utils/core/model';
import type { Snapshot } from '../utils/core/snapshot';

export type { CompareResult };
export type CompareFn = (a: Snapshot, b: Snapshot, opts?: { lang?: Lang }) => CompareResult;
export const defaultCompare: CompareFn = compareSnapshots;
