/**
 * UI strings from the extension's own `_locales` catalogues, loaded as JSON so the language can
 * be switched at run time (chrome.i18n cannot: it always follows the browser).
 */
import ja from '../../public/_locales/ja/messages.json';
import en from '../../public/_locales/en/messages.json';
import type { Lang } from '../core/model';

export type MessageKey = keyof typeof ja;
export type LanguageSetting = 'auto' | Lang;

type Catalogue = Record<string, { message: string }>;
const catalogues: Record<Lang, Catalogue> = { ja, en };

/** `{name}` placeholders are filled from `subs`; a missing key falls back to Japanese, then to the key. */
export function translate(lang: Lang, key: MessageKey, subs?: Record<string, string | number>): string {
  const entry = catalogues[lang][key] ?? catalogues.ja[key];
  const text = entry?.message ?? key;
  if (!subs) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in subs ? String(subs[name]) : m));
}

export type Translate = (key: MessageKey, subs?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  return (key, subs) => translate(lang, key, subs);
}

/** `auto` follows the browser's UI language: Japanese for `ja*`, English otherwise. */
export function resolveLang(setting: LanguageSetting | undefined, uiLanguage: string | undefined): Lang {
  if (setting === 'ja' || setting === 'en') return setting;
  if (!uiLanguage) return 'ja';
  return uiLanguage.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

export function catalogueKeys(lang: Lang): string[] {
  return Object.keys(catalogues[lang]);
}
