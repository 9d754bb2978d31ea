/**
 * The rule contract (ESLint's meta + create, Lighthouse's required artifacts).
 * One rule per file; the file name is the rule id (`rules/oksky/loginkey-missing.ts` is
 * `oksky/loginkey-missing`). Each rule file has its case table beside it
 * (`loginkey-missing.test.ts`).
 */
import type { Evidence, Lang, LoginState, Page, Session, Severity, SourceRef } from '../model';
import type { Masker } from '../mask';
import type { LoginRequest, OkskyPageEvidence } from '../oksky/types';
import type { Snapshot } from '../snapshot';

/** A text in both languages. Templates may use `{name}` placeholders filled from a report's data. */
export interface Localized {
  ja: string;
  en: string;
}

/**
 * Evidence a rule needs. When a requirement is not met the rule is *not applicable* for that
 * page/session: it neither passes nor fails (e.g. network rules on a saved HTML page).
 * - `oksky-tag`: the page carries an OK SKY tag (static or runtime)
 * - `runtime`: the probe ran on the page
 * - `network`: network evidence was captured for the page (HAR, webRequest, devtools)
 * - `session`: two or more pages
 * - `login-state`: the page's state is not `unknown`
 * - `snapshots`: two snapshots to compare (compare rules)
 */
export type Requirement = 'oksky-tag' | 'runtime' | 'network' | 'session' | 'login-state' | 'snapshots' | 'channeltalk-tag';

/** Everything derived from one page before the rules run. */
export interface AnalyzedPage {
  index: number;
  page: Page;
  state: LoginState;
  oksky: OkskyPageEvidence;
  /** `/login` requests of this page with their decoded `query` */
  loginRequests: LoginRequest[];
  /** the OK SKY widget script requests of this page */
  widgetRequests: Session['requests'];
  /** network evidence exists for this page */
  networkCaptured: boolean;
  /** extension point for other vendors (Channel Talk, checklists) */
  [vendor: string]: unknown;
}

export interface RuleContext {
  session: Session;
  pages: AnalyzedPage[];
  masker: Masker;
  options: AnalyzeOptions;
  /** compare rules: the two snapshots (requirement `snapshots`) */
  compare?: { a: Snapshot; b: Snapshot };
}

export interface AnalyzeOptions {
  /** ms after page load within which a `/login` request is expected (default 10 000) */
  captureWindowMs: number;
  salt: string;
  reveal: boolean;
}

/** What a rule reports: one occurrence. */
export interface RuleReport {
  /** key of `meta.messages` (default: `default`) */
  messageId?: string;
  /** overrides the rule's declared severity (state-dependent rules) */
  severity?: Severity;
  /** values for the `{placeholders}` of the message and fix; personal values already masked via ctx.masker.show */
  data?: Record<string, string | number>;
  pageIndex?: number;
  evidence: Evidence[];
}

export interface RuleMeta {
  id: string;
  /** declared severity; `state-dependent` rules list the possible ones and set `severity` per report */
  severity: Severity | { stateDependent: Severity[] };
  title: Localized;
  /** explanation templates: why this breaks, in the voice of the support documents */
  messages: Record<string, Localized>;
  /** how to fix it (template) */
  fix: Localized;
  /** a fix per message id, when the fix depends on the case (falls back to `fix`) */
  fixes?: Record<string, Localized>;
  source: SourceRef;
  requires: Requirement[];
}

export type RuleScope = 'page' | 'session';

export interface Rule {
  meta: RuleMeta;
  /** page rules run once per applicable page; session rules once per session */
  scope: RuleScope;
  check(ctx: RuleContext, page?: AnalyzedPage): RuleReport[];
  /**
   * Evidence gaps only the rule can see (e.g. the capture ended before the `/login` window):
   * the requirements that are missing, or an empty list/undefined when the rule applies.
   */
  notApplicable?(ctx: RuleContext, page?: AnalyzedPage): Requirement[] | undefined;
}

/** The verdict of one rule on one page (or the session): for the UI's "what was checked". */
export interface RuleOutcome {
  ruleId: string;
  pageIndex?: number;
  status: 'fired' | 'passed' | 'not-applicable';
  /** the requirement that was missing, when not applicable */
  missing?: Requirement[];
  /** the rule itself failed on this evidence (a bug): it is reported as not applicable with the reason */
  error?: string;
}

export type { Lang };
