/**
 * The popup: a summary of the current tab — counts by severity, the worst findings in one line
 * each, how to open the panel, and a clear word when site access is withheld.
 * The analysis core is loaded on demand so the popup's first paint stays small.
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Finding } from '@/utils/core/model';
import type { Analyze } from '@/utils/ui/analysis';
import type { SessionSource, TabCapture } from '@/utils/ui/source';
import { hostOf, worstFirst, type PanelAnalysis } from '@/utils/ui/view-model';
import { useI18n } from './i18n-context';
import { Markdownish } from './Markdownish';
import { VerdictView } from './VerdictView';

const WORST = 5;

export function firstSentence(text: string): string {
  // Japanese full stops end a sentence anywhere; Latin ones only before a space
  const m = /^(.+?(?:[。！？]|[.!?](?=\s|$)))/su.exec(text);
  const s = m ? m[1]! : text;
  return s.length > 140 ? `${s.slice(0, 139)}…` : s;
}

export function Popup(props: {
  source: SessionSource;
  tabId: number | undefined;
  loadAnalyze: () => Promise<Analyze>;
  /** the operator checklist of the tab's settings page (components/checklist/PopupChecklist) */
  checklist?: ReactNode;
}) {
  const { t, lang } = useI18n();
  const [capture, setCapture] = useState<TabCapture>();
  const [analyze, setAnalyze] = useState<{ fn: Analyze }>();
  const [failed, setFailed] = useState<string>();
  const { loadAnalyze } = props;

  useEffect(() => {
    if (props.tabId === undefined) return;
    return props.source.subscribe(props.tabId, setCapture);
  }, [props.source, props.tabId]);

  useEffect(() => {
    let live = true;
    loadAnalyze().then(
      (fn) => live && setAnalyze({ fn }),
      (e: unknown) => live && setFailed(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [loadAnalyze]);

  const computed = useMemo((): { result?: PanelAnalysis; error?: string } => {
    if (!capture || !analyze) return {};
    try {
      return { result: analyze.fn(capture, lang) };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  }, [capture, analyze, lang]);
  const result = computed.result;
  const error = failed ?? computed.error;

  const site = capture?.session.pages.at(-1)?.url;
  return (
    <main className="popup">
      <h1>{t('panelHeading')}</h1>
      {props.tabId === undefined ? <p className="empty">{t('popupNoTab')}</p> : null}
      {capture?.siteAccess === 'withheld' ? (
        <p className="notice warn" role="alert" data-site-access="withheld">
          {t('siteAccessWithheldPopup')}
        </p>
      ) : null}
      {site ? <p className="popup-site">{hostOf(site)}</p> : null}
      {error ? (
        <p className="notice error" role="alert">
          {t('analysisFailed')} <span className="notice-detail">{error.slice(0, 200)}</span>
        </p>
      ) : null}
      {capture && (result || capture.session.pages.length === 0) ? <VerdictView verdict={result?.verdict} siteAccess={capture.siteAccess} compact /> : null}
      {result ? <PopupSummary result={result} pages={capture!.session.pages.length} /> : props.tabId !== undefined && !error ? <p className="empty">{t('loading')}</p> : null}
      {props.checklist}
      <p className="how-to-open">
        <strong>{t('popupOpenPanelTitle')}</strong> {t('popupOpenPanel')}
      </p>
    </main>
  );
}

function PopupSummary({ result, pages }: { result: PanelAnalysis; pages: number }) {
  const { t } = useI18n();
  const worst = worstFirst(result.findings).slice(0, WORST);
  return (
    <>
      <p className="counts" aria-label={t('countsLabel')}>
        <span className="badge sev-error" data-count="error">{t('countError', { n: result.summary.errors })}</span>
        <span className="badge sev-warning" data-count="warning">{t('countWarning', { n: result.summary.warnings })}</span>
        <span className="badge sev-info" data-count="info">{t('countInfo', { n: result.summary.infos })}</span>
      </p>
      <p className="muted">{t('popupPages', { n: pages })}</p>
      {worst.length === 0 ? null : (
        <ul className="popup-findings">
          {worst.map((f: Finding, i) => (
            <li key={i} className={`finding sev-${f.severity}`} data-rule-id={f.ruleId} data-severity={f.severity}>
              <span className={`badge sev-${f.severity}`}>{t(`severity_${f.severity}`)}</span> <strong>{f.title}</strong>
              <div className="one-line">
                <Markdownish text={firstSentence(f.message)} />
              </div>
            </li>
          ))}
        </ul>
      )}
      {result.findings.length > WORST ? <p className="muted">{t('popupMore', { n: result.findings.length - WORST })}</p> : null}
    </>
  );
}
