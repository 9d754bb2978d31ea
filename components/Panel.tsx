/**
 * The DevTools panel 「連携」. Everything arrives through a SessionSource (the background's
 * capture in the extension, an in-memory source in tests and for an imported HAR); the
 * analysis runs here with the pure core, in the UI language.
 */
import { useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { useStore } from 'zustand';
import type { Finding, Lang } from '@/utils/core/model';
import type { Analyze, PanelActions, ReportFormat } from '@/utils/ui/analysis';
import { copyText, downloadText, fileSlug } from '@/utils/ui/dom-actions';
import type { HarFileLike, HarImportResult } from '@/utils/ui/har-import';
import { MAX_HAR_BYTES } from '@/utils/ui/limits';
import { createMemorySource, type MemorySource } from '@/utils/ui/memory-source';
import { createPanelStore, PANEL_TABS, type PanelStore, type PanelTab } from '@/utils/ui/panel-store';
import type { SessionSource, TabCapture } from '@/utils/ui/source';
import { buildNetworkRows, buildTimeline, documentLine, evidencePageIndex, hostOf, type PanelAnalysis } from '@/utils/ui/view-model';
import { CompareView, type CompareDeps } from './compare/CompareView';
import { CopyReport } from './CopyReport';
import { FindingsView } from './FindingsView';
import { useI18n } from './i18n-context';
import { NetworkView } from './NetworkView';
import { Tabs } from './Tabs';
import { TagsView } from './TagsView';
import { TimelineView } from './TimelineView';
import { PassedChecks, VerdictView } from './VerdictView';
import type { StateChoice } from './LoginStateControl';

export interface PanelProps {
  source: SessionSource;
  tabId: number;
  /** undefined while the analysis core is still loading (it is a separate chunk) */
  analyze?: Analyze;
  actions?: PanelActions;
  version?: string;
  store?: PanelStore;
  /** hosted in DevTools: DevTools' own network log with the documents (utils/ui/devtools-har.ts) */
  devtoolsHar?: () => Promise<unknown>;
  /** how long to coalesce capture updates (ms): a busy page sends many */
  throttleMs?: number;
  /** the Compare tab's storage and companion (the extension's storage items by default) */
  compareDeps?: CompareDeps;
}

const IMPORT_TAB = 0;

/** Subscribe to a tab's capture, coalescing bursts of updates. */
function useCapture(source: SessionSource, tabId: number, throttleMs: number): TabCapture | undefined {
  const [capture, setCapture] = useState<TabCapture>();
  useEffect(() => {
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let pending: TabCapture | undefined;
    const flush = () => {
      timer = undefined;
      last = Date.now();
      if (pending) setCapture(pending);
    };
    const unsubscribe = source.subscribe(tabId, (c) => {
      pending = c;
      if (timer) return;
      const wait = throttleMs - (Date.now() - last);
      if (wait <= 0) flush();
      else timer = setTimeout(flush, wait);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [source, tabId, throttleMs]);
  return capture;
}

export function Panel(props: PanelProps) {
  const { t, lang } = useI18n();
  const storeRef = useRef<PanelStore>(props.store ?? createPanelStore());
  const store = storeRef.current;
  const state = useStore(store);
  const importSource = useRef<MemorySource>(createMemorySource());

  const live = !state.imported;
  const source = live ? props.source : importSource.current;
  const tabId = live ? props.tabId : IMPORT_TAB;
  const capture = useCapture(source, tabId, props.throttleMs ?? 250);

  const analysis = useMemo(() => runAnalysis(props.analyze, capture, lang), [props.analyze, capture, lang]);
  const result = analysis.result;
  const networkRows = useMemo(() => (capture ? buildNetworkRows(capture.session, result) : []), [capture, result]);
  const timeline = useMemo(() => (result ? buildTimeline(result) : []), [result]);
  const site = capture?.session.pages[0] ? hostOf(capture.session.pages[0].url) : undefined;
  const version = props.version ?? '0.0.0';

  const onStateChange = (pageId: string, choice: StateChoice) => {
    void source.setStateOverride(tabId, pageId, choice === 'auto' ? null : choice);
  };

  const onShowSource = (f: Finding, ev: Finding['evidence'][number]) => {
    const pageIndex = result && ev.location ? evidencePageIndex(f, ev, result.pages) : undefined;
    if (pageIndex !== undefined && ev.location) store.getState().focusSource(pageIndex, documentLine(result!.pages[pageIndex]!.page, ev.location));
  };

  const showImport = (r: HarImportResult) => {
    if (!r.ok) {
      store.getState().setNotice({ kind: 'error', key: r.error, subs: { name: r.name, max: Math.round(MAX_HAR_BYTES / 1024 / 1024) }, detail: r.detail });
      return;
    }
    importSource.current.put(IMPORT_TAB, r.session, { siteAccess: 'granted', overrides: {} });
    store.getState().setImported({ name: r.name, session: r.session });
    store.getState().setNotice({ kind: 'info', key: 'harImported', subs: { name: r.name, pages: r.session.pages.length, requests: r.session.requests.length } });
  };

  const onImport = async (file: HarFileLike) => {
    // the HAR reader (and the HTML parser behind it) loads only when a file is given
    const { importHarFile } = await import('@/utils/ui/har-import');
    showImport(await importHarFile(file, lang));
  };

  const onDevtools = async () => {
    if (!props.devtoolsHar) return;
    const { importHarObject } = await import('@/utils/ui/har-import');
    let har: unknown;
    try {
      har = await props.devtoolsHar();
    } catch (e) {
      store.getState().setNotice({ kind: 'error', key: 'devtoolsReadFailed', detail: e instanceof Error ? e.message.slice(0, 200) : undefined });
      return;
    }
    showImport(importHarObject(har, t('devtoolsSourceName'), lang));
  };

  const onDrop = (e: DragEvent) => {
    const file = e.dataTransfer?.files?.[0];
    if (!file) return;
    e.preventDefault();
    void onImport(file);
  };

  const onCopy = async (format: ReportFormat = 'markdown') => {
    if (!result || !props.actions) return;
    const meta = { site, version, dropped: capture?.session.dropped };
    const ok = await copyText(props.actions.report ? props.actions.report(result, meta, format) : props.actions.reportMarkdown(result, meta));
    const copied = format === 'chatwork' ? 'reportCopiedChatwork' : format === 'text' ? 'reportCopiedText' : 'reportCopied';
    store.getState().setNotice(ok ? { kind: 'info', key: copied } : { kind: 'error', key: 'reportCopyFailed' });
  };

  const onExport = () => {
    if (!result || !props.actions) return;
    const snap = props.actions.snapshot(result, { site, version });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    downloadText(`renkei-snapshot-${fileSlug(site ?? 'session')}-${stamp}.json`, `${JSON.stringify(snap, null, 2)}\n`);
    store.getState().setNotice({ kind: 'info', key: 'snapshotExported' });
  };

  const onClear = () => {
    if (state.imported) {
      store.getState().setImported(undefined);
      store.getState().setNotice(undefined);
      return;
    }
    void source.clear(tabId);
  };

  const summary = result?.summary;
  const dropped = capture?.session.dropped;
  const tabLabels: Record<PanelTab, string> = {
    tags: t('tab_tags'),
    network: t('tab_network'),
    findings: summary ? t('tab_findingsCount', { n: result!.findings.length }) : t('tab_findings'),
    timeline: t('tab_timeline'),
    compare: t('tab_compare'),
  };

  return (
    <div className="panel" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
      <header className="panel-head">
        <div className="panel-title">
          <h1>{t('panelHeading')}</h1>
          <span className="context">
            {state.imported ? t('showingHar', { name: state.imported.name }) : t('showingTab', { id: props.tabId })}
            {site ? ` · ${site}` : ''}
          </span>
          {summary ? (
            <span className="counts" aria-label={t('countsLabel')}>
              <span className="badge sev-error">{t('countError', { n: summary.errors })}</span>
              <span className="badge sev-warning">{t('countWarning', { n: summary.warnings })}</span>
              <span className="badge sev-info">{t('countInfo', { n: summary.infos })}</span>
            </span>
          ) : null}
        </div>
        <div className="toolbar" role="toolbar" aria-label={t('toolbarLabel')}>
          <CopyReport disabled={!result || !props.actions} onCopy={(format) => void onCopy(format)} />
          <button type="button" onClick={onExport} disabled={!result || !props.actions}>
            {t('exportSnapshot')}
          </button>
          <label className="button file-button">
            {t('importHar')}
            <input
              type="file"
              accept=".har,application/json"
              className="visually-hidden-file"
              aria-label={t('importHarLabel')}
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) void onImport(f);
                e.target.value = '';
              }}
            />
          </label>
          {props.devtoolsHar ? (
            <button type="button" onClick={() => void onDevtools()} title={t('fromDevtoolsHelp')}>
              {t('fromDevtools')}
            </button>
          ) : null}
          <button type="button" onClick={onClear}>
            {state.imported ? t('backToTab') : t('clear')}
          </button>
        </div>
        {capture && live ? (
          <p className="persist-info">
            {t('persistInfo', { pages: capture.limits.pages, requests: capture.limits.requests })}
            {dropped && (dropped.pages > 0 || dropped.requests > 0) ? ` ${t('droppedInfo', { pages: dropped.pages, requests: dropped.requests })}` : ''}
          </p>
        ) : null}
        {capture && (result || capture.session.pages.length === 0) ? <VerdictView verdict={result?.verdict} siteAccess={live ? capture.siteAccess : 'granted'} /> : null}
        {capture && live && capture.siteAccess === 'withheld' ? <p className="notice warn">{t('siteAccessWithheldPanel')}</p> : null}
        <div className="notice-line" aria-live="polite">
          {state.notice ? (
            <p className={`notice ${state.notice.kind}`} role={state.notice.kind === 'error' ? 'alert' : undefined}>
              {t(state.notice.key, state.notice.subs)}
              {state.notice.detail ? <span className="notice-detail">（{state.notice.detail}）</span> : null}
            </p>
          ) : null}
        </div>
        {analysis.error ? (
          <p className="notice error" role="alert">
            {t('analysisFailed')} <span className="notice-detail">{analysis.error}</span>
          </p>
        ) : null}
      </header>
      <Tabs label={t('tabsLabel')} idPrefix="panel" items={PANEL_TABS.map((id) => ({ id, label: tabLabels[id] }))} selected={state.tab} onSelect={state.setTab} />
      {PANEL_TABS.map((id) => (
        <div key={id} role="tabpanel" id={`panel-panel-${id}`} aria-labelledby={`panel-tab-${id}`} hidden={state.tab !== id} tabIndex={0} className="tabpanel">
          {state.tab !== id ? null : id === 'compare' ? (
            <CompareView capture={capture} version={version} deps={props.compareDeps} />
          ) : !capture || !props.analyze ? (
            <p className="empty">{t('loading')}</p>
          ) : id === 'tags' ? (
            <TagsView
              pages={result?.pages ?? []}
              rawPages={capture.session.pages}
              overrides={capture.overrides}
              findings={result?.findings ?? []}
              onStateChange={onStateChange}
              focus={state.focus}
            />
          ) : id === 'network' ? (
            <NetworkView rows={networkRows} filter={state.networkFilter} onFilter={state.setNetworkFilter} dropped={dropped?.requests} />
          ) : id === 'findings' ? (
            <FindingsView
              findings={result?.findings ?? []}
              filter={state.findingsFilter}
              onFilter={state.setFindingsFilter}
              onShowSource={onShowSource}
              empty={<FindingsEmpty verdict={result?.verdict} />}
            />
          ) : (
            <TimelineView nodes={timeline} />
          )}
        </div>
      ))}
    </div>
  );
}

/** The Findings tab without findings: what that means for this capture (never a bare "no problem"). */
function FindingsEmpty({ verdict }: { verdict: PanelAnalysis['verdict'] }) {
  const { t, lang } = useI18n();
  if (!verdict || verdict.kind === 'empty') return <p className="empty">{t('verdictEmpty')}</p>;
  if (verdict.kind === 'no-tag') return <p className="empty">{t('verdictFindingsNoTag')}</p>;
  return (
    <div className="empty" data-verdict={verdict.kind}>
      <p>{verdict.headline[lang]}</p>
      {verdict.kind === 'clear' ? <PassedChecks verdict={verdict} open /> : null}
    </div>
  );
}

function runAnalysis(analyze: Analyze | undefined, capture: TabCapture | undefined, lang: Lang): { result?: PanelAnalysis; error?: string } {
  if (!capture || !analyze) return {};
  try {
    return { result: analyze(capture, lang) };
  } catch (e) {
    // a bug in a rule must not blank the panel: show the raw evidence and say what failed
    return { error: e instanceof Error ? e.message.slice(0, 300) : String(e).slice(0, 300) };
  }
}
