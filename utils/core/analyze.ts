/**
 * The analysis driver: from a Session (pages + requests, from any source) to rendered findings.
 * Derives each page's evidence once (OK SKY tags, `/login` queries, other vendors' derivers),
 * then runs the rules (rules/engine.ts). Pure: the extension, the CLI and tests share it.
 */
import { pageDerivers } from './derivers';
import { createMasker, randomSalt, saltId as saltIdOf } from './mask';
import { refineFragments } from './locate';
import { jsParses } from './locate-parse';
import type { Finding, Lang, NetworkRequest, Page, Session, Summary } from './model';
import { extractOksky } from './oksky/extract';
import { parseLoginPayload } from './oksky/login-payload';
import { classifyOkskyRequest } from './oksky/requests';
import type { LoginQuery, LoginRequest, OkskyPageEvidence } from './oksky/types';
import { requestsShowCapture, runRules, summarize } from './rules/engine';
import { sessionRules } from './rules/registry';
import type { AnalyzeOptions, AnalyzedPage, Rule, RuleContext, RuleOutcome } from './rules/types';

export { pageDerivers, registerPageDeriver, type PageDeriver } from './derivers';

export const DEFAULT_CAPTURE_WINDOW_MS = 10_000;

export interface AnalyzeSessionOptions {
  /** language of the rendered findings (default `ja`) */
  lang?: Lang;
  /** fingerprint salt; random when not given (pin one to compare fingerprints across snapshots) */
  salt?: string;
  /** show personal values in clear in messages (never in snapshots) */
  reveal?: boolean;
  /** ms after page load within which a `/login` request is expected (default 10 000) */
  captureWindowMs?: number;
  /** the rules to run (default: every session rule of the registry) */
  rules?: readonly Rule[];
  /**
   * The source observed the network for the whole session (webRequest, a HAR): every page counts
   * as network-captured, even one without requests. Default: a page is network-captured when at
   * least one captured (not `pasted`) request was assigned to it.
   */
  networkCaptured?: boolean;
  /** tests: a rule that throws or misreports fails the analysis instead of being skipped */
  strict?: boolean;
  /**
   * pageEvidence of some of the session's pages, derived beforehand (the CLI's pool derives it in
   * the thread that parsed the page): used instead of deriving it again. Must be what
   * pageEvidence gives for that page object.
   */
  evidence?: ReadonlyMap<Page, PageEvidence>;
}

export interface AnalysisResult {
  pages: AnalyzedPage[];
  /** rendered in `lang`, sorted error → warning → info, then page order */
  findings: Finding[];
  outcomes: RuleOutcome[];
  summary: Summary;
  /** public id of the salt: fingerprints of two results are comparable when equal */
  saltId: string;
  lang: Lang;
  /**
   * The salt itself and whether values were revealed: buildSnapshot fingerprints with it and
   * re-renders masked. Keep in memory; never write it out (it lets anyone test guesses).
   */
  salt: string;
  reveal: boolean;
  captureWindowMs: number;
  session: Session;
}

const EMPTY_OKSKY: OkskyPageEvidence = { staticTags: [], runtimeTags: [], probed: false, syntaxErrors: [] };

/**
 * Which page made each request: its `pageId` when it names a page of the session, else the
 * latest page loaded at or before the request (a single page takes every request).
 */
export function assignRequests(session: Session): NetworkRequest[][] {
  const byPage: NetworkRequest[][] = session.pages.map(() => []);
  if (session.pages.length === 0) return byPage;
  const indexById = new Map(session.pages.map((p, i) => [p.id, i]));
  const timed = session.pages
    .map((p, i) => ({ t: p.time, i }))
    .filter((x): x is { t: number; i: number } => typeof x.t === 'number' && Number.isFinite(x.t))
    .sort((a, b) => a.t - b.t || a.i - b.i);
  for (const req of session.requests) {
    const byId = req.pageId !== undefined ? indexById.get(req.pageId) : undefined;
    if (byId !== undefined) {
      byPage[byId].push(req);
      continue;
    }
    if (session.pages.length === 1) {
      byPage[0].push(req);
      continue;
    }
    // binary search: the last page whose load time is ≤ the request's time
    let lo = 0;
    let hi = timed.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (timed[mid].t <= req.time) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found >= 0) byPage[timed[found].i].push(req);
  }
  for (const list of byPage) list.sort((a, b) => a.time - b.time);
  return byPage;
}

function decodeLogin(req: NetworkRequest): LoginQuery {
  if (req.bodyTruncated) return { status: 'unreadable', entries: [], reason: 'request body was truncated by the capture bounds' };
  return parseLoginPayload(req.body, req.contentType);
}

/**
 * What analyzePages derives from a page alone (no requests, no other page): the page with its
 * fragments refined, and its OK SKY evidence. Pages are independent, so the CLI's pool derives
 * this where the page was parsed (another thread) and passes it in (AnalyzeSessionOptions.evidence).
 */
export interface PageEvidence {
  /** the page the derivers read: the page itself, or a copy with refined fragments */
  source: Page;
  oksky: OkskyPageEvidence;
}

/** The evidence of one page (see PageEvidence); analyzePages uses it for every page it is not given. */
export function pageEvidence(page: Page): PageEvidence {
  // fragments the extension cut without a parser start at a statement boundary where they parse (locate.ts)
  const source = withRefinedFragments(page);
  let oksky: OkskyPageEvidence;
  try {
    oksky = extractOksky(source);
  } catch {
    // the extractor is tolerant; a bug there must not take the other vendors down
    oksky = EMPTY_OKSKY;
  }
  return { source, oksky };
}

function withRefinedFragments(page: Page): Page {
  try {
    const scripts = refineFragments(page, jsParses);
    return scripts === page.scripts ? page : { ...page, scripts };
  } catch {
    return page;
  }
}

/** Derive every page's evidence (no rules). */
export function analyzePages(session: Session, opts: { networkCaptured?: boolean; evidence?: ReadonlyMap<Page, PageEvidence> } = {}): AnalyzedPage[] {
  const requests = assignRequests(session);
  return session.pages.map((page, index) => {
    const { source, oksky } = opts.evidence?.get(page) ?? pageEvidence(page);
    const loginRequests: LoginRequest[] = [];
    const widgetRequests: NetworkRequest[] = [];
    for (const req of requests[index]) {
      const kind = classifyOkskyRequest(req);
      if (kind === 'login') loginRequests.push({ request: req, query: decodeLogin(req), pageIndex: index });
      else if (kind === 'widget-script') widgetRequests.push(req);
    }
    const analyzed: AnalyzedPage = {
      index,
      page,
      state: page.state.value,
      oksky,
      loginRequests,
      widgetRequests,
      networkCaptured: opts.networkCaptured ?? requestsShowCapture(requests[index]),
    };
    for (const d of pageDerivers) {
      try {
        analyzed[d.name] = d.derive({ page: source, index, requests: requests[index] });
      } catch {
        analyzed[d.name] = undefined;
      }
    }
    return analyzed;
  });
}

function contextOf(session: Session, pages: AnalyzedPage[], options: AnalyzeOptions): RuleContext {
  return { session, pages, masker: createMasker(options.salt, options.reveal), options };
}

/** Analyse a session: derive evidence, run the rules, render findings in `lang`. */
export function analyzeSession(session: Session, opts: AnalyzeSessionOptions = {}): AnalysisResult {
  const lang = opts.lang ?? 'ja';
  const salt = opts.salt ?? randomSalt();
  const reveal = opts.reveal ?? false;
  const captureWindowMs = opts.captureWindowMs ?? DEFAULT_CAPTURE_WINDOW_MS;
  const pages = analyzePages(session, { networkCaptured: opts.networkCaptured, evidence: opts.evidence });
  const ctx = contextOf(session, pages, { captureWindowMs, salt, reveal });
  const run = runRules(opts.rules ?? sessionRules, ctx, { lang, strict: opts.strict });
  return {
    pages,
    findings: run.findings,
    outcomes: run.outcomes,
    summary: summarize(run.findings),
    saltId: saltIdOf(salt),
    lang,
    salt,
    reveal,
    captureWindowMs,
    session,
  };
}

/**
 * The findings of a result rendered again, in another language or masked (a revealed result
 * going into a snapshot or a shared report).
 */
export function renderFindings(result: AnalysisResult, opts: { lang?: Lang; reveal?: boolean; rules?: readonly Rule[] } = {}): Finding[] {
  const ctx = contextOf(result.session, result.pages, {
    captureWindowMs: result.captureWindowMs,
    salt: result.salt,
    reveal: opts.reveal ?? result.reveal,
  });
  return runRules(opts.rules ?? sessionRules, ctx, { lang: opts.lang ?? result.lang }).findings;
}
