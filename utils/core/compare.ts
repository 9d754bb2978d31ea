/**
 * `renkei compare`: two snapshots (staging vs production, before vs after) side by side, and the
 * compare/* findings of RULES.md. Fingerprints are only compared when both snapshots were made
 * with the same salt (equal `saltId`).
 *
 * Pages are paired by path and login state (like with like). Two records made in different login
 * states (the recording wizard's ログイン中 ⇄ ログアウト中) are paired by path only, and the rows
 * that differ because of the login state are marked `expected` (000: logged out there is nothing
 * to link, so no loginKey, no keywords and an empty `/login` query are right).
 */
import { createMasker } from './mask';
import type { Finding, Lang, Summary } from './model';
import { runRules, summarize } from './rules/engine';
import { compareRules } from './rules/registry';
import type { RuleContext } from './rules/types';
import type { Snapshot, SnapshotPage, SnapshotRequest } from './snapshot';

export interface CompareRow {
  aspect: string;
  a: string;
  b: string;
  same: boolean;
  /** false when the two sides cannot be compared (fingerprints under different salts) */
  comparable?: boolean;
  /**
   * true when the values differ as they should: the sides were recorded in different login states
   * and this aspect depends on it (RULES.md, compare: like with like). Not a difference to fix.
   */
  expected?: boolean;
}

export interface CompareResult {
  rows: CompareRow[];
  findings: Finding[];
  summary: Summary;
}

const NONE = '—';

function pathOf(url: string): string {
  try {
    return new URL(url).pathname || '/';
  } catch {
    return url;
  }
}

function pageKey(p: SnapshotPage, withState = true): string {
  return withState ? `${pathOf(p.url)} [${p.state}]` : pathOf(p.url);
}

/** The known login states of a snapshot's pages. */
function knownStates(s: Snapshot): string[] {
  return [...new Set(s.pages.map((p) => p.state).filter((st) => st !== 'unknown'))].sort();
}

/** The two sides were recorded in different login states only (e.g. logged in ⇄ logged out). */
export function loginStatesDisjoint(a: Snapshot, b: Snapshot): boolean {
  const sa = knownStates(a);
  const sb = knownStates(b);
  return sa.length > 0 && sb.length > 0 && !sa.some((x) => sb.includes(x));
}

type OkskyTag = Extract<SnapshotPage['tags'][number], { vendor: 'oksky' }>;

function okskyTags(p: SnapshotPage | undefined): OkskyTag[] {
  return (p?.tags ?? []).filter((t): t is OkskyTag => t.vendor === 'oksky');
}

function join(values: (string | undefined)[]): string {
  const v = [...new Set(values.filter((x): x is string => !!x))];
  return v.length > 0 ? v.join(', ') : NONE;
}

function queryText(reqs: SnapshotRequest[]): string {
  const q = reqs.filter((r) => r.query);
  if (q.length === 0) return NONE;
  return q.map((r) => `${r.query!.status}${r.query!.entries.length > 0 ? ` (${r.query!.entries.map((e) => e.key).join(', ')})` : ''}`).join('; ');
}

function byKey(s: Snapshot, withState: boolean): Map<string, { page: SnapshotPage; index: number }[]> {
  const m = new Map<string, { page: SnapshotPage; index: number }[]>();
  s.pages.forEach((page, index) => {
    const k = pageKey(page, withState);
    m.set(k, [...(m.get(k) ?? []), { page, index }]);
  });
  return m;
}

export function compareRows(a: Snapshot, b: Snapshot): CompareRow[] {
  const rows: CompareRow[] = [];
  const row = (aspect: string, av: string, bv: string, comparable = true) =>
    rows.push({ aspect, a: av, b: bv, same: comparable && av === bv, ...(comparable ? {} : { comparable: false }) });
  row('env', a.env ?? NONE, b.env ?? NONE);
  row('site', a.site ?? NONE, b.site ?? NONE);
  const saltComparable = !!a.saltId && a.saltId === b.saltId;
  const crossState = loginStatesDisjoint(a, b);
  if (crossState) rows.push({ aspect: 'login state', a: knownStates(a).join(', '), b: knownStates(b).join(', '), same: false, expected: true });
  // aspects that depend on the login state: expected to differ between logged in and logged out
  const stateDependent = (from: number) => {
    if (!crossState) return;
    for (const r of rows.slice(from)) if (!r.same && r.comparable !== false) r.expected = true;
  };
  const pa = byKey(a, !crossState);
  const pb = byKey(b, !crossState);
  const keys = [...new Set([...pa.keys(), ...pb.keys()])];
  for (const k of keys) {
    const ea = pa.get(k) ?? [];
    const eb = pb.get(k) ?? [];
    const ta = ea.flatMap((e) => okskyTags(e.page));
    const tb = eb.flatMap((e) => okskyTags(e.page));
    // the pages themselves differ by host (staging/production): "same" means both sides have this page
    rows.push({
      aspect: `${k} page`,
      a: ea.length > 0 ? ea.map((e) => e.page.url).join(', ') : NONE,
      b: eb.length > 0 ? eb.map((e) => e.page.url).join(', ') : NONE,
      same: ea.length > 0 && eb.length > 0,
    });
    row(`${k} OK SKY tag`, join(ta.map((t) => `${t.form}/${t.origin}`)), join(tb.map((t) => `${t.form}/${t.origin}`)));
    row(`${k} widget host`, join(ta.map((t) => t.widgetHost)), join(tb.map((t) => t.widgetHost)));
    row(`${k} key`, join(ta.flatMap((t) => (t.keys.length > 0 ? t.keys : [t.key]))), join(tb.flatMap((t) => (t.keys.length > 0 ? t.keys : [t.key]))));
    const dependsFrom = rows.length;
    row(`${k} loginKey`, join(ta.flatMap((t) => t.loginKeys)), join(tb.flatMap((t) => t.loginKeys)));
    row(`${k} linkage`, ta.length ? String(ta.some((t) => t.linkage)) : NONE, tb.length ? String(tb.some((t) => t.linkage)) : NONE);
    const namesA = [...new Set(ta.flatMap((t) => t.keywords.map((w) => w.name)))].sort();
    const namesB = [...new Set(tb.flatMap((t) => t.keywords.map((w) => w.name)))].sort();
    row(`${k} keywords`, join(namesA), join(namesB));
    for (const name of [...new Set([...namesA, ...namesB])]) {
      const va = ta.flatMap((t) => t.keywords).filter((w) => w.name === name);
      const vb = tb.flatMap((t) => t.keywords).filter((w) => w.name === name);
      const show = (ws: typeof va) => (ws.length > 0 ? ws.map((w) => (w.value ? `${w.value.masked} (${w.kind})` : `(${w.kind})`)).join(', ') : NONE);
      const fa = va.map((w) => w.value?.fingerprint ?? w.kind).join(',');
      const fb = vb.map((w) => w.value?.fingerprint ?? w.kind).join(',');
      const r: CompareRow = { aspect: `${k} value ${name}`, a: show(va), b: show(vb), same: saltComparable && fa === fb };
      if (!saltComparable && va.length > 0 && vb.length > 0) r.comparable = false;
      rows.push(r);
    }
    const reqA = a.requests.filter((r) => r.pageIndex !== undefined && ea.some((e) => e.index === r.pageIndex));
    const reqB = b.requests.filter((r) => r.pageIndex !== undefined && eb.some((e) => e.index === r.pageIndex));
    row(`${k} /login query`, queryText(reqA), queryText(reqB));
    stateDependent(dependsFrom);
  }
  const count = (s: Snapshot) => `${s.summary.errors} / ${s.summary.warnings} / ${s.summary.infos}`;
  row('findings (errors / warnings / infos)', count(a), count(b));
  const ids = [...new Set([...a.findings, ...b.findings].map((f) => f.ruleId))].sort();
  for (const id of ids) {
    row(`finding ${id}`, String(a.findings.filter((f) => f.ruleId === id).length), String(b.findings.filter((f) => f.ruleId === id).length));
  }
  return rows;
}

export function compareSnapshots(a: Snapshot, b: Snapshot, opts: { lang?: Lang } = {}): CompareResult {
  const ctx: RuleContext = {
    session: { pages: [], requests: [] },
    pages: [],
    // compare rules see only masked snapshot data; the masker is never used on clear values
    masker: createMasker('compare', false),
    options: { captureWindowMs: 10_000, salt: 'compare', reveal: false },
    compare: { a, b },
  };
  const { findings } = runRules(compareRules, ctx, { lang: opts.lang ?? 'ja' });
  return { rows: compareRows(a, b), findings, summary: summarize(findings) };
}
