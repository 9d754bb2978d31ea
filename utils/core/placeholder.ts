/**
 * "Placeholder" as RULES.md defines it: a value that is not a real member's value but an empty,
 * unexpanded or sample value left in the tag (000: 「値」が正しく連携されていない).
 * Shared by the OK SKY and Channel Talk rules.
 */

export type PlaceholderKind =
  /** empty, white space only, `null` / `undefined` / `NaN` */
  | 'empty'
  /** unexpanded template syntax: `{{ }}`, `<% %>`, `<? ?>`, `${`, `#{`, `{%`, `%NAME%` */
  | 'template'
  /** a run of x / X / * of length 3 or more (`xxxxx`, `***`) */
  | 'mask-run'
  /** a Japanese placeholder word: 会員ID, 会員番号, 顧客ID, ログインID, ここに, 入力 */
  | 'japanese-word'
  /** the documents' sample values `xxxxx`, `012345`, `123456789` */
  | 'sample';

export interface PlaceholderMatch {
  kind: PlaceholderKind;
  /** the part of the value that matched (language-neutral, safe to show: it is not a personal value) */
  match: string;
}

const EMPTY_WORDS = new Set(['null', 'undefined', 'nan']);
const TEMPLATE_TOKENS = ['{{', '}}', '<%', '%>', '<?', '?>', '${', '#{', '{%'];
const PERCENT_NAME = /%[A-Za-z_][A-Za-z0-9_.-]*%/;
const MASK_RUN = /[xX*]{3,}/;
export const JAPANESE_PLACEHOLDER_WORDS = ['会員ID', '会員番号', '顧客ID', 'ログインID', 'ここに', '入力'] as const;
export const SAMPLE_VALUES = ['xxxxx', '012345', '123456789'] as const;

/** Empty, white space only (JavaScript white space, incl. U+3000 and line breaks), or `null`/`undefined`/`NaN` as text. */
export function isEmptyValue(s: string | null | undefined): boolean {
  if (s === null || s === undefined) return true;
  const t = s.trim();
  return t === '' || EMPTY_WORDS.has(t.toLowerCase());
}

/**
 * Whether `s` is a placeholder, and which kind matched first (empty, sample, template, mask run,
 * Japanese word). `undefined` for a value that looks real.
 */
export function isPlaceholder(s: string | null | undefined): PlaceholderMatch | undefined {
  if (isEmptyValue(s)) return { kind: 'empty', match: s ?? '' };
  const value = s as string;
  const t = value.trim();
  // Japanese sites often use full-width digits and letters: compare the NFKC form too.
  const n = t.normalize('NFKC');
  for (const sample of SAMPLE_VALUES) if (t === sample || n === sample) return { kind: 'sample', match: sample };
  for (const token of TEMPLATE_TOKENS) if (value.includes(token)) return { kind: 'template', match: token };
  const pct = PERCENT_NAME.exec(value);
  if (pct) return { kind: 'template', match: pct[0] };
  const run = MASK_RUN.exec(n);
  if (run) return { kind: 'mask-run', match: run[0] };
  for (const word of JAPANESE_PLACEHOLDER_WORDS) {
    if (n.includes(word.normalize('NFKC'))) return { kind: 'japanese-word', match: word };
  }
  return undefined;
}

/** Server / client template expressions left unrendered: `<?php … ?>`, `<%= … %>`, `{{ … }}`, `{% … %}`, `${ … }`, `#{ … }`. */
const TEMPLATE_EXPRESSION = /<\?[\s\S]*?\?>|<%[\s\S]*?%>|\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|[$#]\{[^{}]*\}/g;

/**
 * The value is nothing but unrendered template expressions (`<?php echo $TPL_VAR["id"]?>`,
 * `{{ customer.id }}`): the template's text, not a member's value. It is shown, never masked, so
 * the reader sees which template variable was not rendered.
 */
export function isTemplateExpression(s: string): boolean {
  if (s.length > 500 || !TEMPLATE_TOKENS.some((t) => s.includes(t))) return false;
  return s.replace(TEMPLATE_EXPRESSION, '').trim() === '' && s.trim() !== '';
}

/** The first unrendered template expression in a line of source (evidence for a syntax error it caused). */
export function templateExpressionIn(line: string): string | undefined {
  TEMPLATE_EXPRESSION.lastIndex = 0;
  const m = TEMPLATE_EXPRESSION.exec(line.length > 2000 ? line.slice(0, 2000) : line);
  return m ? m[0] : undefined;
}
