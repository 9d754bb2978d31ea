import type { Finding } from '@/utils/core/model';
import { evidenceSources, shortUrl } from '@/utils/ui/view-model';
import { sectionTitle } from '@/utils/core/report/sections';
import { FixBlock } from './FixBlock';
import { useI18n } from './i18n-context';
import { Markdownish } from './Markdownish';

/** One finding. `data-rule-id` and `data-severity` are a test contract (RULES.md ids). */
export function FindingCard(props: {
  finding: Finding;
  /** jump to the evidence's line on the Tags tab */
  onShowSource?: (finding: Finding, evidence: Finding['evidence'][number]) => void;
  compact?: boolean;
  /** the title's heading level where the card stands (2 in the panel's detail pane) */
  headingLevel?: 2 | 3;
}) {
  const { t, lang } = useI18n();
  const f = props.finding;
  const sources = evidenceSources(f);
  return (
    <article className={`finding sev-${f.severity}`} data-rule-id={f.ruleId} data-severity={f.severity} aria-label={f.title}>
      <header className="finding-head">
        <span className={`badge sev-${f.severity}`}>{t(`severity_${f.severity}`)}</span>
        {props.headingLevel === 2 ? <h2 className="finding-title">{f.title}</h2> : <h3 className="finding-title">{f.title}</h3>}
      </header>
      <p className="finding-meta">
        <code>{f.ruleId}</code>
        {f.page ? (
          <span className="finding-page" title={f.page}>
            {' · '}
            {f.pageIndex !== undefined ? t('pageNumber', { n: f.pageIndex + 1 }) : ''} {shortUrl(f.page)}
          </span>
        ) : null}
      </p>
      {props.compact ? null : (
        <>
          <p className="finding-message">
            <Markdownish text={f.message} />
          </p>
          <FixBlock fix={f.fix} label={t('fixLabel')} />
          <p className="finding-basis">
            <span>{t('basisLabel')}</span>{' '}
            {sources.length === 0
              ? t('basisNone')
              : sources.map((s) => (
                  <span key={s} className={`chip src-${s}`} data-evidence-source={s}>
                    {t(`source_${s}`)}
                  </span>
                ))}
            {f.source ? (
              <span className="finding-doc" title={lang === 'en' && f.source.section ? f.source.section : undefined}>
                {' '}
                {t('docRef', { doc: f.source.doc, section: f.source.section ? sectionTitle(lang, f.source.section) : '' })}
              </span>
            ) : null}
          </p>
          {f.evidence.length > 0 ? (
            <details className="evidence">
              <summary>{t('evidenceCount', { n: f.evidence.length })}</summary>
              <ul>
                {f.evidence.map((e, i) => (
                  <li key={i}>
                    <span className={`chip src-${e.source}`}>{t(`source_${e.source}`)}</span>{' '}
                    {e.text ? <code className="evidence-text">{e.text}</code> : null}
                    {e.location ? (
                      props.onShowSource ? (
                        <button type="button" className="link" onClick={() => props.onShowSource!(f, e)}>
                          {t('lineColumn', { line: e.location.line, column: e.location.column })}
                        </button>
                      ) : (
                        <span> {t('lineColumn', { line: e.location.line, column: e.location.column })}</span>
                      )
                    ) : null}
                    {e.url ? <span className="evidence-url"> {shortUrl(e.url)}</span> : null}
                    {e.values?.length ? <span className="evidence-values"> {e.values.map((v) => v.masked).join(', ')}</span> : null}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </>
      )}
    </article>
  );
}

