/**
 * The heavy half of the Compare tab (analysis, snapshot building, comparison), loaded on demand
 * so the panel's first paint stays small.
 */
import { analyzeSession } from '@/utils/core/analyze';
import { compareSnapshots, type CompareResult } from '@/utils/core/compare';
import type { Lang } from '@/utils/core/model';
import { ruleById } from '@/utils/core/rules/registry';
import type { Snapshot } from '@/utils/core/snapshot';
import { buildSnapshot } from '@/utils/core/snapshot-build';
import type { TabCapture } from '@/utils/ui/source';
import { applyOverrides } from '@/utils/ui/view-model';

export interface CompareCore {
  snapshotOf(capture: TabCapture, meta: { version: string; lang: Lang; env?: string; salt?: string }): Snapshot;
  compare(a: Snapshot, b: Snapshot, lang: Lang): CompareResult;
  /** a rule's title in the reader's language (undefined for an id this version does not know) */
  ruleTitle(id: string, lang: Lang): string | undefined;
}

export const compareCore: CompareCore = {
  snapshotOf(capture, meta) {
    const result = analyzeSession(applyOverrides(capture.session, capture.overrides), { lang: meta.lang, ...(meta.salt ? { salt: meta.salt } : {}) });
    return buildSnapshot(result, { version: meta.version, env: meta.env, createdAt: new Date().toISOString() });
  },
  compare(a, b, lang) {
    return compareSnapshots(a, b, { lang });
  },
  ruleTitle(id, lang) {
    return ruleById(id)?.meta.title[lang];
  },
};
