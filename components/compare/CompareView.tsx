/**
 * The panel's Compare tab: two snapshots side by side — from this tab's capture, a file (the
 * panel's export or `renkei analyze --format json`), the companion's list or a share link —
 * labelled staging / production / custom, with the differences highlighted and the compare/*
 * findings; upload to the companion and share links; the vendors' recording wizard.
 */
import { useEffect, useMemo, useState } from 'react';
import { Snapshot } from '@/utils/core/snapshot';
import type { Lang } from '@/utils/core/model';
import { companionFromSettings, describeError, openSharedLink, type CompanionClient, type SnapshotListItem, type StoredSnapshot } from '@/utils/ui/companion-client';
import type { FetchLike } from '@/utils/ui/companion-check';
import { copyText } from '@/utils/ui/dom-actions';
import type { RecordingStorage } from '@/utils/ui/recording';
import { suggestLabel } from '@/utils/ui/recording';
import type { CompanionSettings } from '@/utils/ui/settings';
import type { TabCapture } from '@/utils/ui/source';
import { useI18n } from '../i18n-context';
import { CompareTable } from './CompareTable';
import type { CompareCore } from './core';
import { RecordingWizard } from './RecordingWizard';
import { cs } from './strings';
import './compare.css';

export interface CompareDeps {
  recordings: RecordingStorage;
  loadCompanion(): Promise<CompanionSettings | undefined>;
  fetch?: FetchLike;
  /** the analysis/comparison core (a lazy chunk by default) */
  loadCore?: () => Promise<CompareCore>;
  copy?: (text: string) => Promise<boolean>;
}

export type SideOrigin = 'session' | 'file' | 'companion' | 'shared' | 'recording';
export type SideId = 'a' | 'b';

export interface Side {
  snapshot: Snapshot;
  origin: SideOrigin;
  /** file name, companion id … */
  name: string;
  /** staging / production / custom text */
  label: string;
  companionId?: string;
}

export const MAX_SNAPSHOT_FILE_BYTES = 10 * 1024 * 1024;

function inExtension(): boolean {
  const g = globalThis as { chrome?: { runtime?: { id?: string } } };
  return typeof g.chrome?.runtime?.id === 'string';
}

function memoryDeps(): CompareDeps {
  let value: unknown;
  return {
    recordings: { load: async () => value, save: async (v) => void (value = v) },
    loadCompanion: async () => undefined,
  };
}

const defaultLoadCore = async (): Promise<CompareCore> => (await import('./core')).compareCore;

/** A file's text → a Snapshot (also the companion's `{snapshot}` envelope), or a clear error. */
export function parseSnapshotText(text: string, name: string, lang: Lang): { ok: true; snapshot: Snapshot } | { ok: false; error: string } {
  if (text.length > MAX_SNAPSHOT_FILE_BYTES) return { ok: false, error: cs(lang, 'fileTooBig', { max: MAX_SNAPSHOT_FILE_BYTES / 1024 / 1024 }) };
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, error: cs(lang, 'fileNotJson', { name }) };
  }
  if (json && typeof json === 'object' && !('pages' in json) && 'snapshot' in json) json = (json as { snapshot: unknown }).snapshot;
  const parsed = Snapshot.safeParse(json);
  if (!parsed.success) {
    const paths = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    return { ok: false, error: cs(lang, 'fileNotSnapshot', { name, paths }) };
  }
  return { ok: true, snapshot: parsed.data };
}

function defaultLabel(s: Snapshot): string {
  return s.env?.trim() || suggestLabel(s.site) || 'custom';
}

function sideOf(snapshot: Snapshot, origin: SideOrigin, name: string, companionId?: string): Side {
  return { snapshot, origin, name, label: defaultLabel(snapshot), ...(companionId ? { companionId } : {}) };
}

function fromStored(s: StoredSnapshot, origin: SideOrigin): Side {
  return sideOf(s.snapshot, origin, s.id, origin === 'companion' ? s.id : undefined);
}

type Status = { kind: 'info' | 'error'; text: string; link?: string } | undefined;

export function CompareView(props: { capture?: TabCapture; version: string; deps?: CompareDeps }) {
  const { lang } = useI18n();
  const [deps, setDeps] = useState<CompareDeps | undefined>(props.deps);
  const [core, setCore] = useState<CompareCore>();
  const [settings, setSettings] = useState<CompanionSettings | undefined | null>(null);
  const [sides, setSides] = useState<{ a?: Side; b?: Side }>({});
  const [target, setTarget] = useState<SideId>('a');
  const [status, setStatus] = useState<Status>();
  const [list, setList] = useState<{ items: SnapshotListItem[]; next: string | null } | undefined>();
  const [filter, setFilter] = useState({ site: '', env: '' });
  const [shared, setShared] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (deps) return;
    if (!inExtension()) {
      // outside the extension (a test, a page preview): records in memory, no companion
      setDeps(memoryDeps());
      return;
    }
    let live = true;
    import('./extension-deps').then(
      (m) => live && setDeps(m.extensionCompareDeps),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [deps]);

  useEffect(() => {
    if (!deps) return;
    let live = true;
    (deps.loadCore ?? defaultLoadCore)().then(
      (c) => live && setCore(() => c),
      () => undefined,
    );
    deps.loadCompanion().then(
      (s) => live && setSettings(s),
      () => live && setSettings(undefined),
    );
    return () => {
      live = false;
    };
  }, [deps]);

  const companion = useMemo((): { client?: CompanionClient; error?: string } => {
    if (!settings || !settings.url.trim()) return {};
    try {
      return { client: companionFromSettings(settings, deps?.fetch) };
    } catch {
      return { error: cs(lang, 'companionBadUrl') };
    }
  }, [settings, deps, lang]);
  const client = companion.client;

  const result = useMemo(() => {
    if (!core || !sides.a || !sides.b) return undefined;
    try {
      return core.compare({ ...sides.a.snapshot, env: sides.a.label }, { ...sides.b.snapshot, env: sides.b.label }, lang);
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  }, [core, sides.a, sides.b, lang]);

  const put = (side: Side, into: SideId = target) => {
    setSides((s) => ({ ...s, [into]: side }));
    if (into === 'a' && !sides.b) setTarget('b');
  };

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    try {
      await fn();
    } catch (e) {
      setStatus({ kind: 'error', text: cs(lang, 'failed', { message: describeError(e, lang) }) });
    } finally {
      setBusy(false);
    }
  };

  const fromSession = () => {
    if (!core || !props.capture || props.capture.session.pages.length === 0) {
      setStatus({ kind: 'error', text: cs(lang, 'noSession') });
      return;
    }
    const snap = core.snapshotOf(props.capture, { version: props.version, lang });
    put(sideOf(snap, 'session', snap.site ?? ''));
    setStatus(undefined);
  };

  const fromFile = async (file: File) => {
    if (file.size > MAX_SNAPSHOT_FILE_BYTES) {
      setStatus({ kind: 'error', text: cs(lang, 'fileTooBig', { max: MAX_SNAPSHOT_FILE_BYTES / 1024 / 1024 }) });
      return;
    }
    const r = parseSnapshotText(await file.text(), file.name, lang);
    if (!r.ok) {
      setStatus({ kind: 'error', text: r.error });
      return;
    }
    put(sideOf(r.snapshot, 'file', file.name));
    setStatus(undefined);
  };

  const loadList = (cursor?: string) =>
    run(async () => {
      if (!client) return;
      const r = await client.list({ site: filter.site.trim() || undefined, env: filter.env.trim() || undefined, cursor });
      setList((old) => ({ items: cursor && old ? [...old.items, ...r.items] : r.items, next: r.nextCursor }));
    });

  const loadStored = (id: string, into: SideId) =>
    run(async () => {
      if (!client) return;
      put(fromStored(await client.get(id), 'companion'), into);
      setStatus(undefined);
    });

  const removeStored = (id: string) =>
    run(async () => {
      if (!client) return;
      await client.remove(id);
      setList((old) => (old ? { ...old, items: old.items.filter((i) => i.id !== id) } : old));
      setStatus({ kind: 'info', text: cs(lang, 'deleted', { id }) });
    });

  const openShared = () =>
    run(async () => {
      const s = client ? await client.openShared(shared) : await openSharedLink(shared, deps?.fetch);
      put(fromStored(s, 'shared'));
      setStatus(undefined);
    });

  const upload = (id: SideId) =>
    run(async () => {
      const side = sides[id];
      if (!client || !side) return;
      const r = await client.upload({ ...side.snapshot, env: side.label });
      setSides((s) => (s[id] === side ? { ...s, [id]: { ...side, companionId: r.id } } : s));
      setStatus({ kind: 'info', text: cs(lang, 'uploaded', { id: r.id }) });
    });

  const share = (id: SideId) =>
    run(async () => {
      const side = sides[id];
      if (!client || !side?.companionId) return;
      const link = await client.share(side.companionId);
      const copied = await (deps?.copy ?? copyText)(link.url);
      const expires = new Date(link.expiresAt).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB');
      setStatus({ kind: 'info', text: cs(lang, copied ? 'shareCopied' : 'shareMade', { expires }), link: link.url });
    });

  const setLabel = (id: SideId, label: string) => setSides((s) => (s[id] ? { ...s, [id]: { ...s[id]!, label } } : s));
  const sideName = (id: SideId) => cs(lang, id === 'a' ? 'sideA' : 'sideB');
  const labelOf = (id: SideId) => `${sideName(id)}: ${sides[id]?.label ?? ''}`;

  return (
    <div className="view compare-view">
      <p className={`notice ${companion.error ? 'error' : 'info'}`} data-testid="companion-status">
        {companion.error ?? (client ? cs(lang, 'companionOn', { url: client.baseUrl }) : settings === null ? '' : cs(lang, 'companionOff'))}
      </p>
      <div className="notice-line" aria-live="polite">
        {status ? (
          <p className={`notice ${status.kind}`} role={status.kind === 'error' ? 'alert' : 'status'} data-testid="compare-status">
            {status.text}
            {status.link ? (
              <>
                {' '}
                <output className="share-url" data-testid="share-url">
                  {status.link}
                </output>
              </>
            ) : null}
          </p>
        ) : null}
      </div>

      <section aria-labelledby="compare-pick">
        <h2 id="compare-pick">{cs(lang, 'pickHeading')}</h2>
        <fieldset className="compare-row">
          <legend>{cs(lang, 'target')}</legend>
          {(['a', 'b'] as const).map((id) => (
            <label key={id}>
              <input type="radio" name="compare-target" value={id} checked={target === id} onChange={() => setTarget(id)} /> {sideName(id)}
            </label>
          ))}
        </fieldset>
        <div className="compare-row">
          <button type="button" onClick={fromSession} disabled={!core}>
            {cs(lang, 'fromSession')}
          </button>
          <label className="button file-button">
            {cs(lang, 'fromFile')}
            <input
              type="file"
              accept=".json,application/json"
              className="visually-hidden-file"
              aria-label={cs(lang, 'fromFileLabel')}
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) void fromFile(f);
                e.target.value = '';
              }}
            />
          </label>
          <button type="button" onClick={() => setSides((s) => ({ a: s.b, b: s.a }))} disabled={!sides.a && !sides.b}>
            {cs(lang, 'swap')}
          </button>
        </div>
        <div className="compare-sides">
          {(['a', 'b'] as const).map((id) => (
            <SideCard
              key={id}
              id={id}
              name={sideName(id)}
              side={sides[id]}
              canUpload={!!client && !busy}
              onLabel={(l) => setLabel(id, l)}
              onUpload={() => void upload(id)}
              onShare={() => void share(id)}
            />
          ))}
        </div>
      </section>

      <section aria-labelledby="compare-result">
        <h2 id="compare-result">{cs(lang, 'resultHeading')}</h2>
        {!sides.a || !sides.b ? (
          <p className="empty">{cs(lang, 'needTwo')}</p>
        ) : !core ? (
          <p className="empty">{cs(lang, 'loadingCore')}</p>
        ) : typeof result === 'string' ? (
          <p className="notice error" role="alert">
            {cs(lang, 'failed', { message: result })}
          </p>
        ) : result ? (
          <CompareTable result={result} aLabel={labelOf('a')} bLabel={labelOf('b')} testId="compare-main" />
        ) : null}
      </section>

      <section aria-labelledby="compare-shared">
        <h2 id="compare-shared">{cs(lang, 'sharedHeading')}</h2>
        <form
          className="compare-row"
          onSubmit={(e) => {
            e.preventDefault();
            void openShared();
          }}
        >
          <label>
            {cs(lang, 'sharedLabel')}{' '}
            <input type="text" value={shared} onChange={(e) => setShared(e.target.value)} spellCheck={false} size={40} />
          </label>
          <button type="submit" disabled={busy || !shared.trim()}>
            {cs(lang, 'sharedOpen')}
          </button>
        </form>
      </section>

      {client ? (
        <section aria-labelledby="compare-list">
          <h2 id="compare-list">{cs(lang, 'fromCompanion')}</h2>
          <form
            className="compare-row"
            onSubmit={(e) => {
              e.preventDefault();
              void loadList();
            }}
          >
            <label>
              {cs(lang, 'listSite')} <input type="text" value={filter.site} onChange={(e) => setFilter({ ...filter, site: e.target.value })} size={18} />
            </label>
            <label>
              {cs(lang, 'listEnv')} <input type="text" value={filter.env} onChange={(e) => setFilter({ ...filter, env: e.target.value })} size={12} />
            </label>
            <button type="submit" disabled={busy}>
              {cs(lang, 'listLoad')}
            </button>
          </form>
          {list && list.items.length === 0 ? <p className="empty">{cs(lang, 'listEmpty')}</p> : null}
          {list && list.items.length > 0 ? (
            <ul className="list" data-testid="companion-list">
              {list.items.map((it) => (
                <li key={it.id} className="compare-row" data-snapshot-id={it.id}>
                  <code>{it.id}</code> <span>{it.site ?? '—'}</span> <span className="chip">{it.env ?? '—'}</span>
                  <span className="muted">{it.createdAt}</span>
                  {(['a', 'b'] as const).map((id) => (
                    <button key={id} type="button" disabled={busy} onClick={() => void loadStored(it.id, id)}>
                      {cs(lang, 'loadInto', { side: sideName(id) })}
                    </button>
                  ))}
                  <button type="button" disabled={busy} onClick={() => void removeStored(it.id)}>
                    {cs(lang, 'deleteStored')}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          {list?.next ? (
            <button type="button" disabled={busy} onClick={() => void loadList(list.next ?? undefined)}>
              {cs(lang, 'listMore')}
            </button>
          ) : null}
        </section>
      ) : null}

      {deps ? (
        <RecordingWizard
          capture={props.capture}
          version={props.version}
          storage={deps.recordings}
          core={core}
          client={client}
          onUse={(snapshot, into) => put(sideOf(snapshot, 'recording', snapshot.pages[0]?.url ?? ''), into)}
          onStatus={setStatus}
        />
      ) : null}
    </div>
  );
}

function SideCard(props: { id: SideId; name: string; side?: Side; canUpload: boolean; onLabel(l: string): void; onUpload(): void; onShare(): void }) {
  const { lang } = useI18n();
  const s = props.side;
  const suggested = suggestLabel(s?.snapshot.site);
  const preset = s && (s.label === 'staging' || s.label === 'production') ? s.label : 'custom';
  const origin = (side: Side) =>
    side.origin === 'file'
      ? cs(lang, 'origin_file', { name: side.name })
      : side.origin === 'companion'
        ? cs(lang, 'origin_companion', { id: side.name })
        : cs(lang, `origin_${side.origin}`);
  return (
    <div className="compare-side" data-side={props.id} data-env={s?.label ?? ''}>
      <h3>{props.name}</h3>
      {!s ? (
        <p className="empty">{cs(lang, 'emptySide')}</p>
      ) : (
        <>
          <p className="muted">{cs(lang, 'sideInfo', { site: s.snapshot.site ?? '—', pages: s.snapshot.pages.length, origin: origin(s) })}</p>
          <div className="compare-row">
            <label>
              {cs(lang, 'label')}{' '}
              <select
                value={preset}
                onChange={(e) => props.onLabel(e.target.value === 'custom' ? (s.label === 'staging' || s.label === 'production' ? '' : s.label) : e.target.value)}
              >
                <option value="staging">{cs(lang, 'label_staging')}</option>
                <option value="production">{cs(lang, 'label_production')}</option>
                <option value="custom">{cs(lang, 'label_custom')}</option>
              </select>
            </label>
            {preset === 'custom' ? (
              <input type="text" aria-label={cs(lang, 'customLabel')} value={s.label} maxLength={100} onChange={(e) => props.onLabel(e.target.value)} size={14} />
            ) : null}
            {suggested ? <span className="muted">{cs(lang, 'suggested', { label: cs(lang, `label_${suggested}`) })}</span> : null}
          </div>
          <div className="compare-row">
            <button type="button" disabled={!props.canUpload} onClick={props.onUpload}>
              {cs(lang, 'upload')}
            </button>
            <button type="button" disabled={!props.canUpload || !s.companionId} onClick={props.onShare}>
              {cs(lang, 'shareLink')}
            </button>
            {s.companionId ? <code data-companion-id={s.companionId}>{s.companionId}</code> : null}
          </div>
        </>
      )}
    </div>
  );
}
