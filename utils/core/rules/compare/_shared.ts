/**
 * What the compare rules read from a snapshot: one side's tags, keywords, hosts and `/login`
 * queries, summarised. Not a rule (the leading `_` keeps it out of the registry).
 */
import type { Evidence, EvidenceSource } from '../../model';
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
}

function sorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

export function side(snapshot: Snapshot, fallback: string): Side {
  const tags = snapshot.pages.flatMap((p) => p.tags.filter((t) => t.vendor === 'oksky').map((t) => ({ page: p, tag: t })));
  const loggedIn = snapshot.pages.filter((p) => p.state === 'logged-in');
  const queries = snapshot.requests.filter((r) => r.query).map((r) => r.query!.status);
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
  };
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
