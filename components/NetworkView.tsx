import { memo, useDeferredValue, useMemo } from 'react';
import { buildFilterIndex, filterIndex, networkRowText, shortUrl, type NetworkRow } from '@/utils/ui/view-model';
import { FilterBox } from './FilterBox';
import { useI18n } from './i18n-context';
import { kindKey } from './labels';
import { VirtualList } from './VirtualList';

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export function NetworkView(props: { rows: NetworkRow[]; filter: string; onFilter(q: string): void; dropped?: number }) {
  const { t } = useI18n();
  // lower-cased once per capture; a keystroke is one `includes` per row
  const index = useMemo(() => buildFilterIndex(props.rows.map(networkRowText)), [props.rows]);
  const deferred = useDeferredValue(props.filter);
  const visible = useMemo(() => filterIndex(index, deferred).map((i) => props.rows[i]!), [index, deferred, props.rows]);
  const { logins, widgets } = useMemo(() => {
    let logins = 0;
    let widgets = 0;
    for (const r of props.rows) {
      if (r.kind === 'login') logins++;
      else if (r.kind === 'widget-script') widgets++;
    }
    return { logins, widgets };
  }, [props.rows]);
  // the list depends only on the deferred result: the urgent render of a keystroke (the input
  // itself) does not touch it
  const list = useMemo(
    () => (
      <VirtualList<NetworkRow>
        label={t('tab_network')}
        rows={visible}
        estimateSize={56}
        rowKey={(r) => r.request.id}
        renderRow={(r) => <RequestRow row={r} />}
      />
    ),
    [visible, t],
  );
  return (
    <section className="view network-view" aria-label={t('tab_network')}>
      <div className="view-bar">
        <FilterBox label={t('filterNetwork')} value={props.filter} onChange={props.onFilter} count={visible.length} total={props.rows.length} />
        <p className="view-summary">{t('networkSummary', { logins, widgets, total: props.rows.length })}</p>
      </div>
      {props.dropped ? <p className="notice">{t('droppedRequests', { n: props.dropped })}</p> : null}
      {props.rows.length === 0 ? (
        <p className="empty">{t('noRequests')}</p>
      ) : (
        list
      )}
    </section>
  );
}

const RequestRow = memo(function RequestRow({ row }: { row: NetworkRow }) {
  const { t } = useI18n();
  const r = row.request;
  const failed = r.error !== undefined || (r.status !== undefined && r.status >= 400);
  return (
    <div className={`request kind-${row.kind}${failed ? ' failed' : ''}`} data-request-kind={row.kind}>
      <div className="request-line">
        <span className={`chip kind-${row.kind}`}>{t(kindKey[row.kind])}</span>
        <code className="method">{r.method}</code>
        <span className="request-url" title={r.url}>
          {shortUrl(r.url)}
        </span>
        <span className="request-meta">
        <span className={failed ? 'status bad' : 'status'}>{r.error ?? (r.status !== undefined ? String(r.status) : t('statusPending'))}</span>
        <span>{t('atTime', { t: formatMs(row.offsetMs) })}</span>
        {r.durationMs !== undefined ? <span>{t('duration', { t: formatMs(r.durationMs) })}</span> : null}
        {row.pageIndex !== undefined ? <span>{t('pageNumber', { n: row.pageIndex + 1 })}</span> : null}
        </span>
      </div>
      {row.query ? (
        <div className={`query query-${row.query.status}`} data-query-status={row.query.status}>
          <span className="query-label">query</span>{' '}
          <span className="query-status">{t(`queryStatus_${row.query.status}`)}</span>
          {row.query.entries.length > 0 ? (
            <dl className="kv">
              {row.query.entries.map((e, i) => (
                <div key={i}>
                  <dt>{e.key}</dt>
                  <dd>{e.value}</dd>
                </div>
              ))}
            </dl>
          ) : null}
          {row.query.reason ? <span className="query-reason"> {row.query.reason}</span> : null}
        </div>
      ) : null}
    </div>
  );
});
