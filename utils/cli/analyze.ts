/** `renkei analyze FILE...`: files in, one session, findings out; exit status from the findings. */
import { analyzeSession, type AnalysisResult, type PageEvidence } from '../core/analyze';
import { analyzeSettingsPage } from '../core/checklists/analyze';
import { InputError } from '../core/input-error';
import { assembleSession, type RecognisedInput } from '../core/input';
import { randomSalt } from '../core/mask';
import type { Finding, Lang, LoginState, Page } from '../core/model';
import { renderAnalysisMarkdown } from '../core/report/markdown';
import { renderAnalysisChatwork } from '../core/report/chatwork';
import { reportFromResult } from '../core/report/from-result';
import { reportFromSnapshot, type AnalysisReport } from '../core/report/model';
import { renderAnalysisText } from '../core/report/text';
import { sortFindings, summarize } from '../core/rules/engine';
import type { Snapshot } from '../core/snapshot';
import { buildSnapshot } from '../core/snapshot-build';
import { CliInputError } from './io';
import { hasError, loadInput, type OutputFormat } from './load';
import { HarPool, loadHarWithPool, poolWorkers } from './har-pool';
import { ensureSourceParser } from './source';
import type { CliIo } from './main';

export interface AnalyzeArgs {
  files: string[];
  /** n-th URL for the n-th HTML-like file */
  urls: string[];
  state?: LoginState;
  format: OutputFormat | 'sarif';
  /** exit 1 when warnings exceed this (ESLint's --max-warnings) */
  maxWarnings?: number;
  /** errors only (ESLint's --quiet) */
  quiet?: boolean;
  /** where RULES.md is published (SARIF help URIs) */
  rulesUrl?: string;
  lang: Lang;
  reveal: boolean;
  env?: string;
  salt?: string;
  version: string;
}

const PAGE_KINDS = new Set<RecognisedInput['kind']>(['html', 'script', 'settings-page', 'channeltalk-boot']);

function siteOf(urls: string[]): string | undefined {
  for (const u of urls) {
    try {
      const host = new URL(u).hostname;
      if (host && !host.endsWith('.invalid')) return host;
    } catch {
      // not a URL: try the next page
    }
  }
  return undefined;
}

export async function runAnalyze(args: AnalyzeArgs, io: CliIo): Promise<number> {
  const inputs: RecognisedInput[] = [];
  let urlIndex = 0;
  // RENKEI_WORKERS=N: big HARs are read in parts by worker threads (har-pool.ts), the same session
  const workers = poolWorkers(args.files, io.env);
  const pool = workers > 0 ? new HarPool({ workers }) : undefined;
  const evidence = new Map<Page, PageEvidence>();
  try {
    for (const [i, file] of args.files.entries()) {
      const pooled = pool ? await loadHarWithPool(file, i, pool) : undefined;
      const input = pooled?.input ?? loadInput(file, i, args.lang, args.urls[urlIndex]);
      for (const [p, e] of pooled?.evidence ?? []) evidence.set(p, e);
      if (PAGE_KINDS.has(input.kind) && urlIndex < args.urls.length) urlIndex++;
      inputs.push(input);
    }
  } finally {
    await pool?.close();
  }

  const snapshotInput = inputs.find((x) => x.kind === 'snapshot');
  if (snapshotInput) {
    if (inputs.length > 1) throw new CliInputError(snapshotInput.name, new InputError('snapshot-mixed').reason(args.lang));
    const snapshot = (snapshotInput as Extract<RecognisedInput, { kind: 'snapshot' }>).snapshot;
    io.stdout(renderSnapshot(snapshot, args.format === 'sarif' ? 'json' : args.format, args.lang));
    return hasError(snapshot.findings) ? 1 : 0;
  }

  let session;
  try {
    session = assembleSession(inputs, { state: args.state, url: args.urls[0] });
  } catch (e) {
    if (e instanceof InputError) throw new CliInputError(args.files[0], e.reason(args.lang));
    throw e;
  }
  await ensureSourceParser(session.pages);
  const salt = args.salt || randomSalt();
  let result = withSettingsFindings(analyzeSession(session, { lang: args.lang, salt, reveal: args.reveal, evidence }), inputs, args, salt);
  if (args.quiet) {
    const findings = result.findings.filter((f) => f.severity === 'error');
    result = { ...result, findings, summary: summarize(findings) };
  }
  const createdAt = new Date().toISOString();
  const tooManyWarnings = args.maxWarnings !== undefined && result.findings.filter((f) => f.severity === 'warning').length > args.maxWarnings;

  if (args.format === 'sarif') {
    const { sessionSarif } = await import('./project');
    io.stdout(sessionSarif(args.files[0], result.findings, { version: args.version, lang: args.lang, rulesUrl: args.rulesUrl, cwd: process.cwd() }));
  } else if (args.format === 'json') {
    const snapshot = buildSnapshot(result, {
      version: args.version,
      env: args.env,
      site: siteOf(session.pages.map((p) => p.url)),
      createdAt,
    });
    io.stdout(`${JSON.stringify(snapshot, null, 2)}\n`);
  } else {
    const report = reportFromResult(result, { env: args.env, createdAt, revealed: args.reveal, dropped: session.dropped });
    io.stdout(renderReport(report, args.format));
  }
  return hasError(result.findings) || tooManyWarnings ? 1 : 0;
}

/**
 * Settings pages (ECAI, LINE consoles, Luxliner) are also evaluated against their checklist; each
 * failing automatic item is a finding `checklist-id/item-id` (CLI.md).
 */
function withSettingsFindings(result: AnalysisResult, inputs: RecognisedInput[], args: AnalyzeArgs, salt: string): AnalysisResult {
  const extra: Finding[] = [];
  inputs.forEach((input) => {
    if (input.kind !== 'settings-page') return;
    const analysis = analyzeSettingsPage(input.html, input.url, { lang: args.lang, salt, reveal: args.reveal, checklist: input.checklistId, read: input.read });
    if (!analysis) return;
    const pageIndex = result.pages.findIndex((p) => p.page.id === input.page.id);
    for (const f of analysis.findings) extra.push(pageIndex >= 0 ? { ...f, pageIndex } : f);
  });
  if (extra.length === 0) return result;
  const known = new Set(result.findings.map((f) => `${f.ruleId}\u0000${f.page ?? ''}`));
  const findings = sortFindings([...result.findings, ...extra.filter((f) => !known.has(`${f.ruleId}\u0000${f.page ?? ''}`))]);
  return { ...result, findings, summary: summarize(findings) };
}

function renderSnapshot(snapshot: Snapshot, format: OutputFormat, lang: Lang): string {
  if (format === 'json') return `${JSON.stringify(snapshot, null, 2)}\n`;
  const report = { ...reportFromSnapshot(snapshot), lang };
  return renderReport(report, format);
}

function renderReport(report: AnalysisReport, format: Exclude<OutputFormat, 'json'>): string {
  if (format === 'markdown') return renderAnalysisMarkdown(report);
  if (format === 'chatwork') return renderAnalysisChatwork(report);
  return renderAnalysisText(report);
}

