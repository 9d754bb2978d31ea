/**
 * The Findings tab as DevTools' Issues and Network panels are: a list of one line per finding
 * (severity, title, page, rule id), worst first, and the selected finding's detail (message,
 * fix, evidence) beside it when the panel is wide or below it when it is narrow. ↑/↓, Home/End
 * move the selection; the split between list and detail is resizable with the pointer and the
 * keyboard. Every row carries `data-rule-id` / `data-severity` (the test contract), and so does
 * the detail (`article.finding`).
 */
import { useDeferredValue, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Finding } from '@/utils/core/model';
import { buildFilterIndex, filterIndex, findingText, SEVERITIES } from '@/utils/ui/view-model';
import { FindingCard } from './FindingCard';
import { FilterBox } from './FilterBox';
import { useI18n } from './i18n-context';
import { SeverityIcon } from './Icons';
import { Splitter, useSplit } from './Splitter';

/** what identifies a finding across re-analyses (a live capture re-renders the list) */
function findingKey(f: Finding): string {
  return `${f.ruleId}|${f.pageIndex ?? ''}|${f.page ?? ''}|${f.title}`;
}

export function pagePath(url: string | undefined): string {
  if (!url) return '';
  try {
    const u = new URL(url);
    return `${u.pathname}${u.search ? '?…' : ''}`;
  } catch {
    return url.slice(0, 120);
  }
}

export function FindingsView(props: {
  findings: Finding[];
  filter: string;
  onFilter(q: string): void;
  onShowSource?: (finding: Finding, evidence: Finding['evidence'][number]) => void;
  /** shown when there is no finding at all (the panel says what that means for the capture) */
  empty?: ReactNode;
  /** above the list (a notice about the capture) */
  before?: ReactNode;
}) {
  const { t } = useI18n();
  const listId = useId();
  const index = useMemo(() => buildFilterIndex(props.findings.map(findingText)), [props.findings]);
  const deferred = useDeferredValue(props.filter);
  // worst first, in capture order within a severity
  const rows = useMemo(() => {
    const visible = filterIndex(index, deferred);
    return SEVERITIES.flatMap((s) => visible.filter((i) => props.findings[i]!.severity === s));
  }, [props.findings, index, deferred]);
  const [selectedKey, setSelectedKey] = useState<string>();
  const selectedPos = Math.max(
    0,
    rows.findIndex((i) => findingKey(props.findings[i]!) === selectedKey),
  );
  const selected = rows.length > 0 ? props.findings[rows[selectedPos]!] : undefined;
  const split = useSplit('findings');
  const listRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!selected) return;
    const el = listRef.current?.querySelector<HTMLElement>('[aria-selected="true"]');
    el?.scrollIntoView?.({ block: 'nearest' });
  }, [selected]);

  const select = (pos: number) => {
    const i = rows[Math.max(0, Math.min(rows.length - 1, pos))];
    if (i !== undefined) setSelectedKey(findingKey(props.findings[i]!));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor((listRef.current?.clientHeight ?? 240) / 24) - 1);
    const next =
      e.key === 'ArrowDown'
        ? selectedPos + 1
        : e.key === 'ArrowUp'
          ? selectedPos - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? rows.length - 1
              : e.key === 'PageDown'
                ? selectedPos + page
                : e.key === 'PageUp'
                  ? selectedPos - page
                  : undefined;
    if (next === undefined) return;
    e.preventDefault();
    select(next);
  };

  if (props.findings.length === 0) {
    return (
      <section className="view findings-view findings-empty" aria-label={t('tab_findings')}>
        {props.before}
        {props.empty ?? <p className="empty">{t('noFindings')}</p>}
      </section>
    );
  }
  const optionId = (pos: number) => `${listId}-o${pos}`;
  return (
    <section className="view findings-view" aria-label={t('tab_findings')}>
      {props.before}
      <div ref={split.containerRef} className={`split split-${split.orientation}`} style={split.style}>
        <div className="master" id={`${listId}-master`}>
          <FilterBox label={t('filterFindings')} value={props.filter} onChange={props.onFilter} count={rows.length} total={props.findings.length} />
          {rows.length === 0 ? <p className="empty">{t('noMatchingFindings')}</p> : null}
          <div
            ref={listRef}
            hidden={rows.length === 0}
            role="listbox"
            className="finding-list"
            aria-label={t('findingListLabel')}
            tabIndex={0}
            aria-activedescendant={selected ? optionId(selectedPos) : undefined}
            onKeyDown={onKeyDown}
          >
            {rows.map((i, pos) => {
              const f = props.findings[i]!;
              const path = pagePath(f.page);
              return (
                <div
                  key={`${i}-${f.ruleId}`}
                  id={optionId(pos)}
                  role="option"
                  aria-selected={pos === selectedPos}
                  className={`finding-row sev-${f.severity}`}
                  data-rule-id={f.ruleId}
                  data-severity={f.severity}
                  onClick={() => select(pos)}
                >
                  <span className={`row-sev sev-${f.severity}`}>
                    <SeverityIcon severity={f.severity} />
                    <span className="row-sev-text">{t(`severity_${f.severity}`)}</span>
                  </span>
                  <span className="row-title">{f.title}</span>
                  {path ? (
                    <span className="row-page" title={f.page}>
                      {f.pageIndex !== undefined ? `${f.pageIndex + 1}: ` : ''}
                      {path}
                    </span>
                  ) : (
                    <span className="row-page" />
                  )}
                  <span className="row-rule">{f.ruleId}</span>
                </div>
              );
            })}
          </div>
        </div>
        <Splitter split={split} controls={`${listId}-master`} label={t(split.orientation === 'side' ? 'splitWidthLabel' : 'splitHeightLabel')} />
        <div className="detail" role="region" aria-label={t('findingDetailLabel')} tabIndex={0}>
          {selected ? <FindingCard finding={selected} onShowSource={props.onShowSource} headingLevel={2} /> : null}
        </div>
      </div>
    </section>
  );
}
