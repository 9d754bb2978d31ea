/**
 * Typographic quotes used as string delimiters (000's own example tags: `OkskyChat(“customer_id”, “xxxxx");`).
 *
 * `repairQuotes` finds string delimiters written with typographic quotes in code positions (not
 * inside straight strings, templates, comments or regular expressions) and replaces them with
 * straight quotes. Every replaced character is one UTF-16 unit, so offsets stay valid: the
 * repaired text can be parsed and its positions read against the original.
 */

/** “ ” ‘ ’ ＂ ＇ ″ ′ */
export const TYPOGRAPHIC_QUOTES = '\u201C\u201D\u2018\u2019\uFF02\uFF07\u2033\u2032';

export function isTypographicQuote(ch: string): boolean {
  if (ch.length !== 1) return false;
  const c = ch.charCodeAt(0);
  return c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019 || c === 0xff02 || c === 0xff07 || c === 0x2033 || c === 0x2032;
}

export interface QuoteRepair {
  text: string;
  /** offsets of the characters replaced */
  fixes: number[];
  /** comments seen on the way (`value` starts at `valueStart`) */
  comments: LexedComment[];
}

export interface LexedComment {
  type: 'Line' | 'Block';
  value: string;
  start: number;
  end: number;
  valueStart: number;
}

const REGEX_KEYWORDS = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'instanceof', 'yield', 'await']);

function isIdentChar(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
  return c >= 0xc0 && !isTypographicQuote(ch);
}

function isLineBreak(c: string): boolean {
  return c === '\n' || c === '\r';
}

/** A typographic quote closing a straight-quoted string: followed by (spaces and) `,` `)` `;` `]` `}` `+` or the end of the line. */
function closesHere(text: string, i: number): boolean {
  let j = i + 1;
  while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++;
  if (j >= text.length) return true;
  const c = text[j];
  return c === ',' || c === ')' || c === ';' || c === ']' || c === '}' || c === '+' || c === ':' || isLineBreak(c);
}

/**
 * Replaces typographic quotes used as delimiters with straight ones (`"`, or the straight opener
 * when a straight-quoted string is closed by a typographic quote). Linear, never throws.
 */
export function repairQuotes(text: string): QuoteRepair {
  const out: string[] = [];
  const fixes: number[] = [];
  const comments: LexedComment[] = [];
  const n = text.length;
  let i = 0;
  let last = 0; // copied up to here
  let prevSignificant = ''; // last non-space code character
  let prevWord = '';
  const replace = (at: number, ch: string) => {
    out.push(text.slice(last, at), ch);
    last = at + 1;
    fixes.push(at);
  };
  while (i < n) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      const start = i;
      while (i < n && !isLineBreak(text[i])) i++;
      comments.push({ type: 'Line', value: text.slice(start + 2, i), start, end: i, valueStart: start + 2 });
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const start = i;
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
      comments.push({ type: 'Block', value: text.slice(start + 2, end < 0 ? n : end), start, end: i, valueStart: start + 2 });
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let closed = false;
      while (j < n && !isLineBreak(text[j])) {
        const d = text[j];
        if (d === '\\') {
          j += 2;
          continue;
        }
        if (d === c) {
          closed = true;
          break;
        }
        if (isTypographicQuote(d) && closesHere(text, j)) {
          replace(j, c);
          closed = true;
          break;
        }
        j++;
      }
      i = closed ? j + 1 : j;
      prevSignificant = c;
      prevWord = '';
      continue;
    }
    if (isTypographicQuote(c)) {
      replace(i, '"');
      let j = i + 1;
      while (j < n && !isLineBreak(text[j])) {
        const d = text[j];
        if (d === '\\') {
          j += 2;
          continue;
        }
        if (d === '"') break;
        if (isTypographicQuote(d)) {
          replace(j, '"');
          break;
        }
        j++;
      }
      i = j < n && !isLineBreak(text[j]) ? j + 1 : j;
      prevSignificant = '"';
      prevWord = '';
      continue;
    }
    if (c === '`') {
      let j = i + 1;
      while (j < n && text[j] !== '`') j += text[j] === '\\' ? 2 : 1;
      i = j + 1;
      prevSignificant = '`';
      prevWord = '';
      continue;
    }
    if (c === '/') {
      const regexAllowed =
        prevSignificant === '' || (!isIdentChar(prevSignificant) && !')]'.includes(prevSignificant)) || REGEX_KEYWORDS.has(prevWord);
      if (regexAllowed) {
        let j = i + 1;
        let inClass = false;
        while (j < n && !isLineBreak(text[j])) {
          const d = text[j];
          if (d === '\\') {
            j += 2;
            continue;
          }
          if (inClass) {
            if (d === ']') inClass = false;
          } else if (d === '[') inClass = true;
          else if (d === '/') break;
          j++;
        }
        i = j + 1;
        prevSignificant = '/';
        prevWord = '';
        continue;
      }
    }
    if (isIdentChar(c)) {
      let j = i;
      while (j < n && isIdentChar(text[j])) j++;
      prevWord = text.slice(i, j);
      prevSignificant = text[j - 1];
      i = j;
      continue;
    }
    if (c !== ' ' && c !== '\t' && !isLineBreak(c)) {
      prevSignificant = c;
      prevWord = '';
    }
    i++;
  }
  if (fixes.length === 0) return { text, fixes, comments };
  out.push(text.slice(last));
  return { text: out.join(''), fixes, comments };
}

/**
 * The offset just past the `)` closing the `(` at `open`, tolerant of typographic-quoted strings;
 * -1 when it is not closed within `limit` characters.
 */
export function matchParen(text: string, open: number, limit = 20_000): number {
  const end = Math.min(text.length, open + limit);
  let depth = 0;
  let i = open;
  while (i < end) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i + 1;
      if (depth < 0) return -1;
    } else if (c === '"' || c === "'" || c === '`' || isTypographicQuote(c)) {
      let j = i + 1;
      while (j < end && (c === '`' || !isLineBreak(text[j]))) {
        const d = text[j];
        if (d === '\\') {
          j += 2;
          continue;
        }
        if (d === c) break;
        if (c !== '`' && isTypographicQuote(c) && (d === '"' || d === "'" || isTypographicQuote(d))) break;
        if (c !== '`' && !isTypographicQuote(c) && isTypographicQuote(d) && closesHere(text, j)) break;
        j++;
      }
      i = j + 1;
      continue;
    }
    i++;
  }
  return -1;
}
