import { useId } from 'react';
import type { LoginState, Page } from '@/utils/core/model';
import { hintText } from '@/utils/core/state';
import { useI18n } from './i18n-context';
import { stateKey } from './labels';

export type StateChoice = LoginState | 'auto';

/**
 * The page's login state: inferred from hints by default (shown), or chosen by a person.
 * Choosing `auto` removes the override.
 */
export function LoginStateControl(props: { page: Page; pageNumber: number; override?: LoginState; onChange(choice: StateChoice): void; disabled?: boolean }) {
  const { t, lang } = useI18n();
  const id = useId();
  const inferred = props.page.state.source === 'inferred' ? props.page.state.value : undefined;
  const value: StateChoice = props.override ?? 'auto';
  return (
    <div className="state-control">
      <label htmlFor={id}>{t('loginStateLabel', { n: props.pageNumber })}</label>
      <select id={id} value={value} disabled={props.disabled} onChange={(e) => props.onChange(e.target.value as StateChoice)} data-page-id={props.page.id}>
        <option value="auto">{t('stateAuto', { state: t(stateKey[inferred ?? props.page.state.value]) })}</option>
        <option value="logged-in">{t(stateKey['logged-in'])}</option>
        <option value="logged-out">{t(stateKey['logged-out'])}</option>
        <option value="unknown">{t(stateKey.unknown)}</option>
      </select>
      <span className="state-hints">
        {props.override
          ? t('stateOverridden')
          : props.page.state.hints.length > 0
            ? t('stateHints', { hints: props.page.state.hints.slice(0, 5).map((h) => hintText(lang, h)).join(' / ') })
            : t('stateNoHints')}
      </span>
    </div>
  );
}
