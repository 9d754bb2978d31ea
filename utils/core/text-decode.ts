/**
 * Bytes → text for files people send us: UTF-8 (with or without BOM), UTF-16 with BOM, and the
 * Japanese legacy encodings still common on shop sites (Shift_JIS / Windows-31J, EUC-JP,
 * ISO-2022-JP). Binary files are rejected with a reason instead of being read as mojibake.
 *
 * Pure: WHATWG TextDecoder only (available in browsers and Node).
 */
import { InputError } from './input-error';

export interface DecodedText {
  text: string;
  /** WHATWG encoding name actually used (`utf-8`, `shift_jis`, `euc-jp`, ...) */
  encoding: string;
  /** how the encoding was chosen */
  via: 'bom' | 'utf-8' | 'declared' | 'heuristic';
}

/** Labels people write in `<meta charset>` / Content-Type, mapped to what TextDecoder knows. */
const LABEL_ALIASES: Record<string, string> = {
  sjis: 'shift_jis',
  'x-sjis': 'shift_jis',
  'shift-jis': 'shift_jis',
  cp932: 'shift_jis',
  ms932: 'shift_jis',
  'windows-31j': 'shift_jis',
  eucjp: 'euc-jp',
  'x-euc-jp': 'euc-jp',
  'euc_jp': 'euc-jp',
  jis: 'iso-2022-jp',
  utf8: 'utf-8',
};

/** Normalise a charset label; undefined when TextDecoder does not know it. */
export function normaliseCharset(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  const mapped = LABEL_ALIASES[l] ?? l;
  try {
    return new TextDecoder(mapped).encoding;
  } catch {
    return undefined;
  }
}

/** `charset=` from the first bytes (meta charset, http-equiv Content-Type, XML declaration). */
export function sniffDeclaredCharset(bytes: Uint8Array): string | undefined {
  const head = latin1(bytes.subarray(0, 4096));
  const m =
    /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i.exec(head) ??
    /<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)/i.exec(head) ??
    /content-type[^\n]{0,80}charset\s*=\s*["']?([A-Za-z0-9_.:-]+)/i.exec(head);
  return m ? normaliseCharset(m[1]) : undefined;
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

function tryDecode(bytes: Uint8Array, encoding: string): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Share of C0 control characters other than tab, newlines, form feed and ESC in a sample. */
function controlRatio(text: string): number {
  const n = Math.min(text.length, 8192);
  if (n === 0) return 0;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 11 && c !== 0x1b) || c === 0x7f || c === 0xfffd) bad++;
  }
  return bad / n;
}

/** How Japanese a decoded sample looks: kana and common kanji score, odd code points cost. */
function japaneseScore(text: string): number {
  const n = Math.min(text.length, 65536);
  let score = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x3000 && c <= 0x303f)) score += 2; // kana, CJK punctuation
    else if (c >= 0x4e00 && c <= 0x9fff) score += 1; // CJK unified ideographs
    else if (c >= 0xff01 && c <= 0xff5e) score += 1; // full-width ASCII
    else if (c >= 0xff61 && c <= 0xff9f) score -= 1; // half-width katakana: rare in real text, common in mis-decodes
    else if (c >= 0xe000 && c <= 0xf8ff) score -= 3; // private use
    else score -= 1;
  }
  return score;
}

/**
 * Decode a file's bytes. Throws InputError `binary` (NUL bytes, control characters) or
 * `undecodable` (invalid in UTF-8 and in every Japanese encoding tried).
 */
export function decodeBytes(bytes: Uint8Array, opts: { charset?: string } = {}): DecodedText {
  // BOMs decide.
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = tryDecode(bytes, 'utf-8');
    if (text === undefined) throw new InputError('undecodable', { detail: 'UTF-8 BOM, invalid UTF-8' });
    return checkText({ text, encoding: 'utf-8', via: 'bom' });
  }
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const enc = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    const text = tryDecode(bytes, enc);
    if (text === undefined) throw new InputError('undecodable', { detail: `${enc.toUpperCase()} BOM, invalid ${enc.toUpperCase()}` });
    return checkText({ text, encoding: enc, via: 'bom' });
  }
  if (bytes.indexOf(0) !== -1) {
    throw new InputError('binary', { detail: 'NUL bytes' });
  }
  const utf8 = tryDecode(bytes, 'utf-8');
  if (utf8 !== undefined) return checkText({ text: utf8, encoding: 'utf-8', via: 'utf-8' });

  const declared = normaliseCharset(opts.charset) ?? sniffDeclaredCharset(bytes);
  if (declared && declared !== 'utf-8') {
    const text = tryDecode(bytes, declared);
    if (text !== undefined) return checkText({ text, encoding: declared, via: 'declared' });
  }

  const candidates = ['shift_jis', 'euc-jp'];
  // ISO-2022-JP is 7-bit with ESC sequences; only try it when they are present.
  if (bytes.indexOf(0x1b) !== -1) candidates.unshift('iso-2022-jp');
  let best: DecodedText | undefined;
  let bestScore = -Infinity;
  for (const enc of candidates) {
    const text = tryDecode(bytes, enc);
    if (text === undefined) continue;
    const score = japaneseScore(text);
    if (score > bestScore) {
      best = { text, encoding: enc, via: 'heuristic' };
      bestScore = score;
    }
  }
  if (!best) {
    throw new InputError('undecodable', { detail: 'invalid in UTF-8, Shift_JIS and EUC-JP' });
  }
  return checkText(best);
}

function checkText(d: DecodedText): DecodedText {
  if (controlRatio(d.text) > 0.05) {
    throw new InputError('binary', { detail: `control characters (${d.encoding})` });
  }
  return d;
}

// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Undo a Latin-1 reading of UTF-8 text. Big JSON files (HARs) are read as Latin-1 by the CLI:
 * one byte per character instead of two, and JSON.parse still sees the same structure because
 * every JSON delimiter is ASCII. The strings that are kept (URLs, bodies, page HTML) are then
 * turned back into real text here. Characters above U+00FF (from `\uXXXX` escapes) are kept;
 * a run that is not valid UTF-8 is kept as it was (it was real Latin-1 text, e.g. `\u00e9`).
 */
export function latin1ToUtf8(s: string): string {
  if (!NON_ASCII.test(s)) return s;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let out = '';
  let runStart = 0;
  const flush = (end: number) => {
    if (end <= runStart) return;
    const run = s.slice(runStart, end);
    if (!NON_ASCII.test(run)) {
      out += run;
      return;
    }
    const bytes = new Uint8Array(run.length);
    for (let i = 0; i < run.length; i++) bytes[i] = run.charCodeAt(i);
    try {
      out += decoder.decode(bytes);
    } catch {
      out += run;
    }
  };
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0xff) {
      flush(i);
      out += s[i];
      runStart = i + 1;
    }
  }
  flush(s.length);
  return out;
}
