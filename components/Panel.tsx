/**
 * The DevTools panel 「連携」. Everything arrives through a SessionSource (the background's
 * capture in the extension, an in-memory source in tests and for an imported HAR); the
 * analysis runs here with the pure core, in the UI language.
 */
import { useEffect, useMemo, useRef, useState, type DragEvent, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { Finding, Lang, LoginState, Page } from '@/utils/core/model';
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
import { Icon, SeverityIcon, type IconName } from './Icons';
import { stateKey } from './labels';
import { useI18n } from './i18n-context';
import { NetworkView } from './NetworkView';
import { Tabs } from './Tabs';
import { TagsView, type OpenResource } from './TagsView';
import { TimelineView } from './TimelineView';
import { VerdictView } from './VerdictView';
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
  /** above the toolbar (DevTools' fallback notice) */
  top?: ReactNode;
  /** at the end of the toolbar row (where capture runs) */
  toolbarExtra?: ReactNode;
  /** DevTools' "open in Sources" (devtools.panels.openResource), when the panel runs inside DevTools */
  openResource?: OpenResource;
  /** the tab DevTools inspects, when the panel runs inside DevTools */
  inspectedTabId?: number;
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
  const pages = capture?.session.pages ?? [];
  const newest = pages.at(-1);
  const verdict = result?.verdict;
  const tabLabels: Record<PanelTab, string> = {
    tags: t('tab_tags'),
    network: t('tab_network'),
    findings: summary ? t('tab_findingsCount', { n: result!.findings.length }) : t('tab_findings'),
    timeline: t('tab_timeline'),
    compare: t('tab_compare'),
  };
  const context = state.imported
    ? `${t('showingHar', { name: state.imported.name })}${site ? ` · ${site}` : ''}`
    : newest
      ? `${hostOf(newest.url)}${newest.title ? ` — ${newest.title}` : ''}`
      : t('contextNoPage');
  const hasData = Boolean(result && props.actions);
  const hasDropped = Boolean(dropped && (dropped.pages > 0 || dropped.requests > 0));

  return (
    <div className="panel" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
      <header className="panel-head">
        {props.top}
        <div className="panel-bar">
          <h1 className="visually-hidden">{t('panelHeading')}</h1>
          <span
            className="context"
            data-context={state.imported ? 'har' : 'tab'}
            title={[newest && !state.imported ? newest.url : undefined, capture && live ? t('persistInfo', { pages: capture.limits.pages, requests: capture.limits.requests }) : undefined]
              .filter(Boolean)
              .join('\n')}
          >
            {context}
          </span>
          {summary && summary.errors + summary.warnings + summary.infos > 0 ? <CountChips verdict={verdict} summary={summary} /> : null}
          {hasDropped ? (
            <span className="chip chip-warn" title={t('droppedInfo', { pages: dropped!.pages, requests: dropped!.requests })}>
              {t('droppedChip')}
              <span className="visually-hidden"> {t('droppedInfo', { pages: dropped!.pages, requests: dropped!.requests })}</span>
            </span>
          ) : null}
          {props.toolbarExtra}
          <div className="toolbar" role="toolbar" aria-label={t('toolbarLabel')}>
            <CopyReport disabled={!hasData} onCopy={(format) => void onCopy(format)} />
            <IconButton icon="export" label={t('exportSnapshot')} onClick={onExport} disabled={!hasData} />
            <label className="button icon-button file-button" title={t('importHarLabel')}>
              <Icon name="import" />
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
            {props.devtoolsHar ? <IconButton icon="devtools" label={t('fromDevtools')} title={t('fromDevtoolsHelp')} onClick={() => void onDevtools()} /> : null}
            <IconButton icon={state.imported ? 'back' : 'clear'} label={state.imported ? t('backToTab') : t('clear')} onClick={onClear} />
            {live && newest ? (
              <ToolbarLoginState page={newest} pageNumber={pages.length} override={capture?.overrides[newest.id]} onChange={(c) => onStateChange(newest.id, c)} />
            ) : null}
          </div>
        </div>
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
      <main className="panel-main">
        <Tabs label={t('tabsLabel')} idPrefix="panel" items={PANEL_TABS.map((id) => ({ id, label: tabLabels[id] }))} selected={state.tab} onSelect={state.setTab} />
        {PANEL_TABS.map((id) => (
          <div
            key={id}
            role="tabpanel"
            id={`panel-panel-${id}`}
            aria-labelledby={`panel-tab-${id}`}
            hidden={state.tab !== id}
            tabIndex={id === 'findings' && result && result.findings.length > 0 ? -1 : 0}
            // the Findings list and detail scroll themselves: the tab panel only holds them
            className={`tabpanel tabpanel-${id}${id === 'findings' && result && result.findings.length > 0 ? ' tabpanel-fill' : ''}`}
          >
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
                openResource={state.imported ? undefined : props.openResource}
                inspected={!state.imported && props.inspectedTabId === props.tabId}
              />
            ) : id === 'network' ? (
              <NetworkView rows={networkRows} filter={state.networkFilter} onFilter={state.setNetworkFilter} dropped={dropped?.requests} />
            ) : id === 'findings' ? (
              <FindingsView
                findings={result?.findings ?? []}
                filter={state.findingsFilter}
                onFilter={state.setFindingsFilter}
                onShowSource={onShowSource}
                // findings but no problem (infos only, or limited input): the verdict above the list
                before={verdict && verdict.kind !== 'problems' && result!.findings.length > 0 ? <VerdictView verdict={verdict} siteAccess={live ? capture.siteAccess : 'granted'} /> : null}
                empty={capture && (result || capture.session.pages.length === 0) ? <FindingsEmpty verdict={verdict} siteAccess={live ? capture.siteAccess : 'granted'} /> : null}
              />
            ) : (
              <TimelineView nodes={timeline} findings={result?.findings ?? []} />
            )}
          </div>
        ))}
      </main>
    </div>
  );
}

function IconButton(props: { icon: IconName; label: string; title?: string; onClick(): void; disabled?: boolean }) {
  return (
    <button type="button" className="icon-button" aria-label={props.label} title={props.title ? `${props.label}: ${props.title}` : props.label} onClick={props.onClick} disabled={props.disabled}>
      <Icon name={props.icon} />
    </button>
  );
}

/** The counts as chips; for a capture with problems they are the verdict (its headline for screen readers). */
function CountChips({ verdict, summary }: { verdict: PanelAnalysis['verdict']; summary: NonNullable<PanelAnalysis['summary']> }) {
  const { t, lang } = useI18n();
  // otherwise (infos only) the verdict stands at the top of the Findings tab
  const problems = verdict?.kind === 'problems';
  const chips = [
    ['error', summary.errors, t('countError', { n: summary.errors })],
    ['warning', summary.warnings, t('countWarning', { n: summary.warnings })],
    ['info', summary.infos, t('countInfo', { n: summary.infos })],
  ] as const;
  return (
    <span
      className={`counts${problems ? ' verdict-inline' : ''}`}
      data-verdict={problems ? verdict.kind : undefined}
      data-limited={problems && verdict.limited ? 'true' : undefined}
      role={problems ? 'status' : undefined}
    >
      {problems ? <span className="visually-hidden">{verdict.headline[lang]}</span> : null}
      {chips.map(([sev, n, label]) =>
        n > 0 ? (
          <span key={sev} className={`count sev-${sev}`} title={label} data-count={sev}>
            <SeverityIcon severity={sev} />
            <span aria-hidden="true">{n}</span>
            <span className="visually-hidden">{label}</span>
          </span>
        ) : null,
      )}
      {problems && verdict.limited ? (
        <span className="badge verdict-limited-tag" data-limited-tag="true" title={verdict.limits.map((l) => l.detail[lang]).join('\n')}>
          {t('verdictLimitedTag')}
        </span>
      ) : null}
    </span>
  );
}

/** The newest page's login state, as a toolbar control (every page has its own on the Tags tab). */
function ToolbarLoginState(props: { page: Page; pageNumber: number; override?: LoginState; onChange(c: StateChoice): void }) {
  const { t } = useI18n();
  // the captured page's own state is what inference said (an override is kept beside it)
  const inferred = props.page.state.value;
  const label = t('loginOverrideLabel', { n: props.pageNumber });
  return (
    <span className={`toolbar-login${props.override ? ' overridden' : ''}`} title={`${label}: ${t('loginOverrideHelp')}`}>
      <Icon name="user" />
      <select aria-label={label} value={props.override ?? 'auto'} onChange={(e) => props.onChange(e.target.value as StateChoice)} data-toolbar-login="true">
        <option value="auto">{t('stateAuto', { state: t(stateKey[inferred]) })}</option>
        <option value="logged-in">{t(stateKey['logged-in'])}</option>
        <option value="logged-out">{t(stateKey['logged-out'])}</option>
        <option value="unknown">{t(stateKey.unknown)}</option>
      </select>
    </span>
  );
}

/**
 * The Findings tab without findings: the verdict for this capture (never a bare "no problem"),
 * with the checks that passed when the tag is correct.
 */
function FindingsEmpty({ verdict, siteAccess }: { verdict: PanelAnalysis['verdict']; siteAccess: TabCapture['siteAccess'] }) {
  const { t } = useI18n();
  return (
    <>
      <VerdictView verdict={verdict} siteAccess={siteAccess} />
      {verdict?.kind === 'no-tag' ? <p className="empty">{t('verdictFindingsNoTag')}</p> : null}
    </>
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
