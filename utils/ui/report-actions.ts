/**
 * The panel's "Copy report" and "Export snapshot": the same renderers the CLI uses.
 */
import type { AnalysisResult } from '../core/analyze';
import { renderAnalysisMarkdown } from '../core/report/markdown';
import { reportFromAnalysis } from '../core/report/model';
import { buildSnapshot } from '../core/snapshot-build';
import type { PanelActions } from './analysis';

export const reportActions: PanelActions = {
  reportMarkdown(result, meta) {
    return renderAnalysisMarkdown(reportFromAnalysis(result, { createdAt: new Date().toISOString(), dropped: meta.dropped }));
  },
  snapshot(result, meta) {
    return buildSnapshot(result as AnalysisResult, { version: meta.version, site: meta.site, createdAt: new Date().toISOString() });
  },
};
