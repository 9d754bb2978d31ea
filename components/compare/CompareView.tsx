/**
 * The panel's Compare tab, one workflow: the records first — the recording wizard's four slots
 * (staging / production × logged in / logged out), then records added from this tab, a file, a
 * share link or the companion — pick two (A, B) or one of the usual pairs, and see the
 * differences. Records can be saved to the companion and shared.
 */
import { useMemo, useRef, useState } from 'react';
import type { Snapshot } from '@/utils/core/snapshot';
import { describeError, openSharedLink, type SnapshotListItem } from '@/utils/ui/companion-client';
import { copyText } from '@/utils/ui/dom-actions';
import { recordingPlan, setCompanionId, type RecordingSlot } from '@/utils/ui/recording';
import type { TabCapture } from '@/utils/ui/source';
import { useI18n } from '../i18n-context';
import { ComparePane } from './ComparePane';
import type { Notice } from './InlineNotice';
import { defaultLabel, defaultPicks, extraTitle, MAX_EXTRAS, MAX_SNAPSHOT_FILE_BYTES, parseSnapshotText, placeNew, resolvePick, type CompareDeps, type Extra, type ExtraOrigin, type PickId, type Picks } from './model';
import { RecordList } from './RecordList';
import { cs } from './strings';
import { useCompareSetup } from './useCompareSetup';
import { useRecordings } from './useRecordings';
import './compare.css';

export { parseSnapshotText, MAX_SNAPSHOT_FILE_BYTES, type CompareDeps } from './model';

export function CompareView(props: { capture?: TabCapture; version: string; deps?: CompareDeps }) {
  const { lang } = useI18n();
  const { deps, core, settings, client, companionError } = useCompareSetup(props.deps, lang);
  const wizard = useRecordings(deps?.recordings);
  const records = wizard.records;
  const [extras, setExtras] = useState<Extra[]>([]);
  const [chosen, setChosen] = useState<Picks>();
  const [notice, setNotice] = useState<Notice>();
  const [busy, setBusy] = useState(false);
  const [list, setList] = useState<{ items: SnapshotListItem[]; next: string | null }>();
  const seq = useRef(0);

  const plan = useMemo(() => (records ? recordingPlan(records) : undefined), [records]);
  const picks = chosen ?? defaultPicks(records);
  const a = useMemo(() => resolvePick(picks.a, records, extras, lang, plan), [picks.a, records, extras, lang, plan]);
  const b = useMemo(() => resolvePick(picks.b, records, extras, lang, plan), [picks.b, records, extras, lang, plan]);

  const run = async (at: string, fn: () => Promise<void>) => {
    setBusy(true);
    try {
      await fn();
    } catch (e) {
      setNotice({ at, kind: 'error', text: cs(lang, 'failed', { message: describeError(e, lang) }) });
    } finally {
      setBusy(false);
    }
  };

  /** a record added to the list goes into the empty side (A first), else B */
  const add = (snapshot: Snapshot, origin: ExtraOrigin, name: string, at: string, into?: 'a' | 'b', companionId?: string) => {
    const x: Extra = { id: `x${++seq.current}`, snapshot, origin, name, label: defaultLabel(snapshot), ...(companionId ? { companionId } : {}) };
    setExtras((old) => [...old, x].slice(-MAX_EXTRAS));
    const placed = into ? { picks: { ...picks, [into]: x.id as PickId }, side: into } : placeNew(picks, x.id as PickId);
    setChosen(placed.picks);
    setNotice({ at, kind: 'info', text: cs(lang, 'addedNotice', { name: extraTitle(x, lang), side: cs(lang, placed.side === 'a' ? 'sideA' : 'sideB') }) });
  };
  const patchExtra = (id: string, patch: Partial<Extra>) => setExtras((old) => old.map((x) => (x.id === id ? { ...x, ...patch } : x)));

  const fromSession = () => {
    if (!core || !props.capture || props.capture.session.pages.length === 0) return setNotice({ at: 'add', kind: 'error', text: cs(lang, 'noSession') });
    const snap = core.snapshotOf(props.capture, { version: props.version, lang });
    add(snap, 'session', snap.site ?? '', 'add');
  };

  const fromFile = async (file: File) => {
    if (file.size > MAX_SNAPSHOT_FILE_BYTES) return setNotice({ at: 'add', kind: 'error', text: cs(lang, 'fileTooBig', { max: MAX_SNAPSHOT_FILE_BYTES / 1024 / 1024 }) });
    const r = parseSnapshotText(await file.text(), file.name, lang);
    if (!r.ok) return setNotice({ at: 'add', kind: 'error', text: r.error });
    add(r.snapshot, 'file', file.name, 'add');
  };

  const openShared = (link: string) =>
    run('shared', async () => {
      const s = client ? await client.openShared(link) : await openSharedLink(link, deps?.fetch);
      add(s.snapshot, 'shared', s.id, 'shared');
    });

  const loadList = (filter: { site: string; env: string }, cursor?: string) =>
    run('companion', async () => {
      if (!client) return;
      const r = await client.list({ site: filter.site.trim() || undefined, env: filter.env.trim() || undefined, cursor });
      setList((old) => ({ items: cursor && old ? [...old.items, ...r.items] : r.items, next: r.nextCursor }));
    });

  const loadStored = (id: string, into: 'a' | 'b') =>
    run('companion', async () => {
      if (!client) return;
      const s = await client.get(id);
      add(s.snapshot, 'companion', s.id, 'companion', into, s.id);
    });

  const deleteStored = (id: string) =>
    run('companion', async () => {
      if (!client) return;
      await client.remove(id);
      setList((old) => (old ? { ...old, items: old.items.filter((i) => i.id !== id) } : old));
      setNotice({ at: 'companion', kind: 'info', text: cs(lang, 'deleted', { id }) });
    });

  const uploadSlot = (slot: RecordingSlot) =>
    run(`row:${slot}`, async () => {
      const entry = records?.slots[slot];
      if (!client || !entry || !records) return;
      const r = await client.upload(entry.snapshot);
      await wizard.save(setCompanionId(records, slot, r.id));
      setNotice({ at: `row:${slot}`, kind: 'info', text: cs(lang, 'uploaded', { id: r.id }) });
    });

  const uploadExtra = (x: Extra) =>
    run(`row:${x.id}`, async () => {
      if (!client) return;
      const r = await client.upload({ ...x.snapshot, env: x.label });
      patchExtra(x.id, { companionId: r.id });
      setNotice({ at: `row:${x.id}`, kind: 'info', text: cs(lang, 'uploaded', { id: r.id }) });
    });

  const share = (companionId: string | undefined, at: string) =>
    run(at, async () => {
      if (!client || !companionId) return;
      const link = await client.share(companionId);
      const copied = await (deps?.copy ?? copyText)(link.url);
      const expires = new Date(link.expiresAt).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB');
      setNotice({ at, kind: 'info', text: cs(lang, copied ? 'shareCopied' : 'shareMade', { expires }), link: link.url });
    });

  const record = async (slot: RecordingSlot) => {
    if (!core) return;
    setNotice(await wizard.record(slot, props.capture, core, props.version, lang));
  };

  return (
    <div className="view compare-view">
      <RecordList
        records={records}
        extras={extras}
        picks={picks}
        busy={busy}
        canRecord={!!records && !!core}
        hasClient={!!client}
        notice={notice}
        onPick={(side, id) => setChosen({ ...picks, [side]: id })}
        onRecord={(slot) => void record(slot)}
        onUploadSlot={(slot) => void uploadSlot(slot)}
        onRemoveSlot={(slot) => void wizard.clear(slot)}
        onUploadExtra={(x) => void uploadExtra(x)}
        onRemoveExtra={(x) => setExtras((old) => old.filter((e) => e.id !== x.id))}
        onLabelExtra={(x, label) => patchExtra(x.id, { label })}
        onShare={(companionId, at) => void share(companionId, at)}
        ruleTitle={core ? (id) => core.ruleTitle(id, lang) : undefined}
        sources={{
          canSession: !!core,
          busy,
          notice,
          companionStatus: {
            text: companionError ?? (client ? cs(lang, 'companionOn', { url: client.baseUrl }) : settings === null ? '' : cs(lang, 'companionOff')),
            error: !!companionError,
          },
          hasCompanion: !!client,
          list,
          onSession: fromSession,
          onFile: (f) => void fromFile(f),
          onShared: (l) => void openShared(l),
          onList: (f, c) => void loadList(f, c),
          onLoadStored: (id, into) => void loadStored(id, into),
          onDeleteStored: (id) => void deleteStored(id),
        }}
      />
      <ComparePane core={core} plan={plan} picks={picks} a={a} b={b} notice={notice} onPicks={setChosen} />
    </div>
  );
}
