/**
 * What the panel and popup draw, derived from a capture and its analysis. Pure functions (no
 * React, no browser) so they are cheap to test and to benchmark.
 */
import { maskText } from '../core/mask';
import type { Finding, Lang, LoginState, NetworkRequest, Page, Session, Severity, Summary } from '../core/model';
import type { LoginQuery, OkskyTag } from '../core/oksky/types';
import type { AnalyzedPage, RuleOutcome } from '../core/rules/types';
import type { Verdict } from '../core/verdict';

/** The shape of `analyzeSession`'s result that the UI reads (utils/core/analyze.ts). */
export interface PanelAnalysis {
  pages: AnalyzedPage[];
  findings: Finding[];
  outcomes: RuleOutcome[];
  summary: Summary;
  saltId: string;
  lang: Lang;
  /** nothing captured / no tag / all clear / problems, with the checks that passed (utils/core/verdict.ts) */
  verdict?: Verdict;
}

export const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

/** A person's choice wins over inference (RULES.md "Page login state"). */
export function applyOverrides(session: Session, overrides: Record<string, LoginState>): Session {
  if (Object.keys(overrides).length === 0) return session;
  return {
    ...session,
    pages: session.pages.map((p) => {
      const o = overrides[p.id];
      return o ? { ...p, state: { ...p.state, value: o, source: 'explicit' as const } } : p;
    }),
  };
}

export function summarize(findings: Finding[]): Summary {
  const s = { errors: 0, warnings: 0, infos: 0 };
  for (const f of findings) {
    if (f.severity === 'error') s.errors++;
    else if (f.severity === 'warning') s.warnings++;
    else s.infos++;
  }
  return s;
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url.slice(0, 80);
  }
}

export function shortUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}${u.search ? '?…' : ''}`;
  } catch {
    return url.slice(0, 200);
  }
}

// ---------------------------------------------------------------- filtering

/**
 * A filter over rows whose searchable text was lower-cased once, up front: a keystroke is one
 * `includes` per row (10 000 rows ≈ 1 ms), never a re-render of every row's text.
 */
export interface FilterIndex {
  texts: string[];
}

export function buildFilterIndex(texts: string[]): FilterIndex {
  return { texts: texts.map((t) => t.toLowerCase()) };
}

/** Indices of the rows matching every whitespace-separated term of `query` (all rows when empty). */
export function filterIndex(index: FilterIndex, query: string): number[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  const out: number[] = [];
  const { texts } = index;
  if (terms.length === 0) {
    for (let i = 0; i < texts.length; i++) out.push(i);
    return out;
  }
  outer: for (let i = 0; i < texts.length; i++) {
    const t = texts[i]!;
    for (const term of terms) if (!t.includes(term)) continue outer;
    out.push(i);
  }
  return out;
}

// ---------------------------------------------------------------- network

export type RequestKind = 'login' | 'widget-script' | 'other';

export interface NetworkRow {
  request: NetworkRequest;
  kind: RequestKind;
  /** `/login` only: the decoded query with values masked */
  query?: { status: LoginQuery['status']; format?: LoginQuery['format']; entries: { key: string; value: string }[]; reason?: string };
  pageIndex?: number;
  /** ms since the session's first page (or request) */
  offsetMs: number;
}

export function sessionStart(session: Session): number {
  let start = Infinity;
  for (const p of session.pages) if (p.time !== undefined && p.time < start) start = p.time;
  if (start === Infinity) for (const r of session.requests) if (r.time < start) start = r.time;
  return start === Infinity ? 0 : start;
}

export function buildNetworkRows(session: Session, analysis: PanelAnalysis | undefined): NetworkRow[] {
  const login = new Map<string, { query: LoginQuery; pageIndex?: number }>();
  const widget = new Map<string, number>();
  for (const ap of analysis?.pages ?? []) {
    for (const lr of ap.loginRequests) login.set(lr.request.id, { query: lr.query, pageIndex: lr.pageIndex ?? ap.index });
    for (const w of ap.widgetRequests) widget.set(w.id, ap.index);
  }
  const pageIndexById = new Map(session.pages.map((p, i) => [p.id, i]));
  const start = sessionStart(session);
  return session.requests.map((request) => {
    const l = login.get(request.id);
    const row: NetworkRow = {
      request,
      kind: l ? 'login' : widget.has(request.id) ? 'widget-script' : 'other',
      pageIndex: l?.pageIndex ?? widget.get(request.id) ?? (request.pageId ? pageIndexById.get(request.pageId) : undefined),
      offsetMs: Math.max(0, request.time - start),
    };
    if (l) {
      row.query = {
        status: l.query.status,
        format: l.query.format,
        reason: l.query.reason,
        entries: l.query.entries.map((e) => ({ key: e.key, value: maskText(e.value) })),
      };
    }
    return row;
  });
}

export function networkRowText(row: NetworkRow): string {
  const r = row.request;
  const q = row.query ? ` ${row.query.status} ${row.query.entries.map((e) => `${e.key}=${e.value}`).join(' ')}` : '';
  return `${r.method} ${r.url} ${r.status ?? ''} ${r.error ?? ''} ${row.kind}${q}`;
}

// ---------------------------------------------------------------- findings

export function findingText(f: Finding): string {
  return `${f.ruleId} ${f.severity} ${f.title} ${f.message} ${f.fix} ${f.page ?? ''} ${f.evidence.map((e) => `${e.text ?? ''} ${e.url ?? ''}`).join(' ')}`;
}

/** The evidence sources a finding rests on, in a stable order. */
export function evidenceSources(f: Finding): ('static' | 'runtime' | 'network')[] {
  const set = new Set(f.evidence.map((e) => e.source));
  return (['static', 'runtime', 'network'] as const).filter((s) => set.has(s));
}

/** Severity order for "worst first". */
export function worstFirst(findings: Finding[]): Finding[] {
  const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  return [...findings].sort((a, b) => rank[a.severity] - rank[b.severity]);
}

// ---------------------------------------------------------------- tags

/** The tags to show for a page: what ran (runtime) when the probe saw it, and what the source says. */
export function pageTags(ap: AnalyzedPage): OkskyTag[] {
  return [...ap.oksky.staticTags, ...ap.oksky.runtimeTags];
}

export interface KeywordView {
  name: string;
  /** masked value, or a description of a non-constant value */
  value: string;
  kind: string;
  identifying: boolean;
  via?: string;
}

export function staticValueText(v: import('../core/model').StaticValue): { text: string; kind: string } {
  switch (v.kind) {
    case 'string':
      return { text: v.value === '' ? '""' : maskText(v.value), kind: 'string' };
    case 'number':
      return { text: maskText(v.raw ?? String(v.value)), kind: 'number' };
    case 'boolean':
      return { text: String(v.value), kind: 'boolean' };
    case 'null':
      return { text: 'null', kind: 'null' };
    case 'undefined':
      return { text: 'undefined', kind: 'undefined' };
    case 'object':
      return { text: `{${v.entries.map((e) => e.key).join(', ')}}`, kind: 'object' };
    case 'array':
      return { text: `[${v.items.length}]`, kind: 'array' };
    case 'function':
      return { text: 'function', kind: 'function' };
    default:
      return { text: v.raw ? v.raw.slice(0, 80) : '?', kind: 'unknown' };
  }
}

export function keywordViews(tag: OkskyTag): KeywordView[] {
  const ids = new Set(tag.loginKeys);
  return tag.keywords.map((k) => {
    const { text, kind } = staticValueText(k.value);
    return { name: k.name, value: text, kind, identifying: ids.has(k.name) || k.via === 'sdk-login', via: k.via };
  });
}

// ---------------------------------------------------------------- source view

export interface SourceLine {
  /** 1-based line in the document */
  line: number;
  text: string;
  highlighted: boolean;
}

const MAX_SOURCE_LINES = 400;
const MAX_LINE_CHARS = 400;

/**
 * A document line for a location. Extractors give document lines (`script` names the inline
 * script); a line before the script's start is read as script-relative.
 */
export function documentLine(page: Page, loc: { line: number; script?: number }): number {
  const script = loc.script !== undefined ? page.scripts[loc.script] : undefined;
  if (script && loc.line < script.line) return script.line + loc.line - 1;
  return loc.line;
}

/** The script's lines with personal values masked and the given document lines highlighted. */
export function scriptSourceLines(page: Page, scriptIndex: number, highlight: Set<number>, personal: string[]): SourceLine[] {
  const script = page.scripts[scriptIndex];
  if (!script) return [];
  const values = personal.filter((v) => v.trim().length > 0).sort((a, b) => b.length - a.length);
  const lines = script.text.split(/\r\n|\r|\n/);
  const out: SourceLine[] = [];
  for (let i = 0; i < lines.length && i < MAX_SOURCE_LINES; i++) {
    let text = lines[i]!;
    if (text.length > MAX_LINE_CHARS) text = `${text.slice(0, MAX_LINE_CHARS)}…`;
    for (const v of values) if (text.includes(v)) text = text.split(v).join(maskText(v));
    const line = script.line + i;
    out.push({ line, text, highlighted: highlight.has(line) });
  }
  return out;
}

/** Personal values a page's tags carry (keyword values): masked wherever the source is shown. */
export function personalValues(ap: AnalyzedPage): string[] {
  const out: string[] = [];
  for (const tag of pageTags(ap))
    for (const k of tag.keywords) {
      if (k.value.kind === 'string') out.push(k.value.value);
      else if (k.value.kind === 'number') out.push(k.value.raw ?? String(k.value.value));
    }
  return out;
}

/**
 * Whether a piece of evidence is about this page: session findings carry evidence from several
 * pages, each naming its page by URL; otherwise the finding's own page.
 */
export function evidenceOnPage(f: Finding, ev: Finding['evidence'][number], ap: { index: number; page: { url: string } }): boolean {
  if (ev.url !== undefined && ev.location) return ev.url === ap.page.url;
  return f.pageIndex === ap.index;
}

/** The page index a piece of evidence with a source location belongs to. */
export function evidencePageIndex(f: Finding, ev: Finding['evidence'][number], pages: { index: number; page: { url: string } }[]): number | undefined {
  if (f.pageIndex !== undefined && pages[f.pageIndex] && evidenceOnPage(f, ev, pages[f.pageIndex]!)) return f.pageIndex;
  return pages.find((ap) => evidenceOnPage(f, ev, ap))?.index;
}

/** Scripts worth showing for a page: those holding a tag, a syntax error, or a finding's location. */
export function interestingScripts(ap: AnalyzedPage, findings: Finding[]): { scripts: number[]; highlight: Set<number> } {
  const scripts = new Set<number>();
  const highlight = new Set<number>();
  for (const tag of ap.oksky.staticTags) if (tag.location?.script !== undefined) scripts.add(tag.location.script);
  for (const e of ap.oksky.syntaxErrors) {
    if (e.holdsTag) scripts.add(e.scriptIndex);
    highlight.add(documentLine(ap.page, { line: e.location.line, script: e.scriptIndex }));
  }
  for (const f of findings) {
    for (const ev of f.evidence) {
      if (!ev.location || !evidenceOnPage(f, ev, ap)) continue;
      if (ev.location.script !== undefined) scripts.add(ev.location.script);
      highlight.add(documentLine(ap.page, ev.location));
    }
  }
  return { scripts: [...scripts].sort((a, b) => a - b), highlight };
}

// ---------------------------------------------------------------- timeline

export type Identity =
  | { by: 'linkage'; loginKeys: string[]; value: string; fingerprint: string }
  | { by: 'cookie'; host: string }
  | { by: 'none' };

export interface TimelineNode {
  index: number;
  page: Page;
  host: string;
  state: LoginState;
  stateSource: 'explicit' | 'inferred';
  key?: string;
  widgetHost?: string;
  identity: Identity;
  /** the room this page's chat would land in; pages in one room share a number */
  room?: number;
  /** findings (switch kinds) that start at this page */
  switches: Finding[];
}

export const SWITCH_RULES = ['oksky/identity-switched', 'oksky/cross-domain-cookie', 'oksky/key-changed-in-session'];

function effectiveTag(ap: AnalyzedPage): OkskyTag | undefined {
  const tags = ap.oksky.probed && ap.oksky.runtimeTags.length > 0 ? ap.oksky.runtimeTags : ap.oksky.staticTags;
  return tags[0];
}

/** Identity of the visitor on a page: the identifying value of the linkage (masked), else the per-host cookie. */
export function pageIdentity(ap: AnalyzedPage): Identity {
  const tag = effectiveTag(ap);
  const sent = ap.loginRequests.find((r) => r.query.status === 'ok');
  if (tag && tag.loginKeys.length > 0) {
    const values = tag.loginKeys.map((name) => {
      const k = [...tag.keywords].reverse().find((kw) => kw.name === name);
      if (!k) return undefined;
      if (k.value.kind === 'string') return k.value.value.trim() || undefined;
      if (k.value.kind === 'number') return k.value.raw ?? String(k.value.value);
      if (k.value.kind === 'unknown') {
        const q = sent?.query.entries.find((e) => e.key === name);
        return q?.value.trim() || undefined;
      }
      return undefined;
    });
    if (values.every((v) => v !== undefined)) {
      const joined = values.join('\u0000');
      return { by: 'linkage', loginKeys: tag.loginKeys, value: values.map((v) => maskText(v!)).join(', '), fingerprint: simpleHash(joined) };
    }
  }
  if (tag || ap.widgetRequests.length > 0 || ap.loginRequests.length > 0) return { by: 'cookie', host: hostOf(ap.page.url) };
  return { by: 'none' };
}

/** Not a security fingerprint: only groups equal values of one session in memory. */
function simpleHash(s: string): string {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0).toString(16);
}

export function buildTimeline(analysis: PanelAnalysis): TimelineNode[] {
  const rooms = new Map<string, number>();
  const switchFindings = analysis.findings.filter((f) => SWITCH_RULES.includes(f.ruleId));
  // A session-wide finding names its pages by URL; it is drawn at the last page it mentions.
  const switchPage = (f: Finding): number | undefined => {
    if (f.pageIndex !== undefined) return f.pageIndex;
    const urls = new Set([f.page, ...f.evidence.map((e) => e.url)].filter(Boolean));
    let last: number | undefined;
    for (const ap of analysis.pages) if (urls.has(ap.page.url)) last = ap.index;
    return last ?? analysis.pages[analysis.pages.length - 1]?.index;
  };
  return analysis.pages.map((ap) => {
    const tag = effectiveTag(ap);
    const identity = pageIdentity(ap);
    const key = tag?.key;
    let room: number | undefined;
    if (identity.by !== 'none') {
      const id = identity.by === 'linkage' ? `l:${identity.fingerprint}` : `c:${identity.host}`;
      const roomKey = `${key ?? ''}|${id}`;
      room = rooms.get(roomKey);
      if (room === undefined) rooms.set(roomKey, (room = rooms.size + 1));
    }
    const switches = switchFindings.filter((f) => switchPage(f) === ap.index);
    return {
      index: ap.index,
      page: ap.page,
      host: hostOf(ap.page.url),
      state: ap.state,
      stateSource: ap.page.state.source,
      key,
      widgetHost: tag?.widgetHost,
      identity,
      room,
      switches,
    };
  });
}
