/**
 * Label normalisation: settings pages are read by the labels the documents use (「LINEアカウント名」,
 * 「Channel Id」, 「⑥Channel Id」, 「【5】リンクされたLINE公式アカウント」), whatever the markup or
 * the width of the characters. Two labels match when their normalised forms are equal.
 */

/** ①–⑳, ㉑–㊿, dingbat circled digits (➀–➓, ❶–❿, ➊–➓): the documents' step numbers. */
const CIRCLED = /[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf\u2776-\u2793\u24ea\u24f5-\u24fe]/gu;
/** leading numbering after NFKC: (1) 【5】 [2] 1. 1) 1: */
const LEADING_NUMBERING = /^(?:\(\d{1,2}\)|【\d{1,2}(?:-\d{1,2})?】|\[\d{1,2}\]|\d{1,2}[.)．:](?!\d))/u;
/** required markers and trailing punctuation */
const TRAILING = /(?:[*＊]|※?必須|:|：)+$/u;

export function normaliseLabel(text: string): string {
  let s = text.replace(CIRCLED, ' ');
  s = s.normalize('NFKC');
  s = s.replace(/\s+/gu, '');
  s = s.replace(/[「」『』"'“”‘’]/gu, '');
  for (let i = 0; i < 3; i++) {
    const before = s;
    s = s.replace(LEADING_NUMBERING, '').replace(TRAILING, '');
    if (s === before) break;
  }
  // the documents write both チャンネル and チャネル, 友だち and 友達
  s = s.replace(/チャンネル/gu, 'チャネル').replace(/友達/gu, '友だち');
  return s.toLowerCase();
}

/** Collapse white space for display (labels and values as shown to the operator). */
export function collapseSpace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/**
 * Whether a normalised label matches one of the normalised synonyms: equal, or the synonym
 * followed by a parenthesised hint (「Channel Id（半角数字）」) or a note (「※」).
 */
export function labelMatches(key: string, synonyms: readonly string[]): boolean {
  for (const raw of synonyms) {
    const syn = normaliseLabel(raw);
    if (key === syn) return true;
    if (key.startsWith(syn)) {
      const rest = key.slice(syn.length);
      if (/^[([※<]/u.test(rest)) return true;
    }
  }
  return false;
}

const ON_WORDS = ['オン', 'on', '有効', 'あり', 'する', '使用する', '利用する', 'はい', 'yes', 'enabled', 'enable', 'true', '表示', '受け取る'];
const OFF_WORDS = ['オフ', 'off', '無効', 'なし', 'しない', '使用しない', '利用しない', 'いいえ', 'no', 'disabled', 'disable', 'false', '非表示', '受け取らない'];

/** `true` for オン/有効/ON…, `false` for オフ/無効/OFF…, `undefined` when the text is not an on/off word. */
export function onOffWord(text: string): boolean | undefined {
  const k = normaliseLabel(text);
  if (ON_WORDS.includes(k)) return true;
  if (OFF_WORDS.includes(k)) return false;
  return undefined;
}
