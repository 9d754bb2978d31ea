/**
 * Evaluate a settings page against its checklist: item states (pass / fail / unknown /
 * manual-done) and, for failing automatic items, findings `checklist-id/item-id` rendered in one
 * language. Pure; the CLI (`renkei analyze` of a saved settings page) and the popup call it.
 */
import type { Evidence, Finding, Lang } from '../model';
import { capturePage } from './capture';
import { emptyStore, maskForDisplay, parseStore, recordCaptures, viewOf, canonicalValue, type CrossPageStore } from './cross-page';
import { getChecklist } from './index';
import { fingerprint } from '../mask';
import { readPage, type ReadPage } from './read-fields';
import { recogniseFromRead } from './recognise';
import type { Checklist, ChecklistItem, EvalContext, ItemEval, ItemResult, Localized, PageId, SettingsHosts } from './types';

export interface AnalyzeSettingsOptions {
  lang?: Lang;
  /** salt of the fingerprints (the same salt as the cross-page store) */
  salt: string;
  /** configured ECAI / Luxliner admin hosts */
  hosts?: SettingsHosts;
  /** the persisted cross-page store (untrusted JSON is fine: it is validated) */
  store?: unknown;
  /** which site's captures to compare with (default `default`) */
  site?: string;
  /** ms since epoch (default Date.now()) */
  now?: number;
  /** evaluate against this checklist instead of the page's default one */
  checklist?: string;
  /** show secrets in clear in evidence (CLI --reveal); never stored */
  reveal?: boolean;
  /** `readPage(html)` when the caller has it already (the page is then not parsed again) */
  read?: ReadPage;
}

export interface SettingsAnalysis {
  checklistId: string;
  page: PageId;
  url: string;
  items: ItemResult[];
  findings: Finding[];
  /** the store with this page's captures recorded (persist it) */
  store: CrossPageStore;
  /** what this page contributed to the cross-page evidence (masked) */
  captured: { key: string; masked: string }[];
  /** the page was cut to the size bounds */
  truncated: boolean;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export function fillTemplate(template: string, data: Record<string, string | number> | undefined): string {
  return template.replace(/\{([a-zA-Z0-9_-]+)\}/gu, (m, k: string) => (data && data[k] !== undefined ? String(data[k]) : m));
}

function pick(l: Localized, lang: Lang): string {
  return l[lang];
}

/** Render one item's evaluation in one language. */
export function renderItemResult(checklist: Checklist, item: ChecklistItem, ev: ItemEval | undefined, lang: Lang, by: ItemResult['by']): ItemResult {
  const state = ev?.state ?? 'unknown';
  let message: string | undefined;
  if (state === 'fail') {
    const tpl = item.messages[ev?.messageId ?? 'default'] ?? item.messages.default;
    message = fillTemplate(pick(tpl, lang), ev?.data);
  } else if (ev?.note) message = pick(ev.note, lang);
  return {
    checklistId: checklist.id,
    itemId: item.id,
    id: `${checklist.id}/${item.id}`,
    state,
    verify: item.verify,
    severity: item.severity,
    title: pick(item.title, lang),
    fix: fillTemplate(pick(item.fix, lang), ev?.data),
    ...(message !== undefined ? { message } : {}),
    evidence: ev?.evidence ?? [],
    by: ev ? by : 'none',
  };
}

export function findingOf(result: ItemResult, checklist: Checklist, url?: string): Finding | undefined {
  if (result.state !== 'fail') return undefined;
  const item = checklist.items.find((i) => i.id === result.itemId);
  return {
    ruleId: result.id,
    severity: result.severity,
    title: result.title,
    message: result.message ?? '',
    fix: result.fix,
    ...(item ? { source: item.source } : {}),
    ...(url ? { page: url } : {}),
    evidence: result.evidence,
  };
}

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

function crossPageUsed(ev: ItemEval | undefined): boolean {
  return !!ev?.evidence?.some((e: Evidence) => e.url !== undefined);
}

/** Evaluate every item of a checklist on one read page. Never throws: a failing check is `unknown`. */
export function evaluateChecklistOnPage(checklist: Checklist, ctx: EvalContext, lang: Lang): ItemResult[] {
  return checklist.items.map((item) => {
    if (!item.evaluate || !item.pages.includes(ctx.pageId)) return renderItemResult(checklist, item, undefined, lang, 'none');
    let ev: ItemEval | undefined;
    try {
      ev = item.evaluate(ctx);
    } catch {
      ev = { state: 'unknown', note: { ja: 'この項目の確認中にエラーが起きました。', en: 'Checking this item failed.' } };
    }
    return renderItemResult(checklist, item, ev, lang, crossPageUsed(ev) ? 'cross-page' : 'page');
  });
}

export function makeContext(page: ReadPage, pageId: PageId, url: string, opts: { salt: string; store: CrossPageStore; site: string; now: number; hosts: SettingsHosts; reveal?: boolean }): EvalContext {
  return {
    pageId,
    url,
    page,
    cross: viewOf(opts.store, opts.site),
    fp: (key, value) => fingerprint(canonicalValue(key, value), opts.salt),
    mask: (value) => (opts.reveal ? value : maskForDisplay(value)),
    now: opts.now,
    hosts: opts.hosts,
  };
}

/**
 * Analyse a saved or open settings page. Returns null when the page is not a settings page we
 * know (see recogniseSettingsPage).
 */
export function analyzeSettingsPage(html: string, url: string, opts: AnalyzeSettingsOptions): SettingsAnalysis | null {
  const lang = opts.lang ?? 'ja';
  const page = opts.read ?? readPage(html);
  const hosts = opts.hosts ?? {};
  const rec = recogniseFromRead(page, url, { hosts });
  if (!rec) return null;
  const checklist = (opts.checklist ? getChecklist(opts.checklist) : undefined) ?? getChecklist(rec.checklistId);
  if (!checklist) return null;
  const site = opts.site ?? 'default';
  const now = opts.now ?? Date.now();
  let store = opts.store !== undefined ? parseStore(opts.store, opts.salt) : emptyStore(opts.salt);
  // capture first, so that values on the same page are compared too
  const pre = makeContext(page, rec.page, url, { salt: opts.salt, store, site, now, hosts, reveal: opts.reveal });
  const captures = capturePage(pre);
  store = recordCaptures(store, site, captures, opts.salt, { pageId: rec.page, url, time: now });
  const ctx = makeContext(page, rec.page, url, { salt: opts.salt, store, site, now, hosts, reveal: opts.reveal });
  const items = evaluateChecklistOnPage(checklist, ctx, lang);
  const findings = sortFindings(items.map((r) => findingOf(r, checklist, url)).filter((f): f is Finding => !!f));
  const values = store.sites[site]?.values ?? {};
  return {
    checklistId: checklist.id,
    page: rec.page,
    url,
    items,
    findings,
    store,
    captured: captures.map((c) => ({ key: c.key, masked: values[c.key]?.masked ?? '' })),
    truncated: page.truncated,
  };
}

/**
 * Several settings pages analysed together (the CLI given ECAI's page and LINE's pages at once):
 * every page's captures are recorded first, then each page is evaluated against all of them, so
 * the cross-page items do not depend on the order of the files.
 */
export function analyzeSettingsPages(pages: { html: string; url: string; checklist?: string }[], opts: Omit<AnalyzeSettingsOptions, 'checklist'>): (SettingsAnalysis | null)[] {
  const site = opts.site ?? 'default';
  const now = opts.now ?? Date.now();
  const hosts = opts.hosts ?? {};
  let store = opts.store !== undefined ? parseStore(opts.store, opts.salt) : emptyStore(opts.salt);
  const read = pages.map((p) => {
    const page = readPage(p.html);
    const rec = recogniseFromRead(page, p.url, { hosts });
    return { p, page, rec };
  });
  for (const r of read) {
    if (!r.rec) continue;
    const ctx = makeContext(r.page, r.rec.page, r.p.url, { salt: opts.salt, store, site, now, hosts, reveal: opts.reveal });
    store = recordCaptures(store, site, capturePage(ctx), opts.salt, { pageId: r.rec.page, url: r.p.url, time: now });
  }
  return read.map((r) => {
    if (!r.rec) return null;
    // the store already holds every page's captures; analysing again records nothing new (nor
    // parses the page again)
    return analyzeSettingsPage(r.p.html, r.p.url, { ...opts, site, now, store, read: r.page, ...(r.p.checklist ? { checklist: r.p.checklist } : {}) });
  });
}
