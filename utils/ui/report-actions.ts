/**
 * The panel's "Copy report" and "Export snapshot": the same renderers the CLI uses.
 */
import type { AnalysisResult } from '../core/analyze';
import { renderAnalysisChatwork } from '../core/report/chatwork';
import { renderAnalysisMarkdown } from '../core/report/markdown';
import { renderAnalysisText } from '../core/report/text';
import { reportFromResult } from '../core/report/from-result';
import { reportFromAnalysis } from '../core/report/model';
import { buildSnapshot } from '../core/snapshot-build';
import type { PanelActions } from './analysis';

export const reportActions: PanelActions = {
  reportMarkdown(result, meta) {
    const m = { createdAt: new Date().toISOString(), dropped: meta.dropped };
    // a full analysis (analyzeCapture) also gives the verdict and what the bounds skipped
    const full = 'session' in result && 'outcomes' in result;
    return renderAnalysisMarkdown(full ? reportFromResult(result as AnalysisResult, m) : reportFromAnalysis(result, m));
  },
  report(result, meta, format) {
    const report = reportFromResult(result as AnalysisResult, { createdAt: new Date().toISOString(), dropped: meta.dropped });
    return format === 'chatwork' ? renderAnalysisChatwork(report) : format === 'text' ? renderAnalysisText(report) : renderAnalysisMarkdown(report);
  },
  snapshot(result, meta) {
    return buildSnapshot(result as AnalysisResult, { version: meta.version, site: meta.site, createdAt: new Date().toISOString() });
  },
};
