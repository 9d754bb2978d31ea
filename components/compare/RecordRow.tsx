/**
 * One record in the list: pick it as A or B, what it is (the page, when, its own findings), and
 * its actions (record / record again for a wizard slot, save to the companion, share, remove).
 * A message about the row appears in the row.
 */
import { useRef } from 'react';
import type { Snapshot } from '@/utils/core/snapshot';
import { shortUrl } from '@/utils/ui/view-model';
import { FindingCard } from '../FindingCard';
import { useI18n } from '../i18n-context';
import { InlineNotice, type Notice } from './InlineNotice';
import type { PickId, Picks } from './model';
import { Named } from './Named';
import { cs } from './strings';

export interface RowActions {
  onPick(side: 'a' | 'b', id: PickId): void;
  onRecord?: () => void;
  onUpload?: () => void;
  onShare?: () => void;
  onRemove?: () => void;
  onLabel?: (label: string) => void;
}

export function RecordRow(
  props: {
    id: PickId;
    title: string;
    /** set for a wizard slot */
    slot?: string;
    /** the slot's instruction while it is empty */
    step?: string;
    next?: boolean;
    snapshot?: Snapshot;
    url?: string;
    recordedAt?: string;
    companionId?: string;
    /** an added record's editable label */
    label?: string;
    picks: Picks;
    canRecord: boolean;
    busy: boolean;
    notice?: Notice;
    /** a rule's title in the reader's language (a record keeps the language it was made in) */
    ruleTitle?: (id: string) => string | undefined;
  } & RowActions,
) {
  const { lang } = useI18n();
  const s = props.snapshot;
  const named = cs(lang, 'named', { name: props.title });
  const time = props.recordedAt ? new Date(props.recordedAt).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' }) : undefined;
  const url = props.url ?? s?.pages[0]?.url;
  const rowRef = useRef<HTMLLIElement>(null);
  // the focus stays in the list: on the slot's record button, or the list when the row is gone
  const remove = () => {
    const list = rowRef.current?.closest<HTMLElement>('.record-list');
    props.onRemove?.();
    requestAnimationFrame(() => (list?.querySelector<HTMLElement>(`li[data-record="${props.id}"] .record-actions button`) ?? list)?.focus());
  };
  return (
    <li
      ref={rowRef}
      className={`record${s ? ' recorded' : ''}${props.next ? ' next' : ''}`}
      data-record={props.id}
      data-slot={props.slot}
      data-recorded={s ? 'true' : 'false'}
      data-env={props.label}
      aria-current={props.next ? 'step' : undefined}
    >
      <div className="record-main">
        {(['a', 'b'] as const).map((side) => (
          <label key={side} className={`pick pick-${side}`}>
            <input type="radio" name={`compare-${side}`} checked={props.picks[side] === props.id} disabled={!s} onChange={() => props.onPick(side, props.id)} />
            <Named text={cs(lang, side === 'a' ? 'pickA' : 'pickB')} suffix={cs(lang, 'pickSuffix', { name: props.title })} />
          </label>
        ))}
        <span className="record-title">{props.title}</span>
        {props.next ? <span className="chip next-chip">{cs(lang, 'next')}</span> : null}
        <span className="record-actions">
          {props.onRecord ? (
            <button type="button" onClick={props.onRecord} disabled={!props.canRecord} className={s ? undefined : 'primary'}>
              <Named text={cs(lang, s ? 'recordAgain' : 'recordNow')} suffix={named} />
            </button>
          ) : null}
          {props.onUpload && s ? (
            <button type="button" disabled={props.busy} onClick={props.onUpload}>
              <Named text={cs(lang, 'upload')} suffix={named} />
            </button>
          ) : null}
          {props.onShare && props.companionId ? (
            <button type="button" disabled={props.busy} onClick={props.onShare}>
              <Named text={cs(lang, 'shareLink')} suffix={named} />
            </button>
          ) : null}
          {props.companionId ? <code data-companion-id={props.companionId}>{props.companionId}</code> : null}
          {props.onRemove && s ? (
            <button type="button" onClick={remove}>
              <Named text={cs(lang, 'remove')} suffix={named} />
            </button>
          ) : null}
        </span>
      </div>
      <div className="record-sub">
        {s ? (
          <details className="record-findings">
            <summary>
              <Named text={cs(lang, 'slotCounts', { errors: s.summary.errors, warnings: s.summary.warnings, infos: s.summary.infos })} suffix={named} />
            </summary>
            <div className="record-findings-list">
              {s.findings.map((f, i) => (
                <FindingCard key={`${f.ruleId}-${i}`} finding={{ ...f, title: props.ruleTitle?.(f.ruleId) ?? f.title }} compact />
              ))}
            </div>
          </details>
        ) : null}
        {s ? (
          <span className="record-url" title={url}>
            {url ? shortUrl(url) : cs(lang, 'pages', { site: s.site ?? '—', pages: s.pages.length })}
            {time ? ` · ${cs(lang, 'recordedAt', { time })}` : ''}
          </span>
        ) : (
          <span className="muted">{props.step}</span>
        )}
        {props.onLabel && props.label !== undefined ? <LabelPicker label={props.label} title={props.title} onLabel={props.onLabel} /> : null}
        <InlineNotice at={`row:${props.id}`} notice={props.notice} />
      </div>
    </li>
  );
}

function LabelPicker(props: { label: string; title: string; onLabel(l: string): void }) {
  const { lang } = useI18n();
  const preset = props.label === 'staging' || props.label === 'production' ? props.label : 'custom';
  return (
    <span className="record-label">
      <label>
        <Named text={cs(lang, 'label')} suffix={cs(lang, 'named', { name: props.title })} />{' '}
        <select value={preset} onChange={(e) => props.onLabel(e.target.value === 'custom' ? (preset === 'custom' ? props.label : '') : e.target.value)}>
          <option value="staging">{cs(lang, 'label_staging')}</option>
          <option value="production">{cs(lang, 'label_production')}</option>
          <option value="custom">{cs(lang, 'label_custom')}</option>
        </select>
      </label>
      {preset === 'custom' ? (
        <input type="text" aria-label={cs(lang, 'customLabel', { name: props.title })} value={props.label} maxLength={100} onChange={(e) => props.onLabel(e.target.value)} size={12} />
      ) : null}
    </span>
  );
}
