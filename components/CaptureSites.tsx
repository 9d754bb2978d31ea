/**
 * Where capture runs (utils/ext/capture-sites.ts):
 * - `CaptureSitesList`: the sites that are on, with add / remove and "all sites" (popup, options);
 * - `PanelCaptureBar`: opening the panel for a tab turns its site on, and offers
 *   「再読み込みして記録」 when the page open now was not captured.
 * Strings are kept here (ja/en) so this surface stays separate from the shared message table.
 */
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { Lang } from '@/utils/core/model';
import type { CaptureSitesClient, CaptureSitesReply } from '@/utils/ext/capture-sites';
import { useI18n } from './i18n-context';

const TEXT = {
  ja: {
    heading: '記録するサイト',
    help: 'ここにあるサイトのページだけで、タグの呼び出しとページのソースを記録します。ほかのサイトでは何も読み込みません。DevTools の「連携」パネルを開くと、そのタブのサイトが加わります。',
    all: 'すべてのサイトで記録する',
    none: 'まだありません。',
    add: '追加',
    addLabel: 'サイトを追加 (例: www.example.co.jp, *.example.co.jp)',
    remove: (s: string) => `${s} を外す`,
    badSite: (s: string) => `「${s}」はサイトの名前として読めません。`,
    tooMany: 'これ以上追加できません。',
    thisSite: (s: string) => `このサイト (${s}) を記録する`,
    allOn: 'すべてのサイトで記録しています。',
    turnedOn: (s: string) => `${s} の記録を始めました。いま開いているページは記録されていません。`,
    on: (s: string) => `${s} を記録しています。`,
    reload: '再読み込みして記録',
    recording: '記録中',
    noSite: 'このタブのページは記録できません (http/https のページを開いてください)。',
    failed: '記録するサイトを変更できませんでした。',
    offNote: 'このサイトは記録していません。オンにしてからページを再読み込み（F5）すると記録が始まります。',
  },
  en: {
    heading: 'Sites to record',
    help: "Tag calls and page source are recorded only on pages of these sites; nothing is read on other sites. Opening the DevTools panel \"連携 Renkei\" adds the tab's site.",
    all: 'Record on all sites',
    none: 'None yet.',
    add: 'Add',
    addLabel: 'Add a site (e.g. www.example.co.jp, *.example.co.jp)',
    remove: (s: string) => `Remove ${s}`,
    badSite: (s: string) => `"${s}" is not a site name.`,
    tooMany: 'No more sites can be added.',
    thisSite: (s: string) => `Record this site (${s})`,
    allOn: 'Recording on all sites.',
    turnedOn: (s: string) => `Recording started for ${s}. The page open now was not recorded.`,
    on: (s: string) => `Recording ${s}.`,
    reload: 'Reload and record',
    recording: 'Recording',
    noSite: 'This tab cannot be recorded (open an http/https page).',
    failed: 'Could not change the sites to record.',
    offNote: 'This site is not recorded. Turn it on, then reload the page (F5) to start recording.',
  },
} as const;

const text = (lang: Lang) => TEXT[lang] ?? TEXT.en;

/**
 * `compact` (the popup): only whether this tab's site is recorded, as one checkbox — the first
 * thing to do on a site that is off; the list itself is on the options page.
 */
export function CaptureSitesList({ client, tabId, compact }: { client: CaptureSitesClient; tabId?: number; compact?: boolean }) {
  const { lang } = useI18n();
  const tx = text(lang);
  const inputId = useId();
  const [state, setState] = useState<CaptureSitesReply>();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string>();

  const refresh = useCallback(() => client.get(tabId).then(setState, () => setError(tx.failed)), [client, tabId, tx]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const apply = async (p: Promise<CaptureSitesReply>, typed?: string, optimistic?: (s: CaptureSitesReply['sites']) => CaptureSitesReply['sites']) => {
    // a checkbox shows its new state at once (the reply follows)
    if (optimistic) setState((s) => (s ? { ...s, sites: optimistic(s.sites) } : s));
    try {
      const r = await p;
      if (!r.ok) setError(r.error === 'bad-site' ? tx.badSite(typed ?? '') : r.error === 'too-many-sites' ? tx.tooMany : tx.failed);
      else setError(undefined);
      await refresh();
      return r.ok;
    } catch {
      setError(tx.failed);
      return false;
    }
  };

  const onAdd = async (e: FormEvent) => {
    e.preventDefault();
    const typed = draft.trim();
    if (!typed) return;
    if (await apply(client.add(typed), typed)) setDraft('');
  };

  if (!state)
    return error ? (
      <p className="notice error capture-sites" role="status">
        {error}
      </p>
    ) : null;
  const { sites, tabSite } = state;
  /** the checkbox that turns capture on or off for the open tab's site */
  const thisSiteBox = (site: string) => (
    <input
      type="checkbox"
      checked={sites.hosts.includes(site)}
      onChange={(e) => {
        const on = e.target.checked;
        void apply(on ? client.add(site) : client.remove(site), site, (s) => ({
          ...s,
          hosts: on ? [...s.hosts, site] : s.hosts.filter((h) => h !== site),
        }));
      }}
      data-testid="capture-this-site"
    />
  );
  if (compact) {
    const on = sites.all || (tabSite !== undefined && sites.hosts.includes(tabSite));
    return (
      <section className={`capture-sites compact${on ? '' : ' off'}`} aria-label={tx.heading} data-capture-on={on ? 'true' : 'false'}>
        {tabSite && !sites.all ? (
          <label className="capture-this">
            {thisSiteBox(tabSite)}
            <span>{tx.thisSite(tabSite)}</span>
          </label>
        ) : (
          <p className="capture-note muted">{sites.all ? tx.allOn : tx.noSite}</p>
        )}
        {tabSite && !on ? <p className="capture-note">{tx.offNote}</p> : null}
        <p className={`notice ${error ? 'error' : ''}`} role="status" aria-live="polite">
          {error}
        </p>
      </section>
    );
  }
  return (
    <section className="capture-sites" aria-labelledby={`${inputId}-h`}>
      <h2 id={`${inputId}-h`}>{tx.heading}</h2>
      <p className="muted">{tx.help}</p>
      {tabSite && !sites.all ? (
        <label className="row">
          {thisSiteBox(tabSite)}
          {tx.thisSite(tabSite)}
        </label>
      ) : null}
      <label className="row">
        <input type="checkbox" checked={sites.all} onChange={(e) => {
            const all = e.target.checked;
            void apply(client.setAll(all), undefined, (s) => ({ ...s, all }));
          }} data-testid="capture-all-sites" />
        {tx.all}
      </label>
      {sites.hosts.length === 0 ? (
        <p className="muted">{tx.none}</p>
      ) : (
        <ul className="capture-site-list" data-testid="capture-site-list">
          {sites.hosts.map((h) => (
            <li key={h} data-site={h}>
              <span>{h}</span>{' '}
              <button type="button" aria-label={tx.remove(h)} onClick={() => void apply(client.remove(h))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="row" onSubmit={(e) => void onAdd(e)}>
        <label htmlFor={inputId}>{tx.addLabel}</label>
        <input id={inputId} value={draft} onChange={(e) => setDraft(e.target.value)} spellCheck={false} autoComplete="off" />
        <button type="submit">{tx.add}</button>
      </form>
      <p className={`notice ${error ? 'error' : ''}`} role="status" aria-live="polite">
        {error}
      </p>
    </section>
  );
}

/** The panel's line: turns the tab's site on when the panel opens, offers the reload. */
export function PanelCaptureBar({ client, tabId }: { client: CaptureSitesClient; tabId: number }) {
  const { lang } = useI18n();
  const tx = text(lang);
  const [state, setState] = useState<CaptureSitesReply | 'failed'>();
  const [reloaded, setReloaded] = useState(false);
  useEffect(() => {
    client.enableTab(tabId).then(setState, () => setState('failed'));
  }, [client, tabId]);
  if (!state) return null;
  if (state === 'failed' || !state.ok) {
    return (
      <p className="notice error capture-bar" role="status" data-capture="failed">
        {tx.failed}
      </p>
    );
  }
  if (!state.tabSite) {
    return (
      <p className="notice info capture-bar" role="status" data-capture="no-site">
        {tx.noSite}
      </p>
    );
  }
  const site = state.tabSite;
  if (!state.turnedOn || reloaded) {
    // the steady state is a chip in the panel's toolbar (no permanent line of prose)
    const said = state.sites.all ? tx.allOn : tx.on(site);
    return (
      <span className="capture-chip" role="status" data-capture="on" data-site={site} title={said}>
        <span className="capture-dot" aria-hidden="true" />
        <span aria-hidden="true">{tx.recording}</span>
        <span className="visually-hidden">{said}</span>
      </span>
    );
  }
  return (
    <div className="notice info capture-bar row" role="status" data-capture={state.turnedOn && !reloaded ? 'turned-on' : 'on'} data-site={site}>
      <span>{state.sites.all ? tx.allOn : state.turnedOn && !reloaded ? tx.turnedOn(site) : tx.on(site)}</span>
      {state.turnedOn && !reloaded ? (
        <button
          type="button"
          onClick={() => {
            setReloaded(true);
            void client.reloadTab(tabId);
          }}
        >
          {tx.reload}
        </button>
      ) : null}
    </div>
  );
}
