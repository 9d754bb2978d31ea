/**
 * The panel runs the pure analysis core on the capture it is shown, with the person's
 * login-state overrides applied and in the UI language, so findings read in that language.
 */
import { analyzeSession } from '../core/analyze';
import type { Lang } from '../core/model';
import { verdictOf } from '../core/verdict';
import type { TabCapture } from './source';
import { applyOverrides, type PanelAnalysis } from './view-model';

export type Analyze = (capture: TabCapture, lang: Lang) => PanelAnalysis;

export const analyzeCapture: Analyze = (capture, lang) => {
  const result = analyzeSession(applyOverrides(capture.session, capture.overrides), { lang });
  return { ...result, verdict: verdictOf(result) };
};

export interface PanelActions {
  /** Markdown report for a ticket (utils/core/report/markdown.ts) */
  reportMarkdown(result: PanelAnalysis, meta: ActionMeta): string;
  /** the report in the format chosen on the copy button: Markdown, Chatwork notation or plain text */
  report?(result: PanelAnalysis, meta: ActionMeta, format: ReportFormat): string;
  /** the snapshot JSON `renkei compare` reads (utils/core/snapshot-build.ts) */
  snapshot(result: PanelAnalysis, meta: ActionMeta): unknown;
}

export type ReportFormat = 'markdown' | 'chatwork' | 'text';

export interface ActionMeta {
  site?: string;
  version: string;
  dropped?: { pages: number; requests: number };
}
