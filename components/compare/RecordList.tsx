/**
 * The records: the recording wizard's four slots first (the next one to record marked), then the
 * records added from this tab, a file, a share link or the companion; each can be picked as A or B.
 */
import { RECORDING_SLOTS, slotState, type Recordings, type RecordingSlot } from '@/utils/ui/recording';
import { useI18n } from '../i18n-context';
import type { Notice } from './InlineNotice';
import { extraTitle, slotKey, type Extra, type PickId, type Picks } from './model';
import { RecordRow } from './RecordRow';
import { SourceBar } from './SourceBar';
import { cs } from './strings';

export function RecordList(props: {
  records?: Recordings;
  extras: Extra[];
  picks: Picks;
  busy: boolean;
  canRecord: boolean;
  hasClient: boolean;
  notice?: Notice;
  onPick(side: 'a' | 'b', id: PickId): void;
  onRecord(slot: RecordingSlot): void;
  onUploadSlot(slot: RecordingSlot): void;
  onRemoveSlot(slot: RecordingSlot): void;
  onUploadExtra(x: Extra): void;
  onRemoveExtra(x: Extra): void;
  onLabelExtra(x: Extra, label: string): void;
  onShare(companionId: string | undefined, at: string): void;
  ruleTitle?: (id: string) => string | undefined;
  sources: Parameters<typeof SourceBar>[0];
}) {
  const { lang } = useI18n();
  const slots = props.records?.slots;
  const next = props.records ? RECORDING_SLOTS.find((s) => !slots?.[s]) : undefined;
  const common = { picks: props.picks, busy: props.busy, canRecord: props.canRecord, notice: props.notice, onPick: props.onPick, ruleTitle: props.ruleTitle };
  return (
    <section className="compare-records" aria-labelledby="compare-records-h" data-testid="recording-wizard">
      <div className="compare-head-row">
        <h2 id="compare-records-h">{cs(lang, 'recordsHeading')}</h2>
        {next ? <span className="muted records-hint">{cs(lang, 'recordsHint')}</span> : null}
        <details className="steps">
          <summary>{cs(lang, 'stepsSummary')}</summary>
          <p>{cs(lang, 'steps')}</p>
        </details>
      </div>
      <ol className="record-list" tabIndex={-1} aria-labelledby="compare-records-h">
        {RECORDING_SLOTS.map((slot) => {
          const e = slots?.[slot];
          return (
            <RecordRow
              key={slot}
              id={slot}
              slot={slot}
              title={cs(lang, slotKey(slot))}
              step={cs(lang, slotState(slot) === 'logged-in' ? 'step_in' : 'step_out')}
              next={slot === next}
              snapshot={e?.snapshot}
              url={e?.url}
              recordedAt={e?.recordedAt}
              companionId={e?.companionId}
              onRecord={() => props.onRecord(slot)}
              onUpload={props.hasClient ? () => props.onUploadSlot(slot) : undefined}
              onShare={props.hasClient ? () => props.onShare(e?.companionId, `row:${slot}`) : undefined}
              onRemove={() => props.onRemoveSlot(slot)}
              {...common}
            />
          );
        })}
        {props.extras.map((x) => (
          <RecordRow
            key={x.id}
            id={x.id as PickId}
            title={extraTitle(x, lang)}
            snapshot={x.snapshot}
            companionId={x.companionId}
            label={x.label}
            onLabel={(l) => props.onLabelExtra(x, l)}
            onUpload={props.hasClient ? () => props.onUploadExtra(x) : undefined}
            onShare={props.hasClient ? () => props.onShare(x.companionId, `row:${x.id}`) : undefined}
            onRemove={() => props.onRemoveExtra(x)}
            {...common}
          />
        ))}
      </ol>
      <SourceBar {...props.sources} />
    </section>
  );
}
