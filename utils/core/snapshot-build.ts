/**
 * From an AnalysisResult to the Snapshot (snapshot.ts): the redacted record the CLI prints, the
 * extension exports and the companion stores. Personal values are masked with fingerprints,
 * findings are rendered masked even when the analysis revealed values, URL query values are
 * dropped, and the result is validated by the schema.
 */
import { renderFindings, type AnalysisResult } from './analyze';
import { pageDerivers } from './derivers';
import { createMasker, type Masker } from './mask';
import type { Finding, StaticValue } from './model';
import type { OkskyTag } from './oksky/types';
import { isPlaceholder } from './placeholder';
import { summarize } from './rules/engine';
import { executedTags, tagHasLinkage, valueText } from './rules/oksky/_shared';
import { inputLimitsOf } from './limits';
import { Snapshot, type SnapshotLimit, type SnapshotPage, type SnapshotRequest, type SnapshotTag, type SnapshotVerdict } from './snapshot';
import { verdictOf } from './verdict';

export interface SnapshotMeta {
  version: string;
  env?: string;
  site?: string;
  createdAt?: string;
}

function clip(s: string, max: number): string {
  return s.length > max ? s.slice(0, max) : s;
}

/** A URL without its query values and fragment (they may hold tokens or member ids): `?id=…&token=…`. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    const keys = [...new Set([...u.searchParams.keys()])];
    const query = keys.length > 0 ? `?${keys.map((k) => `${encodeURIComponent(k)}=…`).join('&')}` : '';
    return clip(`${u.origin}${u.pathname}${query}`, 4096);
  } catch {
    return clip(url.split(/[?#]/)[0], 4096);
  }
}

function stored(masker: Masker, value: string): { masked: string; fingerprint: string } {
  const m = masker.mask(value);
  return { masked: clip(m.masked, 64), fingerprint: m.fingerprint };
}

function keywordKind(v: StaticValue): string {
  const text = valueText(v);
  if (text !== undefined) {
    const p = isPlaceholder(text);
    if (p) return p.kind === 'empty' ? 'empty' : 'placeholder';
  }
  return v.kind;
}

function okskyTag(tag: OkskyTag, masker: Masker): SnapshotTag {
  return {
    vendor: 'oksky',
    form: tag.form,
    origin: tag.origin,
    ...(tag.global ? { global: clip(tag.global, 200) } : {}),
    ...(tag.widgetUrl ? { widgetUrl: redactUrl(tag.widgetUrl).slice(0, 2048) } : {}),
    ...(tag.widgetHost ? { widgetHost: clip(tag.widgetHost, 255) } : {}),
    ...(tag.key ? { key: clip(tag.key, 200) } : {}),
    keys: tag.keys.slice(0, 50).map((k) => clip(k, 200)),
    loginKeys: tag.loginKeys.slice(0, 50).map((k) => clip(k, 200)),
    keywords: tag.keywords.slice(0, 200).map((k) => {
      const text = valueText(k.value);
      return {
        name: clip(k.name, 200),
        kind: clip(keywordKind(k.value), 32),
        ...(text !== undefined ? { value: stored(masker, text) } : {}),
      };
    }),
    linkage: tagHasLinkage(tag),
  };
}

/** Findings as they may leave the browser: masked, URLs without query values, no clear values. */
function redactFindings(findings: Finding[]): Finding[] {
  return findings.map((f) => ({
    ...f,
    ...(f.page ? { page: redactUrl(f.page) } : {}),
    evidence: f.evidence.map((e) => ({
      ...e,
      ...(e.url ? { url: redactUrl(e.url) } : {}),
      ...(e.values ? { values: e.values.map((v) => ({ masked: v.masked, fingerprint: v.fingerprint })) } : {}),
    })),
  }));
}

export function buildSnapshot(result: AnalysisResult, meta: SnapshotMeta): Snapshot {
  const masker = createMasker(result.salt, false);
  const findings = redactFindings(result.reveal ? renderFindings(result, { reveal: false }) : result.findings).slice(0, 5000);
  const pages: SnapshotPage[] = result.pages.slice(0, 500).map((p) => {
    const tags: SnapshotTag[] = executedTags(p).tags.map((t) => okskyTag(t, masker));
    for (const d of pageDerivers) {
      if (!d.snapshotTags || p[d.name] === undefined) continue;
      try {
        tags.push(...d.snapshotTags(p[d.name], masker));
      } catch {
        /* a vendor's summary is optional: the findings still carry its evidence */
      }
    }
    return {
      url: redactUrl(p.page.url),
      state: p.state,
      stateSource: p.page.state.source,
      stateHints: p.page.state.hints.slice(0, 20).map((h) => clip(h, 200)),
      tags: tags.slice(0, 50),
    };
  });
  const requests: SnapshotRequest[] = [];
  for (const p of result.pages) {
    for (const r of p.widgetRequests) {
      requests.push({
        url: redactUrl(r.url),
        method: clip(r.method, 16),
        kind: 'widget-script',
        ...(r.status !== undefined ? { status: r.status } : {}),
        ...(r.error ? { error: clip(r.error, 500) } : {}),
        time: r.time,
        pageIndex: p.index,
      });
    }
    for (const l of p.loginRequests) {
      const r = l.request;
      requests.push({
        url: redactUrl(r.url),
        method: clip(r.method, 16),
        kind: 'login',
        ...(r.status !== undefined ? { status: r.status } : {}),
        ...(r.error ? { error: clip(r.error, 500) } : {}),
        time: r.time,
        pageIndex: p.index,
        query: {
          status: l.query.status,
          ...(l.query.format ? { format: l.query.format } : {}),
          entries: l.query.entries.slice(0, 200).map((e) => ({ key: clip(e.key, 200), value: stored(masker, e.value) })),
        },
      });
    }
  }
  requests.sort((a, b) => (a.time ?? 0) - (b.time ?? 0));
  let site = meta.site;
  if (!site && result.pages[0]) {
    try {
      site = new URL(result.pages[0].page.url).hostname;
    } catch {
      site = undefined;
    }
  }
  return Snapshot.parse({
    tool: { name: 'renkei-doctor', version: clip(meta.version, 50) },
    createdAt: meta.createdAt,
    env: meta.env ? clip(meta.env, 100) : undefined,
    site: site ? clip(site, 255) : undefined,
    lang: result.lang,
    saltId: result.saltId,
    pages,
    requests: requests.slice(0, 5000),
    findings,
    summary: summarize(findings),
    ...limitsAndVerdict(result, findings),
  });
}

/** The limits of the session and the verdict, for the snapshot (bounded like the rest). */
function limitsAndVerdict(result: AnalysisResult, findings: Finding[]): { limits?: SnapshotLimit[]; verdict: SnapshotVerdict } {
  const limits = inputLimitsOf(result.session, result.pages)
    .slice(0, 200)
    .map((l) => ({
      kind: clip(l.kind, 64),
      skipped: l.skipped,
      unit: l.unit,
      ...(l.limit !== undefined ? { limit: l.limit } : {}),
      ...(l.pageIndex !== undefined ? { pageIndex: l.pageIndex } : {}),
      ...(l.script !== undefined ? { script: l.script } : {}),
      detail: { ja: clip(l.detail.ja, 1_000), en: clip(l.detail.en, 1_000) },
    }));
  // the verdict of what the snapshot holds (its findings may add settings-page findings)
  const v = verdictOf({ ...result, findings });
  const verdict: SnapshotVerdict = {
    ...v,
    limits: v.limits.slice(0, 200).map((l) => ({ what: clip(l.what, 64), detail: { ja: clip(l.detail.ja, 1_000), en: clip(l.detail.en, 1_000) } })),
    passed: v.passed.slice(0, 500),
    headline: { ja: clip(v.headline.ja, 1_000), en: clip(v.headline.en, 1_000) },
  };
  return { ...(limits.length > 0 ? { limits } : {}), verdict };
}
