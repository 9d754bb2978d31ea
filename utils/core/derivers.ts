/**
 * Per-page derivers of other vendors: each derives its evidence from a Page once, before the
 * rules run, and the analysis stores it as `AnalyzedPage[name]` (e.g. `page.channeltalk`).
 * A vendor adds its deriver to the list below (or calls `registerPageDeriver`) without touching
 * analyze.ts. A deriver may also say how its evidence appears in a snapshot.
 */
import { deriveChannelTalk, type ChannelTalkPageEvidence } from './channeltalk/derive';
import { channelTalkSnapshotTags } from './channeltalk/summary';
import type { Masker } from './mask';
import type { NetworkRequest, Page } from './model';
import type { SnapshotTag } from './snapshot';

export interface PageDeriverInput {
  page: Page;
  index: number;
  /** the requests assigned to this page */
  requests: NetworkRequest[];
}

export interface PageDeriver {
  /** the AnalyzedPage field it fills (`channeltalk`) */
  name: string;
  derive(input: PageDeriverInput): unknown;
  /** the vendor's tags as they go into a snapshot (personal values masked with `masker`) */
  snapshotTags?(derived: unknown, masker: Masker): SnapshotTag[];
}

/** The derivers every analysis runs, in order. */
export const pageDerivers: PageDeriver[] = [
  {
    name: 'channeltalk',
    derive: ({ page }) => deriveChannelTalk(page),
    snapshotTags: (derived, masker) => channelTalkSnapshotTags(derived as ChannelTalkPageEvidence | undefined, masker),
  },
];

/** Add (or replace, by name) a deriver at run time: `registerPageDeriver('vendor', ({ page }) => …)` or a full PageDeriver. */
export function registerPageDeriver(deriver: PageDeriver): void;
export function registerPageDeriver(name: string, derive: PageDeriver['derive']): void;
export function registerPageDeriver(nameOrDeriver: string | PageDeriver, derive?: PageDeriver['derive']): void {
  const deriver: PageDeriver = typeof nameOrDeriver === 'string' ? { name: nameOrDeriver, derive: derive! } : nameOrDeriver;
  const i = pageDerivers.findIndex((d) => d.name === deriver.name);
  if (i >= 0) pageDerivers[i] = deriver;
  else pageDerivers.push(deriver);
}
