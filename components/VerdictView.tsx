/**
 * The verdict of a tab's capture, in one place at the top of the panel and the popup, so that
 * four states never look alike (issue: 0 / 0 / 0 and a grey "no problem" for all of them):
 *
 * - `empty`     nothing captured from the tab yet — a reload starts the capture;
 * - `no-tag`    pages captured, no OK SKY / Channel Talk tag: which tags were looked for and where,
 *               and that a reload does not change it (tag manager, consent banner, another page);
 * - `clear`     a tag and no error or warning: the checks that ran and passed (Lighthouse's
 *               "passed audits"), so support staff can tell the customer what was verified;
 * - `problems`  errors or warnings (the findings follow).
 *
 * Pages the extension may not read say so instead (`data-access="withheld" | "restricted"`), and
 * whenever a bound skipped input 「一部を読んでいません」 stands next to the verdict with what was
 * not read. `data-verdict` carries the kind for tests and users' scripts.
 */
import type { Lang } from '@/utils/core/model';
import type { Verdict, VerdictSource } from '@/utils/core/verdict';
import type { MessageKey } from '@/utils/ui/i18n';
import type { TabCapture } from '@/utils/ui/source';
import { useI18n } from './i18n-context';

const VENDOR_NAME: Record<Verdict['vendors'][number]['vendor'], Record<Lang, string>> = {
  oksky: { ja: 'OK SKY', en: 'OK SKY' },
  channeltalk: { ja: 'チャネルトーク', en: 'Channel Talk' },
};

/** verdict.ts appends this to a limited headline; the view shows it as a tag instead */
const LIMITED_SUFFIX = /（一部を読んでいません）$| \(part of the input was not read\)$/;

export interface VerdictViewProps {
  /** undefined while the analysis is loading or when nothing was captured */
  verdict: Verdict | undefined;
  siteAccess: TabCapture['siteAccess'];
  /** the popup */
  compact?: boolean;
}

/** The verdict kind to show: nothing read from a page we may not read is not "nothing captured yet". */
export function shownAccess(verdict: Verdict | undefined, siteAccess: TabCapture['siteAccess']): 'withheld' | 'restricted' | undefined {
  if (siteAccess !== 'withheld' && siteAccess !== 'restricted') return undefined;
  return !verdict || verdict.kind === 'empty' ? siteAccess : undefined;
}

export function VerdictView({ verdict, siteAccess, compact }: VerdictViewProps) {
  const { t, lang } = useI18n();
  const kind = verdict?.kind ?? 'empty';
  const access = shownAccess(verdict, siteAccess);
  const sourceList = (where: VerdictSource[]) => where.map((s) => t(`verdictSource_${s}` as MessageKey)).join(lang === 'ja' ? '・' : ', ');
  const headline = access
    ? t(access === 'withheld' ? 'verdictWithheld' : 'verdictRestricted')
    : kind === 'empty'
      ? t('verdictEmpty')
      : // the limit is said by the tag beside the headline
        verdict!.headline[lang].replace(LIMITED_SUFFIX, '');
  return (
    <section
      className={`verdict verdict-${kind}${access ? ` verdict-access-${access}` : ''}${compact ? ' compact' : ''}`}
      data-verdict={kind}
      data-access={access}
      data-limited={verdict?.limited ? 'true' : undefined}
      aria-label={t('verdictLabel')}
      role="status"
    >
      <p className="verdict-headline">
        <strong>{headline}</strong>
        {verdict?.limited && kind !== 'empty' ? (
          <>
            {' '}
            <span className="badge verdict-limited-tag" data-limited-tag="true">
              {t('verdictLimitedTag')}
            </span>
          </>
        ) : null}
      </p>
      {!access && kind === 'empty' ? <p className="verdict-help">{t('verdictEmptyHelp')}</p> : null}
      {!access && kind === 'no-tag' && verdict ? (
        <>
          <ul className="verdict-vendors" aria-label={t('verdictVendorsLabel')}>
            {verdict.vendors.map((v) => (
              <li key={v.vendor} data-vendor={v.vendor} data-found={v.found ? 'true' : 'false'}>
                {v.found
                  ? t('verdictVendorFound', { vendor: VENDOR_NAME[v.vendor][lang], where: sourceList(v.where) })
                  : t('verdictVendorMissing', { vendor: VENDOR_NAME[v.vendor][lang] })}
              </li>
            ))}
          </ul>
          <p className="verdict-where">{t('verdictLookedAt', { where: verdict.lookedAt.length > 0 ? sourceList(verdict.lookedAt) : t('verdictSourceNone') })}</p>
          <p className="verdict-help">{t('verdictNoTagHelp')}</p>
        </>
      ) : null}
      {/* folded here (the Findings tab shows them open) */}
      {!access && kind === 'clear' && verdict ? <PassedChecks verdict={verdict} /> : null}
      {verdict?.limited && verdict.limits.length > 0 && kind !== 'empty' ? (
        <details className="verdict-limits">
          <summary>{t('verdictLimitsSummary', { n: verdict.limits.length })}</summary>
          <ul>
            {verdict.limits.map((l, i) => (
              <li key={i} data-limit={l.what}>
                {l.detail[lang]}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

/** The checks that ran and passed, like Lighthouse's passed audits. */
export function PassedChecks({ verdict, open }: { verdict: Verdict; open?: boolean }) {
  const { t, lang } = useI18n();
  if (verdict.passed.length === 0) return <p className="verdict-help">{t('verdictPassedNone')}</p>;
  return (
    <details className="verdict-passed" open={open}>
      <summary>{t('verdictPassedSummary', { n: verdict.passed.length })}</summary>
      <ul>
        {verdict.passed.map((p) => (
          <li key={p.ruleId} data-passed-rule-id={p.ruleId}>
            <span aria-hidden="true">✓ </span>
            {p.title[lang]}
          </li>
        ))}
      </ul>
    </details>
  );
}
