import { useId, useState } from 'react';
import type { ReportFormat } from '@/utils/ui/analysis';
import { useI18n } from './i18n-context';
import { Icon } from './Icons';
import './fix.css';

const FORMATS: ReportFormat[] = ['markdown', 'chatwork', 'text'];
const STORAGE_KEY = 'renkei.reportFormat';

function remembered(): ReportFormat {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    return FORMATS.includes(v as ReportFormat) ? (v as ReportFormat) : 'markdown';
  } catch {
    return 'markdown';
  }
}

/**
 * The panel's "Copy report" with the place it goes: Markdown (Zendesk, GitHub), Chatwork's own
 * notation, or plain text. The choice is remembered for the next report.
 */
export function CopyReport(props: { disabled: boolean; onCopy(format: ReportFormat): void }) {
  const { t } = useI18n();
  const id = useId();
  const [format, setFormat] = useState<ReportFormat>(remembered);
  const choose = (f: ReportFormat) => {
    setFormat(f);
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, f);
    } catch {
      // storage may be unavailable (opaque origins): the choice lasts for this panel only
    }
  };
  return (
    <span className="copy-report" role="group" aria-label={t('copyReport')}>
      <button
        type="button"
        className="icon-button"
        onClick={() => props.onCopy(format)}
        disabled={props.disabled}
        data-report-format={format}
        aria-label={t('copyReport')}
        title={`${t('copyReport')} (${t(`reportFormat_${format}`)})`}
      >
        <Icon name="copy" />
      </button>
      <label className="visually-hidden" htmlFor={id}>
        {t('copyReportFormat')}
      </label>
      <select id={id} value={format} onChange={(e) => choose(e.target.value as ReportFormat)} title={t('copyReportFormatHint')}>
        {FORMATS.map((f) => (
          <option key={f} value={f}>
            {t(`reportFormat_${f}`)}
          </option>
        ))}
      </select>
    </span>
  );
}
