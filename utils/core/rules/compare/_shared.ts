/**
 * What the compare rules read from a snapshot: one side's tags, keywords, hosts and `/login`
 * queries, summarised. Not a rule (the leading `_` keeps it out of the registry).
 */
import type { Evidence, EvidenceSource, LoginState } from '../../model';
import type { Snapshot } from '../../snapshot';
import type { RuleContext, RuleReport } from '../types';

export const DOC_COMPARE = '000';

export interface Side {
  /** `staging`, `production`, or `A` / `B` */
  label: string;
  snapshot: Snapshot;
  hasOkskyTag: boolean;
  /** logged-in pages, and those whose tag sends linkage */
  loggedInPages: number;
  loggedInWithLinkage: number;
  loginKeys: string[];
  keywordNames: string[];
  hosts: string[];
  keys: string[];
  /** ok: some `/login` query carried values; empty: queries seen, all empty; none: no query seen */
  query: 'ok' | 'empty' | 'none';
  /** where the tag evidence came from (runtime when any tag was probed) */
  source: EvidenceSource;
  /** the login states of the pages this side covers (sorted: logged-in, logged-out, unknown) */
  states: LoginState[];
}

const STATE_ORDER: LoginState[] = ['logged-in', 'logged-out', 'unknown'];

/**
 * The state a `/login` request was made in: its page's. A request without a page belongs to the
 * snapshot's single state, or to `unknown` when the snapshot mixes states.
 */
function requestState(snapshot: Snapshot, pageIndex: number | undefined): LoginState {
  const page = pageIndex !== undefined ? snapshot.pages[pageIndex] : undefined;
  if (page) return page.state;
  const states = new Set(snapshot.pages.map((p) => p.state));
  return states.size === 1 ? [...states][0] : 'unknown';
}

function sorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/**
 * One side summarised; with `only`, just its pages (and `/login` requests) in those login states,
 * so that rules compare like with like (000: logged out, the plain tag and an empty query are right).
 */
export function side(snapshot: Snapshot, fallback: string, only?: LoginState[]): Side {
  const inScope = (state: LoginState) => !only || only.includes(state);
  const pages = snapshot.pages.filter((p) => inScope(p.state));
  const tags = pages.flatMap((p) => p.tags.filter((t) => t.vendor === 'oksky').map((t) => ({ page: p, tag: t })));
  const loggedIn = pages.filter((p) => p.state === 'logged-in');
  const queries = snapshot.requests.filter((r) => r.query && inScope(requestState(snapshot, r.pageIndex))).map((r) => r.query!.status);
  return {
    label: snapshot.env ? `${fallback} (${snapshot.env})` : fallback,
    snapshot,
    hasOkskyTag: tags.length > 0,
    loggedInPages: loggedIn.length,
    loggedInWithLinkage: loggedIn.filter((p) => p.tags.some((t) => t.vendor === 'oksky' && t.linkage)).length,
    loginKeys: sorted(tags.flatMap(({ tag }) => tag.loginKeys)),
    keywordNames: sorted(tags.flatMap(({ tag }) => tag.keywords.map((k) => k.name))),
    hosts: sorted(tags.flatMap(({ tag }) => (tag.widgetHost ? [tag.widgetHost] : []))),
    keys: sorted(tags.flatMap(({ tag }) => (tag.keys.length > 0 ? tag.keys : tag.key ? [tag.key] : []))),
    query: queries.includes('ok') ? 'ok' : queries.includes('empty') ? 'empty' : 'none',
    source: tags.some(({ tag }) => tag.origin === 'runtime') ? 'runtime' : 'static',
    states: STATE_ORDER.filter((st) => pages.some((p) => p.state === st)),
  };
}

/** The two sides restricted to the same login states (undefined outside a comparison). */
export function sidesIn(ctx: RuleContext, only: LoginState[]): [Side, Side] | undefined {
  if (!ctx.compare) return undefined;
  return [side(ctx.compare.a, 'A', only), side(ctx.compare.b, 'B', only)];
}

/** The known login states (logged-in, logged-out) a side's pages were recorded in. */
export function knownStates(s: Side): LoginState[] {
  return s.states.filter((st) => st !== 'unknown');
}

/** Login states in the words of the message (「ログイン中」「ログアウト中」「不明」). */
export function statesText(states: LoginState[], lang: 'ja' | 'en'): string {
  const words = { 'logged-in': { ja: 'ログイン中', en: 'logged in' }, 'logged-out': { ja: 'ログアウト中', en: 'logged out' }, unknown: { ja: '不明', en: 'unknown' } };
  if (states.length === 0) return '—';
  return states.map((st) => words[st][lang]).join(lang === 'ja' ? '・' : ', ');
}

export function sides(ctx: RuleContext): [Side, Side] | undefined {
  if (!ctx.compare) return undefined;
  return [side(ctx.compare.a, 'A'), side(ctx.compare.b, 'B')];
}

export function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function list(values: string[]): string {
  return values.length > 0 ? values.join(', ') : '—';
}

export function sideEvidence(s: Side, text: string, source: EvidenceSource = s.source): Evidence {
  const ev: Evidence = { source, text: `${s.label}: ${text}`.slice(0, 500) };
  const url = s.snapshot.pages[0]?.url;
  if (url) ev.url = url;
  return ev;
}

/**
 * The report of a compare rule that fires when one named set (hosts, keys) differs between the
 * two sides; no report when either side has none. `aData`/`bData` name the message placeholders.
 */
export function setDiffersReports(
  ctx: RuleContext,
  pick: (s: Side) => string[],
  names: { aData: string; bData: string; evidence: string },
): RuleReport[] {
  const s = sides(ctx);
  if (!s) return [];
  const [a, b] = s;
  const va = pick(a);
  const vb = pick(b);
  if (va.length === 0 || vb.length === 0 || sameSet(va, vb)) return [];
  return [
    {
      data: { a: a.label, b: b.label, [names.aData]: list(va), [names.bData]: list(vb) },
      evidence: [sideEvidence(a, `${names.evidence}: ${list(va)}`), sideEvidence(b, `${names.evidence}: ${list(vb)}`)],
    },
  ];
}
