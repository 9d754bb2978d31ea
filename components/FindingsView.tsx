import { useDeferredValue, useMemo, type ReactNode } from 'react';
import type { Finding } from '@/utils/core/model';
import { buildFilterIndex, filterIndex, findingText, groupFindings, type FindingRow } from '@/utils/ui/view-model';
import { FindingCard } from './FindingCard';
import { FilterBox } from './FilterBox';
import { useI18n } from './i18n-context';
import { VirtualList } from './VirtualList';

export function FindingsView(props: {
  findings: Finding[];
  filter: string;
  onFilter(q: string): void;
  onShowSource?: (finding: Finding, evidence: Finding['evidence'][number]) => void;
  /** shown when there is no finding at all (the panel says what that means for the capture) */
  empty?: ReactNode;
}) {
  const { t } = useI18n();
  const index = useMemo(() => buildFilterIndex(props.findings.map(findingText)), [props.findings]);
  const deferred = useDeferredValue(props.filter);
  const rows = useMemo(() => groupFindings(props.findings, filterIndex(index, deferred)), [props.findings, index, deferred]);
  const shown = rows.filter((r) => r.type === 'finding').length;
  return (
    <section className="view findings-view">
      <FilterBox label={t('filterFindings')} value={props.filter} onChange={props.onFilter} count={shown} total={props.findings.length} />
      {props.findings.length === 0 ? (
        (props.empty ?? <p className="empty">{t('noFindings')}</p>)
      ) : (
        <VirtualList<FindingRow>
          label={t('tab_findings')}
          rows={rows}
          estimateSize={120}
          rowKey={(r, i) => (r.type === 'header' ? `h-${r.severity}` : `f-${r.index}-${i}`)}
          renderRow={(r) =>
            r.type === 'header' ? (
              <h2 className={`group-head sev-${r.severity}`}>
                {t(`severityGroup_${r.severity}`, { n: r.count })}
              </h2>
            ) : (
              <FindingCard finding={r.finding} onShowSource={props.onShowSource} />
            )
          }
        />
      )}
    </section>
  );
}
