import { useEffect, useState, type ReactNode } from 'react';
import type { Lang } from '@/utils/core/model';
import { I18nProvider } from './i18n-context';

/** Provides the UI language and follows changes of the setting (options page) live. */
export function LangRoot(props: { initial: Lang; watch?: (cb: (lang: Lang) => void) => () => void; onChange?: (lang: Lang) => void; children: ReactNode }) {
  const [lang, setLang] = useState(props.initial);
  const { watch, onChange } = props;
  useEffect(() => (watch ? watch(setLang) : undefined), [watch]);
  useEffect(() => onChange?.(lang), [lang, onChange]);
  return <I18nProvider lang={lang}>{props.children}</I18nProvider>;
}
