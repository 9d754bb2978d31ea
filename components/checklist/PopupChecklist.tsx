/**
 * The popup's operator checklist: when the open tab shows a settings page we know (LINE's
 * consoles by host; ECAI and Luxliner by the documented labels, readier on the hosts configured in
 * the options), the checklist that applies with each item's state and fix, the progress kept per
 * site and checklist, manual ticks, the cross-page comparison (ECAI's Webhook URL vs LINE's), the
 * optional live checks, and the sync with the companion API when one is configured.
 *
 * Everything browser-side comes through `ChecklistHost` (tests give a fake). The page snapshot
 * and the credentials typed for a live check stay in memory: only fingerprints, masked values and
 * item states are stored or synced.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Lang } from '@/utils/core/model';
import { getChecklist } from '@/utils/core/checklists/index';
import { applyResults, parseProgress, type ChecklistProgress } from '@/utils/core/checklists/progress';
import { checklistsForPage, hostOf } from '@/utils/core/checklists/recognise';
import { refreshChecklist } from '@/utils/core/checklists/tab-state';
import type { CrossPageStore } from '@/utils/core/checklists/cross-page';
import type { ItemResult, PageId, SettingsHosts } from '@/utils/core/checklists/types';
import type { LiveRequest } from '@/utils/live/run';
import type { ChecklistHost } from '@/utils/ext/checklist-host';
import { syncProgress, type RemoteChange, type SyncResult } from '@/utils/ext/checklist-sync';
import { ChecklistView, splitStep } from './ChecklistView';
import { LiveCheckForm } from './LiveCheckForm';
import { cl, type ChecklistString } from './strings';

type Service = LiveRequest['service'];

/** Which live checks a checklist offers (its items verified `live`). */
export const LIVE_SERVICES: Record<string, Service[]> = {
  'ecai-line-connect': ['line'],
  'ecai-migration': ['line'],
  'ecai-quota-alert': ['line'],
  'luxliner-integrations': ['chatwork', 'zendesk'],
};

const SITE_KEY = /^[A-Za-z0-9][A-Za-z0-9.:_-]{0,254}$/u;
/** the site key when the operator names none (utils/ext/checklist-storage DEFAULT_SITE): the field shows it empty */
const DEFAULT_SITE = 'default';
/** an empty field is the shared default record; anything else must be a valid key */
const siteOf = (draft: string): string | undefined => {
  const s = draft.trim();
  if (s === '') return DEFAULT_SITE;
  return SITE_KEY.test(s) ? s : undefined;
};

interface Loaded {
  html: string;
  url: string;
  salt: string;
  hosts: SettingsHosts;
}

interface Evaluated {
  checklistId: string;
  page: PageId;
  choices: string[];
  results: ItemResult[];
  captured: { key: string; masked: string }[];
  truncated: boolean;
}

type SyncView = { kind: 'idle' } | { kind: 'syncing' } | SyncResult;

/** The operator unticks: recorded as a manual `unknown` with its time, so the untick syncs too. */
export function setManualState(p: ChecklistProgress, itemId: string, done: boolean, now: Date = new Date()): ChecklistProgress {
  const at = now.toISOString();
  return { ...p, items: { ...p.items, [itemId]: { id: itemId, state: done ? 'manual-done' : 'unknown', updatedAt: at, by: 'manual' } }, updatedAt: at };
}

/** Page results, then the live results on top (the latest evidence wins). */
export function mergeResults(page: ItemResult[], live: ItemResult[]): ItemResult[] {
  const byId = new Map(page.map((r) => [r.id, r]));
  for (const r of live) {
    const prev = byId.get(r.id);
    if (!prev || r.state === 'pass' || r.state === 'fail' || prev.state === 'unknown') byId.set(r.id, r);
  }
  return [...byId.values()];
}

export function PopupChecklist({ host, lang, onPhase }: { host: ChecklistHost; lang: Lang; onPhase?: (phase: 'loading' | 'none' | 'ready') => void }) {
  const siteInputId = useId();
  const siteHelpId = useId();
  const selectId = useId();
  const [phase, setPhase] = useState<'loading' | 'none' | 'ready'>('loading');
  const [loaded, setLoaded] = useState<Loaded>();
  const [site, setSite] = useState<string>();
  const [siteDraft, setSiteDraft] = useState('');
  const [chosen, setChosen] = useState<string>();
  const [evaluated, setEvaluated] = useState<Evaluated>();
  const [progress, setProgressState] = useState<ChecklistProgress>();
  const [live, setLive] = useState<ItemResult[]>([]);
  const [sync, setSync] = useState<SyncView>({ kind: 'idle' });
  const progressRef = useRef<ChecklistProgress | undefined>(undefined);
  const storeRef = useRef<CrossPageStore | undefined>(undefined);
  const syncQueue = useRef<Promise<void>>(Promise.resolve());
  const alive = useRef(true);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const setProgress = useCallback(
    (p: ChecklistProgress) => {
      progressRef.current = p;
      setProgressState(p);
      void host.saveProgress(p).catch(() => undefined);
    },
    [host],
  );

  /** One sync at a time; a result that arrives after a local change is dropped (the next sync merges). */
  const requestSync = useCallback(() => {
    syncQueue.current = syncQueue.current.then(async () => {
      const start = progressRef.current;
      if (!start || !alive.current) return;
      const cfg = await host.companion().catch(() => undefined);
      if (alive.current) setSync((s) => (s.kind === 'local' ? s : { kind: 'syncing' }));
      const r = await syncProgress(start, cfg, { fetch: host.fetch });
      if (!alive.current) return;
      setSync(r);
      if ((r.kind === 'synced' || r.kind === 'conflict') && progressRef.current === start) setProgress(r.progress);
    });
  }, [host, setProgress]);

  // read the page once
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const page = await host.readPage();
        if (!page || !page.html) {
          if (!cancelled) setPhase('none');
          return;
        }
        const [salt, hosts, storedSite, store] = await Promise.all([host.salt(), host.hosts(), host.loadSite(), host.loadStore()]);
        if (cancelled) return;
        storeRef.current = store as CrossPageStore | undefined;
        setLoaded({ html: page.html, url: page.url, salt, hosts });
        const s = SITE_KEY.test(storedSite) ? storedSite : DEFAULT_SITE;
        setSite(s);
        // the shared default record shows as an empty field (a placeholder says what to type)
        setSiteDraft(s === DEFAULT_SITE ? '' : s);
      } catch {
        if (!cancelled) setPhase('none');
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [host]);

  // evaluate the page for the site and checklist (again when they or the language change)
  useEffect(() => {
    if (!loaded || !site) return;
    let cancelled = false;
    void (async () => {
      const r = refreshChecklist({ html: loaded.html, url: loaded.url, lang, salt: loaded.salt, hosts: loaded.hosts, site, store: storeRef.current ?? undefined, ...(chosen ? { checklist: chosen } : {}) });
      if (!r) {
        setPhase('none');
        return;
      }
      const id = r.analysis.checklistId;
      storeRef.current = r.store;
      void host.saveStore(r.store).catch(() => undefined);
      // the progress in memory is the newest (its save may still be in flight)
      const mine = progressRef.current;
      const stored = mine && mine.site === site && mine.checklistId === id ? mine : await host.loadProgress(site, id).catch(() => undefined);
      if (cancelled) return;
      const p = applyResults(parseProgress(stored, site, id), r.results);
      setEvaluated({ checklistId: id, page: r.analysis.page, choices: checklistsForPage(r.analysis.page), results: r.results, captured: r.analysis.captured, truncated: r.analysis.truncated });
      setProgress(p);
      setPhase('ready');
      requestSync();
    })();
    return () => {
      cancelled = true;
    };
  }, [loaded, site, chosen, lang, host, setProgress, requestSync]);

  const checklistId = evaluated?.checklistId;
  const shownPhase = phase === 'ready' && evaluated && progress && loaded && site ? 'ready' : phase === 'loading' ? 'loading' : 'none';
  useEffect(() => {
    onPhase?.(shownPhase);
  }, [onPhase, shownPhase]);
  const results = useMemo(() => mergeResults(evaluated?.results ?? [], live.filter((r) => r.checklistId === checklistId)), [evaluated, live, checklistId]);

  if (phase !== 'ready' || !evaluated || !progress || !loaded || !site) {
    // `none`: not a settings page we know; an empty marker so that tests and tools can tell it from `loading`
    // reading the page takes a moment on every popup: said to screen readers, no line that jumps away
    return phase === 'loading' ? <p className="visually-hidden" data-checklist-status="loading">{cl(lang, 'checking')}</p> : <span hidden data-checklist-status="none" />;
  }

  const checklist = getChecklist(evaluated.checklistId);
  const services = LIVE_SERVICES[evaluated.checklistId] ?? [];
  const ecaiWebhookFingerprint = storeRef.current?.sites[site]?.values['ecai.webhookUrl']?.fingerprint;

  const onManual = (itemId: string, done: boolean) => {
    if (!progressRef.current) return;
    setProgress(setManualState(progressRef.current, itemId, done));
    requestSync();
  };

  const runLive = (req: LiveRequest, signal: AbortSignal) =>
    host.runLive(req, { checklistId: evaluated.checklistId, lang, salt: loaded.salt, signal, ...(ecaiWebhookFingerprint ? { ecaiWebhookFingerprint } : {}) });

  const onLiveResults = (rs: ItemResult[]) => {
    setLive((prev) => [...prev.filter((p) => !rs.some((r) => r.id === p.id)), ...rs]);
    if (progressRef.current) {
      const next = applyResults(progressRef.current, rs);
      if (next !== progressRef.current) {
        setProgress(next);
        requestSync();
      }
    }
  };

  const commitSite = () => {
    const s = siteOf(siteDraft);
    if (s === undefined || s === site) return;
    setLive([]);
    setSite(s);
    void host.saveSite(s).catch(() => undefined);
  };

  const siteValid = siteOf(siteDraft) !== undefined;
  return (
    <div className="popup-checklist" data-checklist-site={site}>
      {evaluated.choices.length > 1 ? (
        <p className="checklist-choose">
          <label htmlFor={selectId}>{cl(lang, 'chooseChecklist')}</label>
          <select
            id={selectId}
            value={evaluated.checklistId}
            onChange={(e) => {
              setLive([]);
              setChosen(e.currentTarget.value);
            }}
          >
            {evaluated.choices.map((c) => (
              <option key={c} value={c}>
                {getChecklist(c)?.title[lang] ?? c}
              </option>
            ))}
          </select>
        </p>
      ) : null}
      {evaluated.truncated ? <p className="notice warn">{cl(lang, 'pageTruncated')}</p> : null}
      <ChecklistView
        checklistId={evaluated.checklistId}
        lang={lang}
        progress={progress}
        results={results}
        onManualChange={onManual}
        pageLabel={hostOf(loaded.url)}
        pageId={evaluated.page}
      />
      {evaluated.captured.length > 0 ? (
        <p className="checklist-counts" data-captured={evaluated.captured.map((c) => c.key).join(' ')}>
          {cl(lang, 'captured', { values: evaluated.captured.map((c) => `${c.key} ${c.masked}`).join(', ') })}
        </p>
      ) : null}
      <p className="checklist-site">
        <label htmlFor={siteInputId}>{cl(lang, 'siteLabel')}</label>
        <input
          id={siteInputId}
          value={siteDraft}
          maxLength={255}
          spellCheck={false}
          autoComplete="off"
          placeholder={cl(lang, 'sitePlaceholder')}
          aria-describedby={siteHelpId}
          aria-invalid={!siteValid || undefined}
          onChange={(e) => setSiteDraft(e.currentTarget.value)}
          onBlur={commitSite}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commitSite();
          }}
        />
        <span id={siteHelpId} className="checklist-site-help">
          {!siteValid ? <span className="notice warn">{cl(lang, 'siteInvalid')} </span> : null}
          {cl(lang, 'siteHelp')}
        </span>
      </p>
      <SyncStatus sync={sync} lang={lang} titles={(id) => shownTitle(checklist?.items.find((i) => i.id === id)?.title[lang]) ?? id} />
      {services.length > 0 ? (
        <details className="checklist-live-checks">
          <summary>{cl(lang, 'liveTitle')}</summary>
          {services.map((s) => (
            <LiveCheckForm key={`${evaluated.checklistId}-${s}`} service={s} lang={lang} run={runLive} onResults={onLiveResults} />
          ))}
        </details>
      ) : null}
    </div>
  );
}

/** an item's title as the list shows it: the document's step number, then the words */
function shownTitle(title: string | undefined): string | undefined {
  if (title === undefined) return undefined;
  const { step, text } = splitStep(title);
  return step ? `${step} ${text}` : text;
}

function stateLabel(lang: Lang, state: string): string {
  return ['pass', 'fail', 'unknown', 'manual-done'].includes(state) ? cl(lang, `state_${state}` as ChecklistString) : state;
}

function SyncStatus({ sync, lang, titles }: { sync: SyncView; lang: Lang; titles: (id: string) => string }) {
  if (sync.kind === 'idle') return null;
  if (sync.kind === 'local') return <p className="checklist-counts" data-sync="local">{cl(lang, 'syncLocal')}</p>;
  if (sync.kind === 'syncing') return <p className="checklist-counts" data-sync="syncing">{cl(lang, 'syncing')}</p>;
  if (sync.kind === 'error') {
    const reason = cl(lang, `syncReason_${sync.reason}` as ChecklistString, { status: sync.status ?? '' });
    return (
      <p className="notice warn" data-sync="error">
        {cl(lang, 'syncError', { reason })}
      </p>
    );
  }
  const changes: RemoteChange[] = sync.changes;
  return (
    <div className={sync.kind === 'conflict' ? 'notice warn' : 'checklist-counts'} data-sync={sync.kind}>
      <p>{cl(lang, sync.kind === 'conflict' ? 'syncConflict' : 'synced')}</p>
      {changes.length > 0 ? (
        <ul className="checklist-changes">
          {changes.map((c, i) => (
            <li key={`${c.itemId}-${i}`} data-changed-item={c.itemId} data-taken={c.taken ? 'true' : 'false'}>
              {cl(lang, 'changedBy', { item: titles(c.itemId), state: stateLabel(lang, c.state), by: c.by ?? '?', at: c.updatedAt ?? '?' })} ・ {cl(lang, c.taken ? 'changedTaken' : 'changedKept')}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
