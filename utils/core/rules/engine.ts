/**
 * The rule engine: decides where each rule applies (Lighthouse's required artifacts), runs it,
 * and renders its reports into Findings in one language (ESLint's messages by id with data).
 *
 * A rule whose evidence is missing is *not applicable*: it neither passes nor fails.
 */
import type { Finding, Lang, NetworkRequest, Severity } from '../model';
import type {
  AnalyzedPage,
  Localized,
  Requirement,
  Rule,
  RuleContext,
  RuleOutcome,
  RuleReport,
} from './types';

/** A rule reported something the engine cannot render: an undeclared message id, missing data, a wrong severity. */
export class RuleReportError extends Error {
  constructor(
    readonly ruleId: string,
    message: string,
  ) {
    super(`${ruleId}: ${message}`);
    this.name = 'RuleReportError';
  }
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Whether a page carries an OK SKY tag: static, runtime, or a script holding one that does not parse. */
export function pageHasOkskyTag(page: AnalyzedPage): boolean {
  const o = page.oksky;
  return o.staticTags.length > 0 || o.runtimeTags.length > 0 || o.syntaxErrors.some((e) => e.holdsTag);
}

type PageCheck = (page: AnalyzedPage, ctx: RuleContext) => boolean;

/**
 * Whether a page's requests show that its network was observed: at least one request that was
 * captured, not pasted (a `/login` payload given by hand says nothing about the page's other
 * requests, so "the widget was not requested" cannot be concluded from it).
 */
export function requestsShowCapture(requests: readonly NetworkRequest[]): boolean {
  for (const r of requests) if (r.pasted !== true) return true;
  return false;
}

function pageHasChannelTalkTag(page: AnalyzedPage): boolean {
  const ct = page['channeltalk'] as { tags?: unknown[]; present?: boolean } | undefined;
  if (!ct || typeof ct !== 'object') return false;
  if (ct.present === true) return true;
  return Array.isArray(ct.tags) && ct.tags.length > 0;
}

const pageChecks: Record<Requirement, PageCheck> = {
  'oksky-tag': (p) => pageHasOkskyTag(p),
  runtime: (p) => p.oksky.probed,
  network: (p) => p.networkCaptured,
  session: (_p, ctx) => ctx.pages.length >= 2,
  'login-state': (p) => p.state !== 'unknown',
  snapshots: (_p, ctx) => ctx.compare !== undefined,
  'channeltalk-tag': (p) => pageHasChannelTalkTag(p),
};

/**
 * Other vendors may define how their requirement is met on a page (e.g. Channel Talk's
 * `channeltalk-tag` when their derived evidence has another shape).
 */
export function registerRequirementCheck(req: Requirement, check: PageCheck): void {
  pageChecks[req] = check;
}

/** The requirements of `rule` that the evidence does not meet (page scope: on `page`; session scope: on any page). */
export function missingRequirements(rule: Rule, ctx: RuleContext, page?: AnalyzedPage): Requirement[] {
  const missing: Requirement[] = [];
  for (const req of rule.meta.requires) {
    let met: boolean;
    if (req === 'session') met = ctx.pages.length >= 2;
    else if (req === 'snapshots') met = ctx.compare !== undefined;
    else if (page) met = pageChecks[req](page, ctx);
    else met = ctx.pages.some((p) => pageChecks[req](p, ctx));
    if (!met) missing.push(req);
  }
  if (missing.length === 0 && rule.notApplicable) {
    const extra = rule.notApplicable(ctx, page);
    if (extra && extra.length > 0) missing.push(...extra);
  }
  return missing;
}

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
/** a datum longer than this is cut: page-controlled text must not blow up a message */
export const MAX_DATUM_CHARS = 1_000;

/** Fill `{name}` placeholders; a placeholder without data is a bug in the rule and throws. */
export function formatTemplate(template: string, data: Record<string, string | number> | undefined, ruleId = '?'): string {
  return template.replace(PLACEHOLDER, (_m, name: string) => {
    const v = data?.[name];
    if (v === undefined) throw new RuleReportError(ruleId, `no data for placeholder {${name}} in "${template.slice(0, 60)}"`);
    const text = String(v);
    return text.length > MAX_DATUM_CHARS ? `${text.slice(0, MAX_DATUM_CHARS)}…` : text;
  });
}

/** Names of the `{placeholders}` a template uses. */
export function templatePlaceholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

function allowedSeverities(rule: Rule): Severity[] {
  const s = rule.meta.severity;
  return typeof s === 'string' ? [s] : s.stateDependent;
}

/** The severity a report carries: its own (checked against the declaration) or the rule's. */
export function reportSeverity(rule: Rule, report: RuleReport): Severity {
  const allowed = allowedSeverities(rule);
  if (report.severity === undefined) {
    if (allowed.length !== 1) throw new RuleReportError(rule.meta.id, 'a state-dependent rule must set severity on each report');
    return allowed[0];
  }
  if (!allowed.includes(report.severity)) {
    throw new RuleReportError(rule.meta.id, `severity ${report.severity} is not declared (${allowed.join('/')})`);
  }
  return report.severity;
}

function pick(loc: Localized, lang: Lang): string {
  return loc[lang] || loc.ja;
}

/** Render one report into a Finding in `lang`. Throws RuleReportError on an undeclared message id or missing data. */
export function renderReport(rule: Rule, report: RuleReport, ctx: RuleContext, lang: Lang): Finding {
  const id = rule.meta.id;
  const messageId = report.messageId ?? 'default';
  const message = rule.meta.messages[messageId];
  if (!message) {
    throw new RuleReportError(id, `unknown messageId "${messageId}" (declared: ${Object.keys(rule.meta.messages).join(', ')})`);
  }
  const fix = rule.meta.fixes?.[messageId] ?? rule.meta.fix;
  const severity = reportSeverity(rule, report);
  const page = report.pageIndex !== undefined ? ctx.pages[report.pageIndex] : undefined;
  if (report.pageIndex !== undefined && !page) throw new RuleReportError(id, `pageIndex ${report.pageIndex} out of range`);
  const finding: Finding = {
    ruleId: id,
    severity,
    title: pick(rule.meta.title, lang),
    message: formatTemplate(pick(message, lang), report.data, id),
    fix: formatTemplate(pick(fix, lang), report.data, id),
    source: rule.meta.source,
    evidence: report.evidence,
  };
  if (page) {
    finding.page = page.page.url;
    finding.pageIndex = report.pageIndex;
  }
  return finding;
}

export function compareFindings(a: Finding, b: Finding): number {
  const s = SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
  if (s !== 0) return s;
  // page findings in page order; session-wide findings after them
  const pa = a.pageIndex ?? Number.MAX_SAFE_INTEGER;
  const pb = b.pageIndex ?? Number.MAX_SAFE_INTEGER;
  return pa - pb;
}

/** error → warning → info, then page order (stable: rule order within a page). */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((x, y) => compareFindings(x.f, y.f) || x.i - y.i)
    .map((x) => x.f);
}

export interface RunOptions {
  lang?: Lang;
  /**
   * strict (tests): a rule that throws or reports an undeclared message id / missing data throws.
   * Otherwise (default) the rule's outcome is `not-applicable` with `error` and the others still run.
   */
  strict?: boolean;
}

export interface RunResult {
  findings: Finding[];
  outcomes: RuleOutcome[];
  /** the raw reports, per rule (for re-rendering in another language) */
  reports: { rule: Rule; report: RuleReport }[];
}

function runOne(
  rule: Rule,
  ctx: RuleContext,
  page: AnalyzedPage | undefined,
  lang: Lang,
  strict: boolean,
  out: RunResult,
): void {
  const pageIndex = page?.index;
  const missing = missingRequirements(rule, ctx, page);
  if (missing.length > 0) {
    out.outcomes.push({ ruleId: rule.meta.id, pageIndex, status: 'not-applicable', missing });
    return;
  }
  try {
    const reports = rule.check(ctx, page).map((r) => (page && r.pageIndex === undefined ? { ...r, pageIndex } : r));
    const findings = reports.map((r) => renderReport(rule, r, ctx, lang));
    out.findings.push(...findings);
    for (const report of reports) out.reports.push({ rule, report });
    out.outcomes.push({ ruleId: rule.meta.id, pageIndex, status: findings.length > 0 ? 'fired' : 'passed' });
  } catch (e) {
    if (strict) throw e;
    const error = e instanceof Error ? e.message : String(e);
    out.outcomes.push({ ruleId: rule.meta.id, pageIndex, status: 'not-applicable', missing: [], error: error.slice(0, 500) });
  }
}

/** Run `rules` on the context: page rules once per page, session rules once. Findings sorted. */
export function runRules(rules: readonly Rule[], ctx: RuleContext, opts: RunOptions = {}): RunResult {
  const lang = opts.lang ?? 'ja';
  const strict = opts.strict ?? false;
  const out: RunResult = { findings: [], outcomes: [], reports: [] };
  for (const rule of rules) {
    if (rule.scope === 'page') {
      for (const page of ctx.pages) runOne(rule, ctx, page, lang, strict, out);
    } else {
      runOne(rule, ctx, undefined, lang, strict, out);
    }
  }
  out.findings = sortFindings(out.findings);
  return out;
}

export function summarize(findings: readonly Finding[]): { errors: number; warnings: number; infos: number } {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const f of findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}
