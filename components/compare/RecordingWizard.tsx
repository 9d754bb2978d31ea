/**
 * Guided recording for vendors: four slots (staging / production × logged in / logged out).
 * "Record this page" stores a snapshot of the tab's latest page into a slot (extension storage,
 * versioned, kept across navigations); the four records are compared in one view.
 */
import { useEffect, useMemo, useState } from 'react';
import type { CompareResult } from '@/utils/core/compare';
import type { Snapshot } from '@/utils/core/snapshot';
import { describeError, type CompanionClient } from '@/utils/ui/companion-client';
import {
  clearSlot,
  loadRecordings,
  RECORDING_SLOTS,
  recordingPlan,
  RecordingError,
  recordSlot,
  setCompanionId,
  slotState,
  type RecordingPlan,
  type Recordings,
  type RecordingSlot,
  type RecordingStorage,
} from '@/utils/ui/recording';
import type { TabCapture } from '@/utils/ui/source';
import { FindingCard } from '../FindingCard';
import { useI18n } from '../i18n-context';
import { CompareTable } from './CompareTable';
import type { CompareCore } from './core';
import { cs, type CompareString } from './strings';

const slotKey = (slot: RecordingSlot) => `slot_${slot.replace('-', '_')}` as CompareString;

const PAIRS: { key: keyof RecordingPlan; title: CompareString; labels: [RecordingSlot | 'staging', RecordingSlot | 'production'] }[] = [
  { key: 'loggedIn', title: 'pair_loggedIn', labels: ['staging-in', 'production-in'] },
  { key: 'loggedOut', title: 'pair_loggedOut', labels: ['staging-out', 'production-out'] },
  { key: 'stagingStates', title: 'pair_stagingStates', labels: ['staging-in', 'staging-out'] },
  { key: 'productionStates', title: 'pair_productionStates', labels: ['production-in', 'production-out'] },
  { key: 'overall', title: 'pair_overall', labels: ['staging', 'production'] },
];

export function RecordingWizard(props: {
  capture?: TabCapture;
  version: string;
  storage: RecordingStorage;
  core?: CompareCore;
  client?: CompanionClient;
  onUse(snapshot: Snapshot, into: 'a' | 'b'): void;
  onStatus(s: { kind: 'info' | 'error'; text: string } | undefined): void;
}) {
  const { lang } = useI18n();
  const [records, setRecords] = useState<Recordings>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void loadRecordings(props.storage).then((r) => {
      if (live) setRecords(r);
    });
    return () => {
      live = false;
    };
  }, [props.storage]);

  const save = async (next: Recordings) => {
    setRecords(next);
    await props.storage.save(next);
  };

  const record = async (slot: RecordingSlot) => {
    if (!records || !props.core) return;
    const core = props.core;
    try {
      const next = recordSlot(records, slot, props.capture, (capture, meta) =>
        core.snapshotOf(capture, { version: props.version, lang, env: meta.env, salt: meta.salt }),
      );
      await save(next);
      props.onStatus({ kind: 'info', text: cs(lang, 'recordedNotice', { slot: cs(lang, slotKey(slot)) }) });
    } catch (e) {
      props.onStatus({ kind: 'error', text: e instanceof RecordingError ? cs(lang, 'noPageToRecord') : cs(lang, 'failed', { message: describeError(e, lang) }) });
    }
  };

  const upload = async (slot: RecordingSlot) => {
    const entry = records?.slots[slot];
    if (!props.client || !entry || !records) return;
    setBusy(true);
    try {
      const r = await props.client.upload(entry.snapshot);
      await save(setCompanionId(records, slot, r.id));
      props.onStatus({ kind: 'info', text: cs(lang, 'uploaded', { id: r.id }) });
    } catch (e) {
      props.onStatus({ kind: 'error', text: cs(lang, 'failed', { message: describeError(e, lang) }) });
    } finally {
      setBusy(false);
    }
  };

  const plan = useMemo(() => (records ? recordingPlan(records) : undefined), [records]);
  const results = useMemo(() => {
    const out: Partial<Record<keyof RecordingPlan, CompareResult | string>> = {};
    if (!plan || !props.core) return out;
    for (const p of PAIRS) {
      const pair = plan[p.key];
      if (!pair) continue;
      try {
        out[p.key] = props.core.compare(pair[0], pair[1], lang);
      } catch (e) {
        out[p.key] = e instanceof Error ? e.message : String(e);
      }
    }
    return out;
  }, [plan, props.core, lang]);

  const missing = RECORDING_SLOTS.filter((s) => !records?.slots[s]).map((s) => cs(lang, slotKey(s)));
  const pairLabel = (l: RecordingSlot | 'staging' | 'production') => (l === 'staging' || l === 'production' ? cs(lang, `label_${l}`) : cs(lang, slotKey(l)));

  return (
    <section aria-labelledby="recording-wizard" data-testid="recording-wizard">
      <h2 id="recording-wizard">{cs(lang, 'wizardHeading')}</h2>
      <p>{cs(lang, 'wizardIntro')}</p>
      <div className="slot-grid">
        {RECORDING_SLOTS.map((slot) => {
          const e = records?.slots[slot];
          return (
            <div key={slot} className={`slot${e ? ' recorded' : ''}`} data-slot={slot} data-recorded={e ? 'true' : 'false'}>
              <h3>{cs(lang, slotKey(slot))}</h3>
              <p className="muted">{cs(lang, slotState(slot) === 'logged-in' ? 'step_in' : 'step_out')}</p>
              <p>{e ? cs(lang, 'recorded', { url: e.url, time: new Date(e.recordedAt).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB') }) : cs(lang, 'notRecorded')}</p>
              {e ? (
                <details className="slot-findings">
                  <summary>{cs(lang, 'slotFindings', { errors: e.snapshot.summary.errors, warnings: e.snapshot.summary.warnings, infos: e.snapshot.summary.infos })}</summary>
                  {e.snapshot.findings.map((f, i) => (
                    <FindingCard key={`${f.ruleId}-${i}`} finding={f} compact />
                  ))}
                </details>
              ) : null}
              <div className="compare-row">
                <button type="button" onClick={() => void record(slot)} disabled={!records || !props.core}>
                  {cs(lang, 'recordNow')}
                </button>
                {e ? (
                  <>
                    {(['a', 'b'] as const).map((id) => (
                      <button key={id} type="button" onClick={() => props.onUse(e.snapshot, id)}>
                        {cs(lang, 'useAs', { side: cs(lang, id === 'a' ? 'sideA' : 'sideB') })}
                      </button>
                    ))}
                    {props.client ? (
                      <button type="button" disabled={busy} onClick={() => void upload(slot)}>
                        {cs(lang, 'upload')}
                      </button>
                    ) : null}
                    {e.companionId ? <code data-companion-id={e.companionId}>{e.companionId}</code> : null}
                    <button type="button" onClick={() => records && void save(clearSlot(records, slot))}>
                      {cs(lang, 'remove')}
                    </button>
                  </>
                ) : null}
              </div>
            </div>
          );
        })}
      </div>
      <h2>{cs(lang, 'wizardCompare')}</h2>
      {!plan?.loggedIn && !plan?.loggedOut ? <p className="empty">{cs(lang, 'wizardNeedMore', { missing: missing.join('、') })}</p> : null}
      {PAIRS.map((p) => {
        const r = results[p.key];
        if (!r) return null;
        return (
          <div key={p.key} data-pair={p.key}>
            <h3>{cs(lang, p.title)}</h3>
            {typeof r === 'string' ? (
              <p className="notice error" role="alert">
                {cs(lang, 'failed', { message: r })}
              </p>
            ) : (
              <CompareTable result={r} aLabel={pairLabel(p.labels[0])} bLabel={pairLabel(p.labels[1])} />
            )}
          </div>
        );
      })}
    </section>
  );
}
