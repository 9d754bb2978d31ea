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

/** `{n, plural, one {# item} other {# items}}`: the form Intl.PluralRules picks for the number (`#` is the number). */
const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other) \{[^{}]*\})+)\s*\}/g;
const PLURAL_FORM = /(=\d+|zero|one|two|few|many|other) \{([^{}]*)\}/g;
const pluralRules = new Map<Lang, Intl.PluralRules>();

function plural(lang: Lang, forms: string, value: string | number | undefined, whole: string): string {
  const n = typeof value === 'number' ? value : Number(value);
  if (value === undefined || !Number.isFinite(n)) return whole;
  let rules = pluralRules.get(lang);
  if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang)));
  const byName = new Map([...forms.matchAll(PLURAL_FORM)].map((m) => [m[1], m[2]] as const));
  const form = byName.get(`=${n}`) ?? byName.get(rules.select(n)) ?? byName.get('other') ?? '';
  return form.replace(/#/g, n.toLocaleString(lang));
}

/**
 * `{name}` placeholders are filled from `subs` and plural selections (`{n, plural, one {…} other {…}}`)
 * pick their form; a missing key falls back to Japanese, then to the key.
 */
export function translate(lang: Lang, key: MessageKey, subs?: Record<string, string | number>): string {
  const entry = catalogues[lang][key] ?? catalogues.ja[key];
  const text = entry?.message ?? key;
  if (!subs) return text;
  return text
    .replace(PLURAL, (whole, name: string, forms: string) => plural(lang, forms, subs[name], whole))
    .replace(/\{(\w+)\}/g, (m, name: string) => (name in subs ? String(subs[name]) : m));
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
