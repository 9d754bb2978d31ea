/**
 * One comparison: the side-by-side rows of compareSnapshots (differences highlighted, rows that
 * cannot be compared explained) and the compare/* findings as finding cards (`data-rule-id`,
 * `data-severity`, like the Findings tab).
 */
import type { CompareResult } from '@/utils/core/compare';
import { FindingCard } from '../FindingCard';
import { useI18n } from '../i18n-context';
import { cs } from './strings';

export function CompareTable(props: { result: CompareResult; aLabel: string; bLabel: string; testId?: string }) {
  const { lang } = useI18n();
  const { rows, findings } = props.result;
  // rows that differ as they should (different login states) are shown muted, not counted
  const diffs = rows.filter((r) => !r.same && !r.expected).length;
  const expected = rows.filter((r) => !r.same && r.expected).length;
  return (
    <div className="compare-result" data-testid={props.testId}>
      <p className="view-summary" data-diff-count={diffs} data-expected-count={expected}>
        {diffs > 0 ? cs(lang, 'diffCount', { n: diffs }) : cs(lang, 'noDiff')}
        {expected > 0 ? ` ${cs(lang, 'expectedCount', { n: expected })}` : null}
      </p>
      <div className="compare-table-wrap">
        <table className="compare-table">
          <thead>
            <tr>
              <th scope="col">{cs(lang, 'aspect')}</th>
              <th scope="col">{props.aLabel}</th>
              <th scope="col">{props.bLabel}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr
                key={`${r.aspect}-${i}`}
                className={r.comparable === false ? 'not-comparable' : r.same ? 'same' : r.expected ? 'expected' : 'diff'}
                data-aspect={r.aspect}
                data-same={String(r.same)}
                data-comparable={r.comparable === false ? 'false' : 'true'}
                data-expected={r.expected ? 'true' : undefined}
              >
                <th scope="row">{r.aspect}</th>
                <td>{r.a}</td>
                <td>
                  {r.b}
                  {r.comparable === false ? <p className="compare-note">{cs(lang, 'notComparable')}</p> : null}
                  {r.expected ? <p className="compare-note">{cs(lang, 'expectedByLoginState')}</p> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
