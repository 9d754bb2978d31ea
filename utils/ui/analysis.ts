/**
 * The panel runs the pure analysis core on the capture it is shown, with the person's
 * login-state overrides applied and in the UI language, so findings read in that language.
 */
import { analyzeSession } from '../core/analyze';
import type { Lang } from '../core/model';
import type { TabCapture } from './source';
import { applyOverrides, type PanelAnalysis } from './view-model';

export type Analyze = (capture: TabCapture, lang: Lang) => PanelAnalysis;

export const analyzeCapture: Analyze = (capture, lang) =>
  analyzeSession(applyOverrides(capture.session, capture.overrides), { lang });

export interface PanelActions {
  /** Markdown report for a ticket (utils/core/report/markdown.ts) */
  reportMarkdown(result: PanelAnalysis, meta: ActionMeta): string;
  /** the snapshot JSON `renkei compare` reads (utils/core/snapshot-build.ts) */
  snapshot(result: PanelAnalysis, meta: ActionMeta): unknown;
}

export interface ActionMeta {
  site?: string;
  version: string;
  dropped?: { pages: number; requests: number };
}
