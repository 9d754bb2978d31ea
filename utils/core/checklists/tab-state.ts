/**
 * One call for the extension: the open settings page (its snapshot HTML, see dom-snapshot.ts)
 * evaluated against its checklist, with the cross-page store and the progress updated. The
 * background (or popup) persists `store` and `progress` and gives `results` to ChecklistView.
 */
import type { Lang } from '../model';
import { analyzeSettingsPage, type SettingsAnalysis } from './analyze';
import type { CrossPageStore } from './cross-page';
import { applyResults, parseProgress, type ChecklistProgress } from './progress';
import type { ItemResult, SettingsHosts } from './types';

export interface RefreshInput {
  html: string;
  url: string;
  lang: Lang;
  /** the extension's salt (persisted with the store) */
  salt: string;
  /** ECAI / Luxliner admin hosts from the options page */
  hosts?: SettingsHosts;
  /**
   * the integration being set up: pages of ECAI and of LINE are compared within one site key
   * (the operator's name for it; default `default`)
   */
  site?: string;
  /** persisted cross-page store (untrusted JSON) */
  store?: unknown;
  /** persisted progress of the page's checklist (untrusted JSON) */
  progress?: unknown;
  /** the operator chose another checklist for this page (e.g. ecai-unlink on 応答設定) */
  checklist?: string;
  now?: Date;
}

export interface RefreshResult {
  analysis: SettingsAnalysis;
  store: CrossPageStore;
  progress: ChecklistProgress;
  results: ItemResult[];
}

/** null when the page is not a settings page we know. */
export function refreshChecklist(input: RefreshInput): RefreshResult | null {
  const now = input.now ?? new Date();
  const site = input.site ?? 'default';
  const analysis = analyzeSettingsPage(input.html, input.url, {
    lang: input.lang,
    salt: input.salt,
    hosts: input.hosts,
    site,
    store: input.store,
    now: now.getTime(),
    ...(input.checklist ? { checklist: input.checklist } : {}),
  });
  if (!analysis) return null;
  const progress = applyResults(parseProgress(input.progress, site, analysis.checklistId), analysis.items, now);
  return { analysis, store: analysis.store, progress, results: analysis.items };
}
