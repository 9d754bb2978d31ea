/**
 * The rule tester (ESLint's RuleTester, Lighthouse's partial artifacts): each rule's test is one
 * table of `valid` and `invalid` cases built from small partial records. Reports are rendered in
 * both languages in strict mode, so an undeclared message id or a missing `{placeholder}` fails.
 *
 * Test-only: imports vitest.
 */
import { describe, expect, it } from 'vitest';
import type { EvidenceSource, InputLimit, LoginState, NetworkRequest, Page, Session, Severity, StaticValue, TagCall } from '../model';
import { createMasker } from '../mask';
import type { LoginQuery, LoginRequest, OkskyPageEvidence, OkskyTag, ScriptSyntaxError } from '../oksky/types';
import { Snapshot as SnapshotSchema, type Snapshot } from '../snapshot';
import { missingRequirements, renderReport, reportSeverity, requestsShowCapture, templatePlaceholders } from './engine';
import type { AnalyzeOptions, AnalyzedPage, Requirement, Rule, RuleContext, RuleReport } from './types';

export const TEST_SALT = 'rule-tester-salt';
export const DEFAULT_HOST = 'kobuna-s-001.okskychat.net';
export const DEFAULT_KEY = 'kobuna-s-001-0D5ACD179B043831';

export type ValueInput = StaticValue | string | number | null;

/** A string literal as the tag would write it (`"xxxxx"`). */
export function str(value: string, quote = '"'): StaticValue {
  return { kind: 'string', value, raw: `${quote}${value}${quote}`, quote };
}

/** A number literal as written (`012345` is legacy octal in sloppy mode: JavaScript sends 5349). */
export function num(raw: string): StaticValue {
  let value: number;
  if (/^0[0-7]+$/.test(raw)) value = parseInt(raw, 8);
  else if (/^0\d+$/.test(raw)) value = parseInt(raw, 10);
  else value = Number(raw.replace(/_/g, ''));
  return { kind: 'number', value, raw };
}

/** A run-time expression (`user.id`): its value is not known statically. */
export function expr(raw: string): StaticValue {
  return { kind: 'unknown', raw };
}

export function toValue(v: ValueInput): StaticValue {
  if (v === null) return { kind: 'null', raw: 'null' };
  if (typeof v === 'string') return str(v);
  if (typeof v === 'number') return num(String(v));
  return v;
}

function argText(v: StaticValue): string {
  if (v.raw !== undefined) return v.raw;
  if (v.kind === 'string') return JSON.stringify(v.value);
  if (v.kind === 'number') return String(v.value);
  if (v.kind === 'object') return `{${v.entries.map((e) => `${e.key}: ${argText(e.value)}`).join(', ')}}`;
  return v.kind;
}

let lineCounter = 0;

export interface CallSpec {
  origin?: 'static' | 'runtime';
  global?: string;
  line?: number;
  commented?: boolean;
  smartQuotes?: boolean;
}

/** A queue call `OkskyChat(name, value)`. */
export function call(name: string, value: ValueInput, spec: CallSpec = {}): TagCall {
  const v = toValue(value);
  const global = spec.global ?? 'OkskyChat';
  const q = spec.smartQuotes ? ['“', '"'] : ['"', '"'];
  const raw = `${spec.commented ? '//' : ''}${global}(${q[0]}${name}${q[1]}, ${spec.smartQuotes && v.kind === 'string' ? `“${v.value}"` : argText(v)});`;
  const c: TagCall = {
    vendor: 'oksky',
    form: 'queue',
    name,
    args: [v],
    global,
    origin: spec.origin ?? 'static',
    raw,
    location: { line: spec.line ?? ++lineCounter, column: 1 },
  };
  if (spec.commented) c.commented = true;
  if (spec.smartQuotes) c.smartQuotes = true;
  return c;
}

export interface QueueTagSpec {
  origin?: 'static' | 'runtime';
  /** widget host (default kobuna-s-001.okskychat.net); `null` for no loader seen */
  host?: string | null;
  /** the key (default kobuna-s-001-0D5ACD179B043831); several for a page that sets more than one; `null` for none */
  key?: string | string[] | null;
  /** the `loginKey` value as written (comma-separated allowed); omitted = no loginKey call */
  loginKey?: string;
  /** master keywords in call order */
  keywords?: [string, ValueInput][];
  /** calls found only in comments, e.g. [['loginKey', 'customer_id'], ['customer_id', '0292564']] */
  commented?: [string, ValueInput][];
  loaderCount?: number;
  global?: string;
  smartQuotes?: boolean;
}

/** An OK SKY queue-form tag (000's 埋め込みタグ) from a few fields. */
export function queueTag(spec: QueueTagSpec = {}): OkskyTag {
  const origin = spec.origin ?? 'static';
  const global = spec.global ?? 'OkskyChat';
  const cs: CallSpec = { origin, global, smartQuotes: spec.smartQuotes };
  const host = spec.host === undefined ? DEFAULT_HOST : spec.host;
  const keys = spec.key === null ? [] : Array.isArray(spec.key) ? spec.key : [spec.key ?? DEFAULT_KEY];
  const calls: TagCall[] = keys.map((k) => call('key', k, cs));
  const loginKeyCalls: TagCall[] = [];
  if (spec.loginKey !== undefined) {
    const c = call('loginKey', spec.loginKey, cs);
    loginKeyCalls.push(c);
    calls.push(c);
  }
  const keywords = (spec.keywords ?? []).map(([name, value]) => {
    const c = call(name, value, cs);
    calls.push(c);
    return { name, value: c.args[0], call: c, via: 'queue' as const };
  });
  const commentedCalls = (spec.commented ?? []).map(([name, value]) => call(name, value, { ...cs, commented: true }));
  const widgetUrl = host ? `https://${host}/widget/widget.js` : undefined;
  return {
    form: 'queue',
    origin,
    global,
    widgetUrl,
    widgetHost: host ?? undefined,
    location: { line: 1, column: 1 },
    loaderCount: spec.loaderCount ?? (host ? 1 : 0),
    calls,
    commentedCalls,
    key: keys.length > 0 ? keys[keys.length - 1] : undefined,
    keys: [...new Set(keys)],
    loginKeys: spec.loginKey === undefined ? [] : spec.loginKey.split(',').map((s) => s.trim()),
    loginKeyCalls,
    keywords,
  };
}

export interface SdkTagSpec {
  origin?: 'static' | 'runtime';
  widgetId?: string;
  systemUrl?: ValueInput;
  /** SDK `login` object; `null` for not given */
  login?: Record<string, ValueInput> | null;
  userInfos?: Record<string, ValueInput>;
  shown?: boolean;
}

/** An OK SKY SDK-form tag: `new OkskyChat(WIDGET_ID, SYSTEM_URL, { login, user_infos })`. */
export function sdkTag(spec: SdkTagSpec = {}): OkskyTag {
  const origin = spec.origin ?? 'static';
  const widgetId = spec.widgetId ?? 'WIDGET-0001';
  const systemUrl = toValue(spec.systemUrl ?? 'https://kobuna-s-001.ok-sky.com/');
  const loginEntries = Object.entries(spec.login ?? {}).map(([key, v]) => ({ key, value: toValue(v) }));
  const infoEntries = Object.entries(spec.userInfos ?? {}).map(([key, v]) => ({ key, value: toValue(v) }));
  const options: StaticValue = {
    kind: 'object',
    entries: [
      ...(spec.login === null ? [] : [{ key: 'login', value: { kind: 'object' as const, entries: loginEntries } }]),
      ...(infoEntries.length > 0 ? [{ key: 'user_infos', value: { kind: 'object' as const, entries: infoEntries } }] : []),
    ],
  };
  const ctor: TagCall = {
    vendor: 'oksky',
    form: 'sdk',
    name: 'new',
    args: [str(widgetId), systemUrl, options],
    global: 'OkskyChat',
    origin,
    raw: `new OkskyChat(${JSON.stringify(widgetId)}, ${argText(systemUrl)}, ${argText(options)})`,
    location: { line: ++lineCounter, column: 1 },
  };
  return {
    form: 'sdk',
    origin,
    global: 'OkskyChat',
    widgetUrl: 'https://cdn.ok-sky.com/sdk/latest/widget.js',
    widgetHost: 'cdn.ok-sky.com',
    location: ctor.location,
    loaderCount: 1,
    calls: [ctor],
    commentedCalls: [],
    key: widgetId,
    keys: [widgetId],
    loginKeys: loginEntries.map((e) => e.key),
    loginKeyCalls: [],
    keywords: [
      ...loginEntries.map((e) => ({ name: e.key, value: e.value, call: ctor, via: 'sdk-login' as const })),
      ...infoEntries.map((e) => ({ name: e.key, value: e.value, call: ctor, via: 'sdk-user-infos' as const })),
    ],
    systemUrl,
    sdkLogin: spec.login === null ? undefined : { kind: 'object', entries: loginEntries },
    shown: spec.shown ?? true,
  };
}

let requestCounter = 0;

export interface RequestSpec {
  time?: number;
  url?: string;
  status?: number;
  error?: string;
  id?: string;
  /** a `/login` payload given by hand (NetworkRequest.pasted) */
  pasted?: boolean;
}

/** A `/login` POST with its decoded query: entries, `'empty'`, or a full LoginQuery. */
export function loginRequest(query: Record<string, string> | 'empty' | LoginQuery, spec: RequestSpec = {}): LoginRequest {
  let q: LoginQuery;
  if (query === 'empty') q = { status: 'empty', format: 'object', entries: [] };
  else if ('status' in query && Array.isArray((query as LoginQuery).entries)) q = query as LoginQuery;
  else q = { status: 'ok', format: 'object', entries: Object.entries(query as Record<string, string>).map(([key, value]) => ({ key, value })) };
  const body = JSON.stringify({ query: Object.fromEntries(q.entries.map((e) => [e.key, e.value])) });
  return {
    request: {
      id: spec.id ?? `req-${++requestCounter}`,
      url: spec.url ?? `https://${DEFAULT_HOST}/rapi/v1/clients/123/login`,
      method: 'POST',
      type: 'xhr',
      status: spec.status ?? 200,
      error: spec.error,
      body,
      contentType: 'application/json',
      time: spec.time ?? 1_000,
      ...(spec.pasted ? { pasted: true } : {}),
    },
    query: q,
  };
}

/** The widget script request (`widget.js`). */
export function widgetRequest(spec: RequestSpec = {}): NetworkRequest {
  return {
    id: spec.id ?? `req-${++requestCounter}`,
    url: spec.url ?? `https://${DEFAULT_HOST}/widget/widget.js`,
    method: 'GET',
    type: 'script',
    status: spec.error ? undefined : (spec.status ?? 200),
    error: spec.error,
    time: spec.time ?? 500,
  };
}

export interface PageSpec {
  url?: string;
  state?: LoginState;
  /** ms since epoch of the load (default 0) */
  time?: number;
  staticTags?: OkskyTag[];
  runtimeTags?: OkskyTag[];
  /** default: true when runtimeTags are given */
  probed?: boolean;
  syntaxErrors?: Partial<ScriptSyntaxError>[];
  loginRequests?: LoginRequest[];
  widgetRequests?: NetworkRequest[];
  /** other requests of the page (documents, images): network evidence without OK SKY traffic */
  otherRequests?: NetworkRequest[];
  /** default: true when any request is given */
  networkCaptured?: boolean;
  csp?: string;
  /** other vendors' derived evidence (`channeltalk`, ...) */
  extra?: Record<string, unknown>;
  /** what the bounds cut on this page (Page.limits) */
  limits?: InputLimit[];
  /** the page was marked cut (Page.truncated) */
  truncated?: boolean;
}

function syntaxError(e: Partial<ScriptSyntaxError>): ScriptSyntaxError {
  return {
    scriptIndex: e.scriptIndex ?? 0,
    message: e.message ?? 'Unexpected character',
    location: e.location ?? { line: 4, column: 11 },
    smartQuotes: e.smartQuotes ?? false,
    lineText: e.lineText ?? 'OkskyChat(“customer_id”, “xxxxx");',
    holdsTag: e.holdsTag ?? true,
  };
}

/** An AnalyzedPage from a partial record. */
export function analyzedPage(spec: PageSpec = {}, index = 0): AnalyzedPage {
  const loginRequests = (spec.loginRequests ?? []).map((r) => ({ ...r, pageIndex: index }));
  const widgetRequests = spec.widgetRequests ?? [];
  const other = spec.otherRequests ?? [];
  const requests = [...widgetRequests, ...loginRequests.map((r) => r.request), ...other];
  const page: Page = {
    id: `p${index}`,
    url: spec.url ?? `https://shop.example.jp/page${index}`,
    time: spec.time ?? 0,
    state: { value: spec.state ?? 'unknown', source: spec.state ? 'explicit' : 'inferred', hints: [] },
    scripts: [],
    scriptUrls: [],
    runtimeCalls: (spec.runtimeTags ?? []).flatMap((t) => t.calls),
    csp: spec.csp,
  };
  if (spec.limits) page.limits = spec.limits;
  if (spec.truncated) page.truncated = true;
  const oksky: OkskyPageEvidence = {
    staticTags: spec.staticTags ?? [],
    runtimeTags: spec.runtimeTags ?? [],
    probed: spec.probed ?? spec.runtimeTags !== undefined,
    syntaxErrors: (spec.syntaxErrors ?? []).map(syntaxError),
  };
  return {
    ...(spec.extra ?? {}),
    index,
    page,
    state: spec.state ?? 'unknown',
    oksky,
    loginRequests,
    widgetRequests,
    networkCaptured: spec.networkCaptured ?? requestsShowCapture(requests),
  };
}

export interface ContextSpec {
  pages?: PageSpec[];
  /** session-wide bounds: Session.dropped and Session.limits */
  session?: Pick<Session, 'dropped' | 'limits'>;
  compare?: { a: Snapshot; b: Snapshot };
  options?: Partial<AnalyzeOptions>;
}

/** A RuleContext over partial pages (masking with a fixed test salt, not revealing). */
export function ruleContext(spec: ContextSpec = {}): RuleContext {
  const pages = (spec.pages ?? []).map((p, i) => analyzedPage(p, i));
  const options: AnalyzeOptions = { captureWindowMs: 10_000, salt: TEST_SALT, reveal: false, ...spec.options };
  return {
    session: {
      pages: pages.map((p) => p.page),
      requests: pages.flatMap((p) => [...p.widgetRequests, ...p.loginRequests.map((r) => r.request)]),
      ...spec.session,
    },
    pages,
    masker: createMasker(options.salt, options.reveal),
    options,
    compare: spec.compare,
  };
}

export interface ExpectedReport {
  messageId?: string;
  severity?: Severity;
  /** a subset of the report's data */
  data?: Record<string, string | number>;
  pageIndex?: number;
  /** the first evidence's source */
  source?: EvidenceSource;
}

export interface RuleCase extends ContextSpec {
  name: string;
  /** shorthand for `pages: [page]` */
  page?: PageSpec;
  /** texts that must not appear anywhere in the rendered findings (personal values) */
  hidden?: string[];
}

export interface ValidCase extends RuleCase {
  /** default `passed`: the rule applied and found nothing */
  expect?: 'passed' | 'not-applicable';
  /** for not-applicable: the missing requirements */
  missing?: Requirement[];
}

export interface InvalidCase extends RuleCase {
  errors: ExpectedReport[];
}

function contextOf(c: RuleCase): RuleContext {
  return ruleContext({ ...c, pages: c.pages ?? (c.page ? [c.page] : c.compare ? [] : [{}]) });
}

/** Run `rule` where it applies; returns the outcome per scope unit and all reports. */
export function runRule(rule: Rule, ctx: RuleContext): { missing: Requirement[][]; reports: RuleReport[] } {
  const units = rule.scope === 'page' ? ctx.pages : [undefined];
  const missing: Requirement[][] = [];
  const reports: RuleReport[] = [];
  for (const page of units) {
    const m = missingRequirements(rule, ctx, page);
    missing.push(m);
    if (m.length > 0) continue;
    for (const r of rule.check(ctx, page)) reports.push(page && r.pageIndex === undefined ? { ...r, pageIndex: page.index } : r);
  }
  return { missing, reports };
}

/** Every text of the rule exists in both languages and placeholders agree between them. */
export function checkRuleMeta(rule: Rule): void {
  const { meta } = rule;
  const texts = [
    ['title', meta.title],
    ['fix', meta.fix],
    ...Object.entries(meta.messages).map(([k, v]) => [`messages.${k}`, v] as const),
    ...Object.entries(meta.fixes ?? {}).map(([k, v]) => [`fixes.${k}`, v] as const),
  ] as const;
  for (const [where, loc] of texts) {
    expect(loc.ja.trim(), `${meta.id} ${where}.ja`).not.toBe('');
    expect(loc.en.trim(), `${meta.id} ${where}.en`).not.toBe('');
    expect(/[ぁ-んァ-ヶ一-龠]/.test(loc.ja), `${meta.id} ${where}.ja is Japanese`).toBe(true);
    // `{kindJa}` / `{kindEn}` are the same datum in each language
    const names = (t: string) => new Set(templatePlaceholders(t).map((n) => n.replace(/(Ja|En)$/, '')));
    expect(names(loc.en), `${meta.id} ${where}: same placeholders in ja and en`).toEqual(names(loc.ja));
  }
  expect(Object.keys(meta.messages).length).toBeGreaterThan(0);
}

/** Declare the rule's case table as vitest tests. */
export function ruleTester(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(rule.meta.id, () => {
    it('has its texts in Japanese and English', () => checkRuleMeta(rule));

    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        const ctx = contextOf(c);
        const { missing, reports } = runRule(rule, ctx);
        expect(reports, 'no report expected').toEqual([]);
        const na = missing.every((m) => m.length > 0);
        if ((c.expect ?? 'passed') === 'not-applicable') {
          expect(na, 'the rule should be not applicable').toBe(true);
          if (c.missing) expect(new Set(missing.flat())).toEqual(new Set(c.missing));
        } else {
          expect(missing.some((m) => m.length === 0), `the rule should apply (missing: ${JSON.stringify(missing)})`).toBe(true);
        }
      });
    }

    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        const ctx = contextOf(c);
        const { reports } = runRule(rule, ctx);
        expect(
          reports.map((r) => r.messageId ?? 'default'),
          'reports',
        ).toEqual(c.errors.map((e) => e.messageId ?? 'default'));
        reports.forEach((r, i) => {
          const e = c.errors[i];
          expect(r.evidence.length, 'a report carries evidence').toBeGreaterThan(0);
          if (e.severity) expect(reportSeverity(rule, r)).toBe(e.severity);
          if (e.data) expect(r.data ?? {}).toMatchObject(e.data);
          if (e.pageIndex !== undefined) expect(r.pageIndex).toBe(e.pageIndex);
          if (e.source) expect(r.evidence[0].source).toBe(e.source);
          // strict rendering: unknown message ids and missing placeholder data throw
          const ja = renderReport(rule, r, ctx, 'ja');
          const en = renderReport(rule, r, ctx, 'en');
          for (const f of [ja, en]) {
            for (const hidden of c.hidden ?? []) expect(JSON.stringify(f), `"${hidden}" must be masked`).not.toContain(hidden);
          }
        });
      });
    }
  });
}

export interface SnapshotTagSpec {
  host?: string;
  key?: string;
  loginKeys?: string[];
  keywords?: string[];
  linkage?: boolean;
  origin?: 'static' | 'runtime';
}

export interface SnapshotSpec {
  env?: string;
  saltId?: string;
  /** `queries`: this page's `/login` requests (with its pageIndex), one per entry */
  pages?: { url?: string; state?: LoginState; tag?: SnapshotTagSpec | null; queries?: ('ok' | 'empty')[] }[];
  /** one `/login` request per entry, attached to no page */
  queries?: ('ok' | 'empty')[];
}

/** A Snapshot from a few fields (validated by the Snapshot schema). */
export function snapshot(spec: SnapshotSpec = {}): Snapshot {
  const pages = (spec.pages ?? [{}]).map((p, i) => {
    const t = p.tag === null ? undefined : (p.tag ?? {});
    const keywords = t?.keywords ?? ['customer_id'];
    return {
      url: p.url ?? `https://shop.example.jp/page${i}`,
      state: p.state ?? ('logged-in' as const),
      tags: t
        ? [
            {
              vendor: 'oksky' as const,
              form: 'queue' as const,
              origin: t.origin ?? ('static' as const),
              widgetHost: t.host ?? DEFAULT_HOST,
              widgetUrl: `https://${t.host ?? DEFAULT_HOST}/widget/widget.js`,
              key: t.key ?? DEFAULT_KEY,
              keys: [t.key ?? DEFAULT_KEY],
              loginKeys: t.loginKeys ?? ['customer_id'],
              keywords: keywords.map((name) => ({ name, kind: 'string', value: { masked: 'A1****67', fingerprint: 'fp:0123456789abcdef' } })),
              linkage: t.linkage ?? (t.loginKeys ?? ['customer_id']).length > 0,
            },
          ]
        : [],
    };
  });
  const loginQueries = [
    ...(spec.queries ?? []).map((status) => ({ status, pageIndex: undefined as number | undefined })),
    ...(spec.pages ?? []).flatMap((p, pageIndex) => (p.queries ?? []).map((status) => ({ status, pageIndex: pageIndex as number | undefined }))),
  ];
  const requests = loginQueries.map(({ status, pageIndex }) => ({
    ...(pageIndex !== undefined ? { pageIndex } : {}),
    url: `https://${DEFAULT_HOST}/rapi/v1/clients/1/login`,
    method: 'POST',
    kind: 'login',
    status: 200,
    query: {
      status,
      entries: status === 'ok' ? [{ key: 'customer_id', value: { masked: 'A1****67', fingerprint: 'fp:0123456789abcdef' } }] : [],
    },
  }));
  return SnapshotSchema.parse({
    tool: { name: 'renkei-doctor', version: '0.0.0-test' },
    env: spec.env,
    saltId: spec.saltId,
    pages,
    requests,
    findings: [],
    summary: { errors: 0, warnings: 0, infos: 0 },
  });
}
