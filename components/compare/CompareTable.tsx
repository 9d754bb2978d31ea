/**
 * One comparison: the differences first (a word for each verdict — 要確認 / 想定どおり / 比較不可 —
 * not only a colour), every row labelled in words and grouped by page, all rows on request; then
 * the compare/* findings as finding cards (`data-rule-id`, `data-severity`, like the Findings tab).
 * The table scrolls inside its own bounded region.
 */
import { Fragment, useId, useMemo, useState } from 'react';
import type { CompareResult } from '@/utils/core/compare';
import { FindingCard } from '../FindingCard';
import { useI18n } from '../i18n-context';
import { pageLabel, parseAspect, rowLabel, rowStatus, valueText, type RowStatus } from './rows';
import { cs, type CompareString } from './strings';

const MARK: Record<RowStatus, CompareString> = {
  diff: 'mark_diff',
  expected: 'mark_expected',
  context: 'mark_context',
  'not-comparable': 'mark_notComparable',
  same: 'mark_same',
};
const NOTE: Partial<Record<RowStatus, CompareString>> = { expected: 'note_expected', context: 'note_context', 'not-comparable': 'note_notComparable' };

export function CompareTable(props: {
  result: CompareResult;
  aLabel: string;
  bLabel: string;
  ruleTitle: (id: string) => string | undefined;
  testId?: string;
  pair?: string;
}) {
  const { lang } = useI18n();
  const [all, setAll] = useState(false);
  const toggleId = useId();
  const { findings } = props.result;
  const rows = useMemo(
    () =>
      props.result.rows.map((row, i) => {
        const info = parseAspect(row.aspect);
        return { row, i, info, status: rowStatus(row, info) };
      }),
    [props.result.rows],
  );
  const diffs = rows.filter((r) => r.status === 'diff').length;
  const expected = rows.filter((r) => r.status === 'expected' || r.status === 'context').length;
  const shown = all ? rows : rows.filter((r) => r.status !== 'same');
  const notes = (['expected', 'context', 'not-comparable'] as const).filter((s) => shown.some((r) => r.status === s));
  const firstPage = rows.findIndex((r) => r.info.page);
  const groupOf = (r: (typeof rows)[number]) => r.info.page ?? (firstPage >= 0 && r.i > firstPage ? '#tail' : '#head');

  return (
    <div className="compare-result" data-testid={props.testId} data-pair={props.pair}>
      <div className="compare-summary-row">
        <p className="view-summary" data-diff-count={diffs} data-expected-count={expected}>
          {diffs > 0 ? <span className="mark mark-diff">{cs(lang, 'diffCount', { n: diffs })}</span> : cs(lang, 'noDiff')}
          {expected > 0 ? <span className="muted"> · {cs(lang, 'expectedCount', { n: expected })}</span> : null}
        </p>
        <label className="toggle" htmlFor={toggleId}>
          <input id={toggleId} type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} /> {cs(lang, 'showAll', { n: rows.length })}
        </label>
      </div>
      {shown.length > 0 ? (
        <div className="compare-table-wrap" tabIndex={0} role="region" aria-label={cs(lang, 'tableLabel')}>
          <table className="compare-table">
            <thead>
              <tr>
                <th scope="col">{cs(lang, 'aspect')}</th>
                <th scope="col">{props.aLabel}</th>
                <th scope="col">{props.bLabel}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r, k) => {
                const g = groupOf(r);
                const head = k === 0 || groupOf(shown[k - 1]!) !== g;
                return (
                  <Fragment key={r.i}>
                    {head && g !== '#head' ? (
                      <tr className="group">
                        <th scope="colgroup" colSpan={3}>
                          {g === '#tail' ? cs(lang, 'group_tail') : cs(lang, 'page_group', { page: pageLabel(g, lang) })}
                        </th>
                      </tr>
                    ) : null}
                    <tr
                      className={r.status}
                      data-aspect={r.row.aspect}
                      data-status={r.status}
                      data-same={String(r.row.same)}
                      data-comparable={r.row.comparable === false ? 'false' : 'true'}
                      data-expected={r.row.expected ? 'true' : undefined}
                    >
                      <th scope="row">
                        <span className="row-label">
                          <span className={`mark mark-${r.status}`}>{cs(lang, MARK[r.status])}</span>
                          <span className="sr-only"> </span>
                          <span>{rowLabel(r.row, lang, props.ruleTitle, r.info)}</span>
                        </span>
                      </th>
                      <td>{valueText(r.row.a, r.info, lang)}</td>
                      <td>{valueText(r.row.b, r.info, lang)}</td>
                    </tr>
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {notes.length > 0 ? (
        <ul className="compare-notes">
          {notes.map((s) => (
            <li key={s} data-note={s}>
              <span className={`mark mark-${s}`}>{cs(lang, MARK[s])}</span> {cs(lang, NOTE[s]!)}
            </li>
          ))}
        </ul>
      ) : null}
      <h3 className="group-head">{cs(lang, 'findingsHeading')}</h3>
      {findings.length === 0 ? (
        <p className="empty">{cs(lang, 'noCompareFindings')}</p>
      ) : (
        <div className="compare-findings">
          {findings.map((f, i) => (
            <FindingCard key={`${f.ruleId}-${i}`} finding={f} />
          ))}
        </div>
      )}
    </div>
  );
}
