/**
 * The popup's own strings (ja/en), kept beside it as CaptureSites.tsx and the checklist do, so
 * this surface stays separate from the shared message table. Counts go through
 * `Intl.PluralRules` ("1 page", "2 pages").
 */
import type { Lang } from '@/utils/core/model';

type Plural = { one: string; other: string };

const ja = {
  openPanel: '詳細パネルを開く',
  openPanelHint: 'このタブの記録を詳細パネルで開きます(新しいタブ)',
  openOptions: '設定',
  openOptionsHint: '連携ドクターの設定を開きます',
  findingsLabel: '見つかった問題',
  onPages: 'ページ',
  sameOnPages: { one: '{n} ページで同じ問題', other: '{n} ページで同じ問題' } as Plural,
  morePages: { one: 'ほか {n} ページ', other: 'ほか {n} ページ' } as Plural,
  more: { one: 'ほか {n} 件は詳細パネルで確認できます。', other: 'ほか {n} 件は詳細パネルで確認できます。' } as Plural,
  pages: { one: '記録したページ: {n}', other: '記録したページ: {n}' } as Plural,
  devtoolsHint: 'DevTools でも開けます: F12 → 「連携」タブ',
  tagSummary: 'このタブのタグ',
  sessionWide: 'このタブの記録全体',
};

const en: typeof ja = {
  openPanel: 'Open the full panel',
  openPanelHint: "Opens this tab's recording in the full panel (new tab)",
  openOptions: 'Settings',
  openOptionsHint: 'Opens the Renkei Doctor settings',
  findingsLabel: 'Problems found',
  onPages: 'Pages',
  sameOnPages: { one: 'Same problem on {n} page', other: 'Same problem on {n} pages' },
  morePages: { one: '{n} more page', other: '{n} more pages' },
  more: { one: '{n} more in the full panel.', other: '{n} more in the full panel.' },
  pages: { one: 'Pages recorded: {n}', other: 'Pages recorded: {n}' },
  devtoolsHint: 'Also in DevTools: F12 → the “連携 Renkei” tab',
  tagSummary: 'Tags on this tab',
  sessionWide: 'The whole recording of this tab',
};

export type PopupString = keyof typeof ja;

const rules = new Map<Lang, Intl.PluralRules>();

export function pt(lang: Lang, key: PopupString, data: Record<string, string | number> = {}): string {
  const table = lang === 'en' ? en : ja;
  const entry = table[key];
  let text: string;
  if (typeof entry === 'string') text = entry;
  else {
    let r = rules.get(lang);
    if (!r) rules.set(lang, (r = new Intl.PluralRules(lang)));
    const n = Number(data.n ?? 0);
    text = r.select(n) === 'one' ? entry.one : entry.other;
  }
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (data[k] !== undefined ? (typeof data[k] === 'number' ? data[k].toLocaleString(lang) : String(data[k])) : m));
}
