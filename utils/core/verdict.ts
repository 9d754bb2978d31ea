/**
 * The one-line verdict of an analysis, shared by the panel, the popup, the badge and the CLI:
 * nothing captured yet, captured but no vendor tag anywhere, tag(s) without problems (with the
 * checks that passed, like Lighthouse's passed audits), or problems. A verdict never says "no
 * problem found" when the bounds skipped part of the input (`limited`).
 */
import type { AnalysisResult } from './analyze';
import { channelTalkOf } from './channeltalk/derive';
import { inputLimitsOf } from './limits';
import type { NetworkRequest } from './model';
import { ruleById } from './rules/registry';
import type { AnalyzedPage, Localized } from './rules/types';

export type VerdictKind = 'empty' | 'no-tag' | 'clear' | 'problems';
export type VerdictSource = 'static' | 'runtime' | 'network';
export type VerdictVendor = 'oksky' | 'channeltalk';

export interface Verdict {
  /**
   * empty: no page captured; no-tag: pages but no OK SKY / Channel Talk tag in any source;
   * clear: tag(s) and no error/warning; problems: at least one error or warning
   */
  kind: VerdictKind;
  vendors: { vendor: VerdictVendor; found: boolean; where: VerdictSource[] }[];
  /** which evidence sources the input had */
  lookedAt: VerdictSource[];
  /** some input was skipped by the bounds (renkei/input-limited fired) */
  limited: boolean;
  /** what was skipped, human-readable in both languages */
  limits: { what: string; detail: Localized }[];
  /** rules that ran (applicable) and passed on every page they applied to */
  passed: { ruleId: string; title: Localized }[];
  /** the one-line verdict */
  headline: Localized;
}

const SOURCES: VerdictSource[] = ['static', 'runtime', 'network'];
const INPUT_LIMITED = 'renkei/input-limited';
const SOURCE_LABEL: Record<VerdictSource, Localized> = {
  static: { ja: 'ページのソース', en: 'page source' },
  runtime: { ja: '実行時の呼び出し', en: 'runtime calls' },
  network: { ja: '通信', en: 'network' },
};
export const VENDOR_LABEL: Record<VerdictVendor, Localized> = {
  oksky: { ja: 'OK SKY', en: 'OK SKY' },
  channeltalk: { ja: 'チャネルトーク', en: 'Channel Talk' },
};
const LIMITED_SUFFIX: Localized = { ja: '（一部を読んでいません）', en: ' (part of the input was not read)' };

/** The page's source was read (not a synthetic page standing for a pasted `/login` payload). */
function hasStaticSource(p: AnalyzedPage): boolean {
  const page = p.page;
  return page.scripts.length > 0 || page.scriptUrls.length > 0 || page.title !== undefined || page.csp !== undefined || page.state.hints.length > 0;
}

function hasRuntime(p: AnalyzedPage): boolean {
  return p.oksky.probed || p.page.probed === true || p.page.runtimeCalls.some((c) => c.origin === 'runtime');
}

const CHANNELTALK_HOST = /^https?:\/\/(?:[a-z0-9-]+\.)*channel\.io(?::\d+)?\//i;

function channelTalkRequest(r: NetworkRequest): boolean {
  return CHANNELTALK_HOST.test(r.url);
}

function okskyWhere(pages: readonly AnalyzedPage[]): VerdictSource[] {
  const where = new Set<VerdictSource>();
  for (const p of pages) {
    if (p.oksky.staticTags.length > 0 || p.oksky.syntaxErrors.some((e) => e.holdsTag)) where.add('static');
    if (p.oksky.runtimeTags.length > 0) where.add('runtime');
    if (p.widgetRequests.length > 0 || p.loginRequests.some((l) => l.request.pasted !== true)) where.add('network');
  }
  return SOURCES.filter((s) => where.has(s));
}

function channelTalkWhere(pages: readonly AnalyzedPage[], requests: readonly NetworkRequest[]): VerdictSource[] {
  const where = new Set<VerdictSource>();
  for (const p of pages) {
    const ct = channelTalkOf(p);
    if (!ct) continue;
    if (ct.staticCalls.length > 0 || ct.loaders.some((l) => l.origin === 'static') || ct.syntaxErrors.length > 0) where.add('static');
    if (ct.runtimeCalls.length > 0) where.add('runtime');
  }
  if (requests.some((r) => r.pasted !== true && channelTalkRequest(r))) where.add('network');
  return SOURCES.filter((s) => where.has(s));
}

function list(items: Localized[], lang: 'ja' | 'en'): string {
  const words = items.map((i) => i[lang]);
  if (lang === 'ja') return words.join('・');
  if (words.length <= 2) return words.join(' and ');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function withLimit(h: Localized, limited: boolean): Localized {
  return limited ? { ja: h.ja + LIMITED_SUFFIX.ja, en: h.en + LIMITED_SUFFIX.en } : h;
}

export function verdictOf(result: AnalysisResult): Verdict {
  const pages = result.pages;
  const lookedAt = SOURCES.filter((s) =>
    s === 'static' ? pages.some(hasStaticSource) : s === 'runtime' ? pages.some(hasRuntime) : pages.some((p) => p.networkCaptured),
  );
  const ok = okskyWhere(pages);
  const ct = channelTalkWhere(pages, result.session.requests);
  const vendors: Verdict['vendors'] = [
    { vendor: 'oksky', found: ok.length > 0, where: ok },
    { vendor: 'channeltalk', found: ct.length > 0, where: ct },
  ];
  const limitEntries = inputLimitsOf(result.session, pages);
  const limited = limitEntries.length > 0 || result.findings.some((f) => f.ruleId === INPUT_LIMITED);
  const limits = limitEntries.map((l) => ({ what: l.kind, detail: l.detail }));

  // a rule passed when it passed somewhere and fired nowhere
  const fired = new Set<string>();
  const passedIds: string[] = [];
  for (const o of result.outcomes) if (o.status === 'fired') fired.add(o.ruleId);
  for (const o of result.outcomes) {
    // renkei/input-limited is about the reading, not a check of the tag: `limited` says it
    if (o.ruleId === INPUT_LIMITED) continue;
    if (o.status === 'passed' && !fired.has(o.ruleId) && !passedIds.includes(o.ruleId)) passedIds.push(o.ruleId);
  }
  const passed = passedIds.map((ruleId) => ({ ruleId, title: ruleById(ruleId)?.meta.title ?? { ja: ruleId, en: ruleId } }));

  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.filter((f) => f.severity === 'warning').length;
  let kind: VerdictKind;
  if (result.session.pages.length === 0) kind = 'empty';
  else if (errors + warnings > 0) kind = 'problems';
  else if (!vendors.some((v) => v.found)) kind = 'no-tag';
  else kind = 'clear';

  let headline: Localized;
  switch (kind) {
    case 'empty':
      headline = { ja: 'まだページを記録していません。', en: 'No page has been captured yet.' };
      break;
    case 'no-tag': {
      const sources = lookedAt.length > 0 ? lookedAt : (['static'] as VerdictSource[]);
      const where = sources.map((s) => SOURCE_LABEL[s]);
      headline = {
        ja: `OK SKY・チャネルトークのタグは見つかりませんでした（${list(where, 'ja')}を確認）。タグマネージャーや同意バナーの後、または別のページで読み込まれるタグは、ここでは見えないことがあります。`,
        en: `No OK SKY or Channel Talk tag was found (looked at the ${list(where, 'en')}). A tag loaded by a tag manager, after a consent banner or on another page may not be seen here.`,
      };
      break;
    }
    case 'clear': {
      const found = vendors.filter((v) => v.found).map((v) => VENDOR_LABEL[v.vendor]);
      headline = limited
        ? {
            ja: `${list(found, 'ja')}のタグを確認しました。読んだ範囲では問題は見当たりません（${passed.length} 項目）`,
            en: `Checked the ${list(found, 'en')} tag: nothing wrong in what was read (${passed.length} checks)`,
          }
        : {
            ja: `問題は見つかりませんでした（${list(found, 'ja')}のタグ、${passed.length} 項目を確認）`,
            en: `No problems found (${list(found, 'en')} tag, ${passed.length} checks passed)`,
          };
      break;
    }
    case 'problems':
      headline = {
        ja: `エラー ${errors} 件・警告 ${warnings} 件が見つかりました`,
        en: `Found ${errors} error${errors === 1 ? '' : 's'} and ${warnings} warning${warnings === 1 ? '' : 's'}`,
      };
      break;
  }
  return { kind, vendors, lookedAt, limited, limits, passed, headline: kind === 'empty' ? headline : withLimit(headline, limited) };
}
