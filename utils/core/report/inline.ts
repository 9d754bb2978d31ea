/**
 * The one small Markdown subset every surface understands in rule texts (messages, fixes): code
 * spans in backticks, `**strong**`, `*emphasis*` and line breaks. Nothing else is read as markup:
 * no HTML, no links, no images, so a value from a page can never become an element. The panel and
 * the popup build React elements from these nodes (components/Markdownish.tsx), the plain and
 * Chatwork reports flatten them (plainInline), the Markdown report passes the text through.
 */

export type InlineNode =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'strong'; text: string }
  | { type: 'em'; text: string }
  | { type: 'br' };

/** A line of text: code spans first (CommonMark: a run of n backticks closes with n backticks). */
function parseLine(line: string, out: InlineNode[]): void {
  let i = 0;
  let text = '';
  const flush = () => {
    if (text) emphasis(text, out);
    text = '';
  };
  while (i < line.length) {
    if (line[i] === '`') {
      let n = 0;
      while (line[i + n] === '`') n++;
      const fence = '`'.repeat(n);
      let close = line.indexOf(fence, i + n);
      // the closing run must be exactly n backticks long
      while (close !== -1 && (line[close + n] === '`' || line[close - 1] === '`')) {
        let end = close;
        while (line[end] === '`') end++;
        close = line.indexOf(fence, end);
      }
      if (close === -1) {
        text += fence;
        i += n;
        continue;
      }
      flush();
      let inner = line.slice(i + n, close);
      if (inner.length > 2 && inner.startsWith(' ') && inner.endsWith(' ') && inner.trim() !== '') inner = inner.slice(1, -1);
      out.push({ type: 'code', text: inner });
      i = close + n;
      continue;
    }
    text += line[i];
    i++;
  }
  flush();
}

const EMPHASIS = /\*\*(?=\S)([^*]*?\S)\*\*|\*(?=[^\s*])([^*]*?[^\s*])\*/g;

function emphasis(text: string, out: InlineNode[]): void {
  let last = 0;
  for (const m of text.matchAll(EMPHASIS)) {
    const at = m.index ?? 0;
    if (at > last) out.push({ type: 'text', text: text.slice(last, at) });
    out.push(m[1] !== undefined ? { type: 'strong', text: m[1] } : { type: 'em', text: m[2] });
    last = at + m[0].length;
  }
  if (last < text.length) out.push({ type: 'text', text: text.slice(last) });
}

export function parseInline(text: string): InlineNode[] {
  const out: InlineNode[] = [];
  text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .forEach((line, i) => {
      if (i > 0) out.push({ type: 'br' });
      parseLine(line, out);
    });
  return out;
}

/** The text without its markup (plain terminal and Chatwork reports, titles, tooltips). */
export function plainInline(text: string): string {
  return parseInline(text)
    .map((n) => (n.type === 'br' ? '\n' : n.text))
    .join('');
}
