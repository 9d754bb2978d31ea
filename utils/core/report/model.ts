/**
 * What the Markdown and terminal reports render: the findings of an analysis (fresh from
 * analyzeSession, or read back from a snapshot) and the result of comparing two snapshots.
 * Structural types, so the reports depend on no rule or analysis module.
 */
import type { Evidence, Finding, Lang, LoginState, Summary } from '../model';
import type { Snapshot, SnapshotLimit, SnapshotVerdict } from '../snapshot';
import type { AnalyzedPage } from '../rules/types';
import { oneLine } from '../input-error';
import { fill, labels } from './labels';
import { sectionTitle } from './sections';
import { hintText } from '../state';

export interface ReportPage {
  url: string;
  state: LoginState;
  stateSource?: 'explicit' | 'inferred';
  stateHints?: string[];
}

export interface AnalysisReport {
  lang: Lang;
  pages: ReportPage[];
  findings: Finding[];
  summary: Summary;
  env?: string;
  createdAt?: string;
  saltId?: string;
  /** values are shown in clear (`--reveal`) */
  revealed?: boolean;
  dropped?: { pages: number; requests: number };
  /** the verdict (verdict.ts; absent in older snapshots) */
  verdict?: SnapshotVerdict;
  /** what the bounds skipped (absent in older snapshots) */
  limits?: Pick<SnapshotLimit, 'kind' | 'detail'>[];
}

/** The part of analyzeSession's result the reports need. */
export interface AnalysisLike {
  pages: Pick<AnalyzedPage, 'page' | 'state'>[];
  findings: Finding[];
  summary: Summary;
  lang: Lang;
  saltId?: string;
}

export interface CompareRow {
  aspect: string;
  a: string;
  b: string;
  same: boolean;
  /** differs as it should: the sides were recorded in different login states (not a problem) */
  expected?: boolean;
}

export interface CompareLike {
  rows: CompareRow[];
  findings: Finding[];
  summary: Summary;
}

export interface CompareSide {
  /** file name or label */
  label: string;
  env?: string;
  saltId?: string;
}

export interface CompareReport extends CompareLike {
  lang: Lang;
  a: CompareSide;
  b: CompareSide;
}

export function reportFromAnalysis(
  result: AnalysisLike,
  meta: {
    env?: string;
    createdAt?: string;
    revealed?: boolean;
    dropped?: { pages: number; requests: number };
    verdict?: SnapshotVerdict;
    limits?: Pick<SnapshotLimit, 'kind' | 'detail'>[];
  } = {},
): AnalysisReport {
  return {
    lang: result.lang,
    pages: result.pages.map((p) => ({
      url: p.page.url,
      state: p.state,
      stateSource: p.page.state.source,
      stateHints: p.page.state.hints,
    })),
    findings: result.findings,
    summary: result.summary,
    saltId: result.saltId,
    ...meta,
  };
}

export function reportFromSnapshot(s: Snapshot): AnalysisReport {
  return {
    lang: s.lang ?? 'ja',
    pages: s.pages.map((p) => ({ url: p.url, state: p.state, stateSource: p.stateSource, stateHints: p.stateHints })),
    findings: s.findings,
    summary: s.summary,
    env: s.env,
    createdAt: s.createdAt,
    saltId: s.saltId,
    ...(s.verdict ? { verdict: s.verdict } : {}),
    ...(s.limits ? { limits: s.limits } : {}),
  };
}

/** Part of the input was not read: the report never says "no problem found" then. */
export function reportLimited(report: AnalysisReport): boolean {
  return (
    report.verdict?.limited === true ||
    (report.limits?.length ?? 0) > 0 ||
    report.findings.some((f) => f.ruleId === 'renkei/input-limited') ||
    (report.dropped !== undefined && (report.dropped.pages > 0 || report.dropped.requests > 0))
  );
}

/**
 * The verdict block shared by both renderers, as plain lines (the Markdown renderer escapes and
 * decorates them): the headline, the vendors looked for and the sources looked at (a page without
 * a tag), the checks that passed (a clean page), what was not read.
 */
export function verdictLines(report: AnalysisReport): { headline?: string; details: string[]; passed: string[]; limits: string[] } {
  const lang = report.lang;
  const L = labels(lang);
  const v = report.verdict;
  const limits = (v?.limits ?? report.limits ?? []).map((l) => oneLine(l.detail[lang] || l.detail.ja, 400));
  if (!v) return { details: [], passed: [], limits };
  const sep = lang === 'ja' ? '・' : ', ';
  const details: string[] = [];
  if (v.kind === 'no-tag' || v.kind === 'clear') {
    const vendorName = { oksky: 'OK SKY', channeltalk: lang === 'ja' ? 'チャネルトーク' : 'Channel Talk' } as const;
    const vendors = v.vendors.map(
      (x) => `${vendorName[x.vendor]} ${x.found ? fill(L.vendorFound, { where: x.where.map((w) => L.evidenceSource[w]).join(sep) }) : L.vendorNotFound}`,
    );
    details.push(`${L.vendorsLookedFor}: ${vendors.join(lang === 'ja' ? '／' : '; ')}`);
    if (v.lookedAt.length > 0) details.push(`${L.sourcesLookedAt}: ${v.lookedAt.map((w) => L.evidenceSource[w]).join(sep)}`);
  }
  const passed = v.kind === 'clear' ? v.passed.map((p) => `${oneLine(p.title[lang] || p.title.ja, 300)} (${p.ruleId})`) : [];
  return { headline: oneLine(v.headline[lang] || v.headline.ja, 600), details, passed, limits };
}

// ---------------------------------------------------------------------------------------------
// Pieces shared by both renderers

export function countsLine(lang: Lang, summary: Summary): string {
  return fill(labels(lang).counts, summary);
}

export function pageLine(lang: Lang, p: ReportPage): string {
  const L = labels(lang);
  const hints = (p.stateHints ?? []).slice(0, 3).map((h) => oneLine(hintText(lang, h), 80));
  const src = p.stateSource ? L.stateSource[p.stateSource] : undefined;
  const detail = [L.state[p.state], src ? `${src}${hints.length ? `: ${hints.join(', ')}` : ''}` : undefined].filter(Boolean);
  return `${oneLine(p.url, 500)} (${detail.join(lang === 'ja' ? '・' : '; ')})`;
}

/** The parts of one evidence item: a label (where) and the code/text seen, plus values. */
export interface EvidenceParts {
  where: string;
  text?: string;
  url?: string;
  values: string[];
}

export function evidenceParts(lang: Lang, e: Evidence): EvidenceParts {
  const L = labels(lang);
  const where = [L.evidenceSource[e.source]];
  if (e.location) {
    where.push(fill(L.location, { line: e.location.line, column: e.location.column }));
    if (e.location.script !== undefined) where.push(`(${fill(L.script, { n: e.location.script + 1 })})`);
  }
  const values = (e.values ?? []).map((v) => (v.clear !== undefined ? `${v.clear} (${v.fingerprint})` : `${v.masked} (${v.fingerprint})`));
  return {
    where: where.join(' '),
    text: e.text ? oneLine(e.text, 400) : undefined,
    url: e.url ? oneLine(e.url, 500) : undefined,
    values,
  };
}

export function referenceLine(lang: Lang, f: Finding): string | undefined {
  if (!f.source) return undefined;
  const L = labels(lang);
  const title = L.docs[f.source.doc];
  const doc = title ? (lang === 'ja' ? `${f.source.doc}「${title}」` : `${f.source.doc} "${title}"`) : f.source.doc;
  return f.source.section ? `${doc} — ${sectionTitle(lang, f.source.section)}` : doc;
}

export function isRevealed(findings: Finding[]): boolean {
  return findings.some((f) => f.evidence.some((e) => e.values?.some((v) => v.clear !== undefined)));
}

export const SEVERITIES = ['error', 'warning', 'info'] as const;
