/**
 * Adding records to the list: this tab's capture, a snapshot file, a share link, the companion's
 * list (when one is configured). Each message appears beside the control that caused it.
 */
import { useState } from 'react';
import type { SnapshotListItem } from '@/utils/ui/companion-client';
import { useI18n } from '../i18n-context';
import { InlineNotice, type Notice } from './InlineNotice';
import { Named } from './Named';
import { cs } from './strings';

export function SourceBar(props: {
  canSession: boolean;
  busy: boolean;
  notice?: Notice;
  companionStatus: { text: string; error: boolean };
  hasCompanion: boolean;
  list?: { items: SnapshotListItem[]; next: string | null };
  onSession(): void;
  onFile(file: File): void;
  onShared(link: string): void;
  onList(filter: { site: string; env: string }, cursor?: string): void;
  onLoadStored(id: string, into: 'a' | 'b'): void;
  onDeleteStored(id: string): void;
}) {
  const { lang } = useI18n();
  const [shared, setShared] = useState('');
  const [filter, setFilter] = useState({ site: '', env: '' });
  const list = props.list;
  return (
    <div className="compare-add">
      <div className="compare-row" role="group" aria-label={cs(lang, 'addHeading')}>
        <button type="button" onClick={props.onSession} disabled={!props.canSession}>
          {cs(lang, 'fromSession')}
        </button>
        <label className="button file-button">
          {cs(lang, 'fromFile')}
          <input
            type="file"
            accept=".json,application/json"
            className="visually-hidden-file"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) props.onFile(f);
              e.target.value = '';
            }}
          />
        </label>
        <InlineNotice at="add" notice={props.notice} />
      </div>
      <details className="more-sources">
        <summary>
          {cs(lang, 'moreSources')}
          {props.companionStatus.error ? (
            <>
              {' '}
              <span className="mark mark-diff">{cs(lang, 'mark_diff')}</span>
            </>
          ) : null}
        </summary>
        <p className={`companion-status${props.companionStatus.error ? ' notice error' : ' muted'}`} data-testid="companion-status">
          {props.companionStatus.text}
        </p>
        <form
          className="compare-row"
          onSubmit={(e) => {
            e.preventDefault();
            props.onShared(shared);
          }}
        >
          <label>
            {cs(lang, 'sharedLabel')} <input type="text" value={shared} onChange={(e) => setShared(e.target.value)} spellCheck={false} size={32} />
          </label>
          <button type="submit" disabled={props.busy || !shared.trim()}>
            {cs(lang, 'sharedOpen')}
          </button>
          <InlineNotice at="shared" notice={props.notice} />
        </form>
        {props.hasCompanion ? (
          <div className="companion-list" role="group" aria-label={cs(lang, 'fromCompanion')}>
            <form
              className="compare-row"
              onSubmit={(e) => {
                e.preventDefault();
                props.onList(filter);
              }}
            >
              <label>
                {cs(lang, 'listSite')} <input type="text" value={filter.site} onChange={(e) => setFilter({ ...filter, site: e.target.value })} size={18} />
              </label>
              <label>
                {cs(lang, 'listEnv')} <input type="text" value={filter.env} onChange={(e) => setFilter({ ...filter, env: e.target.value })} size={12} />
              </label>
              <button type="submit" disabled={props.busy}>
                {cs(lang, 'listLoad')}
              </button>
              <InlineNotice at="companion" notice={props.notice} />
            </form>
            {list && list.items.length === 0 ? <p className="empty">{cs(lang, 'listEmpty')}</p> : null}
            {list && list.items.length > 0 ? (
              <ul className="list stored-list" data-testid="companion-list">
                {list.items.map((it) => (
                  <li key={it.id} className="compare-row" data-snapshot-id={it.id}>
                    <code>{it.id}</code> <span>{it.site ?? '—'}</span> <span className="chip">{it.env ?? '—'}</span>
                    <span className="muted">{it.createdAt}</span>
                    {(['a', 'b'] as const).map((id) => (
                      <button key={id} type="button" disabled={props.busy} onClick={() => props.onLoadStored(it.id, id)}>
                        <Named text={cs(lang, 'loadInto', { side: cs(lang, id === 'a' ? 'sideA' : 'sideB') })} suffix={cs(lang, 'named', { name: it.id })} />
                      </button>
                    ))}
                    <button type="button" disabled={props.busy} onClick={() => props.onDeleteStored(it.id)}>
                      <Named text={cs(lang, 'deleteStored')} suffix={cs(lang, 'named', { name: it.id })} />
                    </button>
                  </li>
                ))}
              </ul>
            ) : null}
            {list?.next ? (
              <button type="button" disabled={props.busy} onClick={() => props.onList(filter, list.next ?? undefined)}>
                {cs(lang, 'listMore')}
              </button>
            ) : null}
          </div>
        ) : null}
      </details>
    </div>
  );
}
