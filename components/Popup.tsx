/**
 * The popup: what to do about the current tab, not a report to read.
 *
 * - The header holds the two ways on: the full panel for this tab (opened as a tab) and the options.
 * - Whether this site is recorded (a checkbox: the first thing to do on a site that is off).
 * - On a settings page we know, the operator's checklist comes first; the tag summary follows,
 *   or is left out when the page has no tag at all.
 * - Per finding: its title once, the page(s) it was seen on, and the fix with a copy button
 *   (FixBlock); the same rule on several pages is one entry with a count.
 *
 * The analysis core is loaded on demand so the popup's first paint stays small.
 */
import { useCallback, useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import type { Finding } from '@/utils/core/model';
import type { Analyze } from '@/utils/ui/analysis';
import type { SessionSource, TabCapture } from '@/utils/ui/source';
import { hostOf, shortUrl, worstFirst, type PanelAnalysis } from '@/utils/ui/view-model';
import { FixBlock } from './FixBlock';
import { useI18n } from './i18n-context';
import { pt } from './popup-text';
import { VerdictView } from './VerdictView';
import './popup.css';

/** finding groups shown; the rest are counted and left to the full panel */
const SHOWN = 5;
/** pages named per group; the rest are counted */
const PAGES_SHOWN = 3;

/** What the popup's checklist slot reports (components/checklist/PopupChecklist). */
export type ChecklistPhase = 'loading' | 'none' | 'ready';

export interface PopupActions {
  /** the panel page for this tab, in a new tab */
  openPanel?(): void;
  openOptions?(): void;
}

export interface PopupGroup {
  finding: Finding;
  /** how many findings of this rule and title (one per page, usually) */
  count: number;
  /** the pages they were seen on (URLs, in order of severity then first seen) */
  pages: string[];
}

/** Worst first; the same rule with the same title on several pages is one group. */
export function groupForPopup(findings: Finding[]): PopupGroup[] {
  const groups = new Map<string, PopupGroup>();
  for (const f of worstFirst(findings)) {
    const key = `${f.severity}\u0000${f.ruleId}\u0000${f.title}`;
    const g = groups.get(key);
    if (!g) groups.set(key, { finding: f, count: 1, pages: f.page ? [f.page] : [] });
    else {
      g.count++;
      if (f.page && !g.pages.includes(f.page)) g.pages.push(f.page);
    }
  }
  return [...groups.values()];
}

/** A page as the popup names it: its path on the tab's site, host and path elsewhere. */
export function pageLabel(url: string, siteHost: string | undefined): string {
  try {
    const u = new URL(url);
    if (siteHost && u.host === siteHost) return `${u.pathname}${u.search ? '?…' : ''}`;
  } catch {
    // not a URL: shortUrl cuts it
  }
  return shortUrl(url);
}

export function Popup(props: {
  source: SessionSource;
  tabId: number | undefined;
  loadAnalyze: () => Promise<Analyze>;
  /** the operator checklist of the tab's settings page (components/checklist/PopupChecklist); it reports its phase */
  checklist?: (onPhase: (phase: ChecklistPhase) => void) => ReactNode;
  /** whether this tab's site is recorded (components/CaptureSites, compact) */
  captureSite?: ReactNode;
  actions?: PopupActions;
}) {
  const { t, lang } = useI18n();
  const [capture, setCapture] = useState<TabCapture>();
  const [analyze, setAnalyze] = useState<{ fn: Analyze }>();
  const [failed, setFailed] = useState<string>();
  const [phase, setPhase] = useState<ChecklistPhase>(props.checklist ? 'loading' : 'none');
  const onPhase = useCallback((p: ChecklistPhase) => setPhase(p), []);
  const { loadAnalyze } = props;

  useEffect(() => {
    if (props.tabId === undefined) return;
    return props.source.subscribe(props.tabId, setCapture);
  }, [props.source, props.tabId]);

  useEffect(() => {
    let live = true;
    loadAnalyze().then(
      (fn) => live && setAnalyze({ fn }),
      (e: unknown) => live && setFailed(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [loadAnalyze]);

  const computed = useMemo((): { result?: PanelAnalysis; error?: string } => {
    if (!capture || !analyze) return {};
    try {
      return { result: analyze.fn(capture, lang) };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  }, [capture, analyze, lang]);
  const result = computed.result;
  const error = failed ?? computed.error;

  const site = capture?.session.pages.at(-1)?.url;
  const siteHost = site ? hostOf(site) : undefined;
  const kind = result?.verdict?.kind;
  // on a settings page the checklist is the point: the tag summary follows it, and is left out
  // when the page has no tag (a LINE or ECAI console has none)
  const hideTags = phase === 'ready' && kind !== 'clear' && kind !== 'problems' && !error;
  const actions = props.actions ?? {};

  return (
    <main className="popup" data-checklist-phase={phase}>
      <header className="popup-head">
        <div className="popup-title">
          <h1>{t('panelHeading')}</h1>
          {siteHost ? <span className="popup-site">{siteHost}</span> : null}
        </div>
        <div className="popup-actions">
          {actions.openPanel && props.tabId !== undefined ? (
            <button type="button" className="popup-primary" data-action="open-panel" title={pt(lang, 'openPanelHint')} onClick={actions.openPanel}>
              {pt(lang, 'openPanel')}
            </button>
          ) : null}
          {actions.openOptions ? (
            <button type="button" data-action="open-options" title={pt(lang, 'openOptionsHint')} onClick={actions.openOptions}>
              {pt(lang, 'openOptions')}
            </button>
          ) : null}
        </div>
      </header>
      {props.tabId === undefined ? <p className="empty">{t('popupNoTab')}</p> : null}
      {capture?.siteAccess === 'withheld' ? (
        <p className="notice warn" role="alert" data-site-access="withheld">
          {t('siteAccessWithheldPopup')}
        </p>
      ) : null}
      {props.captureSite}
      {props.checklist?.(onPhase)}
      {error ? (
        <p className="notice error" role="alert">
          {t('analysisFailed')} <span className="notice-detail">{error.slice(0, 200)}</span>
        </p>
      ) : null}
      {hideTags ? null : (
        <TagSummary capture={capture} result={result} siteHost={siteHost} waiting={props.tabId !== undefined && !error} />
      )}
      <p className="popup-foot">{pt(lang, 'devtoolsHint')}</p>
    </main>
  );
}

function TagSummary({ capture, result, siteHost, waiting }: { capture?: TabCapture; result?: PanelAnalysis; siteHost?: string; waiting: boolean }) {
  const { t, lang } = useI18n();
  const headingId = useId();
  if (!capture || (!result && capture.session.pages.length > 0)) return waiting ? <p className="empty">{t('loading')}</p> : null;
  const groups = result ? groupForPopup(result.findings) : [];
  const shown = groups.slice(0, SHOWN);
  const hidden = groups.slice(SHOWN).reduce((n, g) => n + g.count, 0);
  return (
    <section className="popup-tags" aria-labelledby={headingId}>
      <h2 id={headingId} className="visually-hidden">
        {pt(lang, 'tagSummary')}
      </h2>
      <VerdictView verdict={result?.verdict} siteAccess={capture.siteAccess} compact />
      {result ? (
        <p className="popup-counts">
          <span className="counts" aria-label={t('countsLabel')}>
            <span className="badge sev-error" data-count="error">{t('countError', { n: result.summary.errors })}</span>{' '}
            <span className="badge sev-warning" data-count="warning">{t('countWarning', { n: result.summary.warnings })}</span>{' '}
            <span className="badge sev-info" data-count="info">{t('countInfo', { n: result.summary.infos })}</span>
          </span>{' '}
          <span className="popup-pages">{pt(lang, 'pages', { n: capture.session.pages.length })}</span>
        </p>
      ) : null}
      {shown.length > 0 ? (
        <ul className="popup-findings" aria-label={pt(lang, 'findingsLabel')}>
          {shown.map((g) => (
            <FindingItem key={`${g.finding.ruleId}-${g.finding.title}-${g.finding.severity}`} group={g} siteHost={siteHost} />
          ))}
        </ul>
      ) : null}
      {hidden > 0 ? (
        <p className="popup-more" data-more={hidden}>
          {pt(lang, 'more', { n: hidden })}
        </p>
      ) : null}
    </section>
  );
}

function FindingItem({ group, siteHost }: { group: PopupGroup; siteHost?: string }) {
  const { t, lang } = useI18n();
  const f = group.finding;
  const titleId = useId();
  const pages = group.pages.slice(0, PAGES_SHOWN).map((p) => pageLabel(p, siteHost));
  const morePages = group.pages.length - pages.length;
  return (
    <li className={`popup-finding sev-${f.severity}`} data-rule-id={f.ruleId} data-severity={f.severity} data-count={group.count} aria-labelledby={titleId}>
      <h3 id={titleId} className="popup-finding-title">
        <span className={`badge sev-${f.severity}`}>{t(`severity_${f.severity}`)}</span> <span className="popup-finding-text">{f.title}</span>
        {group.count > 1 ? (
          <>
            {' '}
            <span className="badge popup-dup" data-dup={group.count}>
              <span aria-hidden="true">×{group.count}</span>
              <span className="visually-hidden">{pt(lang, 'sameOnPages', { n: group.pages.length || group.count })}</span>
            </span>
          </>
        ) : null}
      </h3>
      <p className="popup-finding-pages" data-pages={group.pages.length}>
        {pages.length > 0 ? (
          <>
            <span className="visually-hidden">{pt(lang, 'onPages')}: </span>
            {pages.map((p, i) => (
              <span key={i}>
                {i > 0 ? ', ' : ''}
                <code className="popup-path">{p}</code>
              </span>
            ))}
            {morePages > 0 ? ` ${pt(lang, 'morePages', { n: morePages })}` : ''}
          </>
        ) : (
          pt(lang, 'sessionWide')
        )}
      </p>
      <FixBlock fix={f.fix} compact />
    </li>
  );
}
