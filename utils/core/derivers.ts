/**
 * Per-page derivers of other vendors: each derives its evidence from a Page once, before the
 * rules run, and the analysis stores it as `AnalyzedPage[name]` (e.g. `page.channeltalk`).
 * A vendor adds its deriver to the list below (or calls `registerPageDeriver`) without touching
 * analyze.ts. A deriver may also say how its evidence appears in a snapshot.
 */
import { deriveChannelTalk, type ChannelTalkPageEvidence } from './channeltalk/derive';
import type { Masker } from './mask';
import type { NetworkRequest, Page, StaticValue } from './model';
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

function entry(v: StaticValue | undefined, key: string): StaticValue | undefined {
  return v?.kind === 'object' ? v.entries.find((e) => e.key === key)?.value : undefined;
}

function channelTalkSnapshotTags(derived: unknown, masker: Masker): SnapshotTag[] {
  const ev = derived as ChannelTalkPageEvidence | undefined;
  if (!ev || !ev.present) return [];
  const form = ev.forms[0] ?? 'snippet';
  const origin = ev.callsOrigin === 'runtime' ? 'runtime' : 'static';
  const boot = ev.boots[ev.boots.length - 1];
  if (!boot) return [{ vendor: 'channeltalk', form, origin }];
  const opts = boot.args[0];
  const pluginKey = entry(opts, 'pluginKey');
  const memberId = entry(opts, 'memberId');
  const memberHash = entry(opts, 'memberHash');
  const profile = entry(opts, 'profile');
  const memberIdText = memberId?.kind === 'string' ? memberId.value : memberId?.kind === 'number' ? String(memberId.value) : undefined;
  const tag: SnapshotTag = { vendor: 'channeltalk', form, origin };
  if (pluginKey?.kind === 'string') tag.pluginKey = pluginKey.value.slice(0, 200);
  if (memberIdText !== undefined) {
    const m = masker.mask(memberIdText);
    tag.memberId = { masked: m.masked.slice(0, 64), fingerprint: m.fingerprint };
  }
  tag.hasMemberHash = memberHash !== undefined && memberHash.kind !== 'null' && memberHash.kind !== 'undefined';
  if (profile?.kind === 'object') tag.profileKeys = profile.entries.map((e) => e.key.slice(0, 200)).slice(0, 500);
  return [tag];
}

/** The derivers every analysis runs, in order. */
export const pageDerivers: PageDeriver[] = [
  { name: 'channeltalk', derive: ({ page }) => deriveChannelTalk(page), snapshotTags: channelTalkSnapshotTags },
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
