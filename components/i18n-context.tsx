import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Lang } from '@/utils/core/model';
import { translator, type Translate } from '@/utils/ui/i18n';

interface I18nValue {
  lang: Lang;
  t: Translate;
}

const I18nContext = createContext<I18nValue>({ lang: 'ja', t: translator('ja') });

export function I18nProvider({ lang, children }: { lang: Lang; children: ReactNode }) {
  const value = useMemo(() => ({ lang, t: translator(lang) }), [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  return useContext(I18nContext);
}
