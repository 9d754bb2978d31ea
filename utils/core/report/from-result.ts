/**
 * An AnalysisReport from a fresh analysis, with its verdict (verdict.ts) and what the bounds
 * skipped (limits.ts): what the CLI's `analyze` and `check` and the panel's "Copy report" render.
 * (report/model.ts stays structural; this module is the one that knows the analysis.)
 */
import type { AnalysisResult } from '../analyze';
import { inputLimitsOf } from '../limits';
import { verdictOf } from '../verdict';
import { reportFromAnalysis, type AnalysisReport } from './model';

export function reportFromResult(
  result: AnalysisResult,
  meta: { env?: string; createdAt?: string; revealed?: boolean; dropped?: { pages: number; requests: number } } = {},
): AnalysisReport {
  return reportFromAnalysis(result, {
    ...meta,
    verdict: verdictOf(result),
    limits: inputLimitsOf(result.session, result.pages).map((l) => ({ kind: l.kind, detail: l.detail })),
  });
}
