import { useId } from 'react';
import { useI18n } from './i18n-context';

export function FilterBox(props: { label: string; value: string; onChange(q: string): void; count: number; total: number }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="filter">
      {/* named for assistive technology; the field's placeholder says what it filters */}
      <label htmlFor={id} className="visually-hidden">
        {props.label}
      </label>
      <input id={id} type="search" value={props.value} onChange={(e) => props.onChange(e.target.value)} placeholder={`${props.label} — ${t('filterPlaceholder')}`} />
      <span className="filter-count" aria-live="polite">
        {t('filterCount', { n: props.count, total: props.total })}
      </span>
    </div>
  );
}
