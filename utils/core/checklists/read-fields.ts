/**
 * Reads the fields of a settings page by their visible labels, the way an operator reads them.
 * The real admin pages' markup is unknown to us and changes, so nothing here depends on class
 * names or CSS paths: a field is a label and a value, associated by
 * `aria-labelledby`, `aria-label`, `<label for>`, a wrapping `<label>`, a table row (label cell →
 * value cell), a definition list (`dt` → `dd`), a fieldset legend, or a plain text label followed
 * by its value. Toggles are checkboxes, radio pairs (オン/オフ), `role="switch"` with
 * `aria-checked`, and `aria-pressed` buttons.
 *
 * Pure: htmlparser2 + domhandler, no DOM API. Bounded: input size, node count and field count are
 * capped, and every traversal is iterative (no recursion on hostile nesting depth).
 *
 * readPage parses the HTML itself (the extension's popup). The CLI reads the DOM the tag analysis
 * built in its own pass (html.ts parseHtmlPageAndDocument over readExtent, then readDocument):
 * one parse per page.
 */
import { parseDocument } from 'htmlparser2';
import { type AnyNode, type Document, type Element, hasChildren, isTag, isText } from 'domhandler';
import { collapseSpace, normaliseLabel, onOffWord } from './normalise';

export type FieldControl = 'text' | 'password' | 'textarea' | 'select' | 'checkbox' | 'radio' | 'switch' | 'pressed' | 'static';
export type FieldVia = 'aria-labelledby' | 'aria-label' | 'label-for' | 'label-wrap' | 'table' | 'dl' | 'fieldset' | 'text' | 'own-text';

export interface FieldOption {
  label: string;
  value: string;
  selected: boolean;
}

export interface Field {
  /** the label as shown (white space collapsed) */
  label: string;
  /** the normalised label (normaliseLabel) */
  key: string;
  control: FieldControl;
  via: FieldVia;
  /** the text value: input value, selected option(s), static text; '' for a bare toggle */
  value: string;
  /** toggles (checkbox, switch, pressed, on/off radios or selects, static オン/オフ): the state */
  on?: boolean;
  /** radios, selects, checkbox groups */
  options?: FieldOption[];
  /** enclosing headings, legends and labelled sections, outermost first */
  sections: string[];
  disabled?: boolean;
  /** the value was cut to the size bound */
  truncated?: boolean;
  /** document order */
  order: number;
}

export interface PageTable {
  headers: string[];
  rows: string[][];
  sections: string[];
}

export interface ReadPage {
  title: string;
  fields: Field[];
  tables: PageTable[];
  headings: string[];
  /** visible text, white space collapsed, bounded */
  text: string;
  /** the input or the tree was cut to the bounds */
  truncated: boolean;
}

export const READ_LIMITS = {
  htmlChars: 3_000_000,
  nodes: 200_000,
  fields: 2_000,
  valueChars: 2_000,
  labelChars: 120,
  textChars: 200_000,
  tables: 200,
  rowsPerTable: 500,
  depth: 1_500,
  controls: 3_000,
  headings: 2_000,
  groupSize: 200,
} as const;

const SKIP_TEXT = new Set(['script', 'style', 'template', 'noscript', 'head', 'svg', 'math']);
const INLINE = new Set(['span', 'b', 'strong', 'em', 'i', 'small', 'br', 'a', 'code', 'label', 'abbr', 'sup', 'sub', 'u', 'mark', 'font', 'wbr', 'img']);
const HEADING = /^h[1-6]$/;
const TEXT_INPUT_TYPES = new Set(['', 'text', 'email', 'url', 'number', 'tel', 'search', 'password', 'date', 'time', 'datetime-local', 'month']);

function attr(el: Element, name: string): string | undefined {
  const v = el.attribs[name];
  return v === undefined ? undefined : v;
}

function isHidden(el: Element): boolean {
  if (attr(el, 'hidden') !== undefined) return true;
  if (attr(el, 'aria-hidden') === 'true') return true;
  const style = attr(el, 'style');
  if (style && /display\s*:\s*none/i.test(style)) return true;
  return false;
}

function role(el: Element): string {
  return (attr(el, 'role') ?? '').trim().toLowerCase();
}

/** Is `el` a form control or a toggle we read? */
function controlKind(el: Element): FieldControl | undefined {
  const name = el.name;
  if (name === 'input') {
    const type = (attr(el, 'type') ?? '').toLowerCase();
    if (type === 'checkbox') return 'checkbox';
    if (type === 'radio') return 'radio';
    if (type === 'password') return 'password';
    if (TEXT_INPUT_TYPES.has(type)) return 'text';
    return undefined;
  }
  if (name === 'textarea') return 'textarea';
  if (name === 'select') return 'select';
  const r = role(el);
  if (r === 'switch' || r === 'checkbox') return 'switch';
  if (r === 'radio') return 'radio';
  if (attr(el, 'aria-pressed') !== undefined && (name === 'button' || r === 'button')) return 'pressed';
  return undefined;
}

/** Iterative text of a subtree, skipping scripts and hidden parts and (optionally) some subtrees. */
function textOf(node: AnyNode, limit: number = READ_LIMITS.valueChars, skip?: (el: Element) => boolean): string {
  const out: string[] = [];
  let len = 0;
  const stack: AnyNode[] = [node];
  while (stack.length > 0 && len < limit) {
    const n = stack.pop()!;
    if (isText(n)) {
      out.push(n.data);
      len += n.data.length;
      continue;
    }
    if (isTag(n)) {
      if (n !== node && (SKIP_TEXT.has(n.name) || isHidden(n) || (skip && skip(n)))) continue;
      if (n.name === 'br') out.push(' ');
      if (n.name === 'img' && n.attribs.alt) out.push(` ${n.attribs.alt} `);
      const kids = n.children;
      // block elements separate words
      out.push(' ');
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
    } else if (hasChildren(n)) {
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
    }
  }
  const text = collapseSpace(out.join(''));
  return text.length > limit ? text.slice(0, limit) : text;
}

function elementChildren(el: Element): Element[] {
  return el.children.filter((c): c is Element => isTag(c));
}

function containsControl(node: AnyNode, ctrlSet: Set<Element>): boolean {
  const stack: AnyNode[] = [node];
  let seen = 0;
  while (stack.length > 0 && seen < 1_000) {
    const n = stack.pop()!;
    seen++;
    if (isTag(n)) {
      if (ctrlSet.has(n)) return true;
      for (const c of n.children) stack.push(c);
    }
  }
  return false;
}

/** A "leaf" for text pairs: no element children other than inline formatting. */
function isLeafText(el: Element): boolean {
  const stack: AnyNode[] = [...el.children];
  let seen = 0;
  while (stack.length > 0) {
    if (++seen > 200) return false;
    const n = stack.pop()!;
    if (isTag(n)) {
      if (!INLINE.has(n.name)) return false;
      stack.push(...n.children);
    }
  }
  return true;
}

function isLabelLike(text: string): boolean {
  if (text.length === 0 || text.length > 60) return false;
  if (/[。．]$/u.test(text)) return false;
  if (onOffWord(text) !== undefined) return false;
  return true;
}

interface Walked {
  order: Map<AnyNode, number>;
  byId: Map<string, Element>;
  labelsFor: Map<string, Element[]>;
  controls: Element[];
  /** headings in document order with their level (1–6) */
  headings: { order: number; level: number; text: string }[];
  title: string;
  truncated: boolean;
  elements: Element[];
}

function walk(root: AnyNode): Walked {
  const order = new Map<AnyNode, number>();
  const byId = new Map<string, Element>();
  const labelsFor = new Map<string, Element[]>();
  const controls: Element[] = [];
  const headings: Walked['headings'] = [];
  const elements: Element[] = [];
  let title = '';
  let truncated = false;
  const stack: { node: AnyNode; hidden: boolean }[] = [{ node: root, hidden: false }];
  let n = 0;
  while (stack.length > 0) {
    const { node, hidden } = stack.pop()!;
    if (++n > READ_LIMITS.nodes) {
      truncated = true;
      break;
    }
    order.set(node, n);
    if (isTag(node)) {
      const h = hidden || isHidden(node);
      if (node.name === 'title' && !title) title = textOf(node, 300);
      if (!h) {
        elements.push(node);
        const id = attr(node, 'id');
        if (id && !byId.has(id)) byId.set(id, node);
        if (node.name === 'label') {
          const f = attr(node, 'for');
          if (f) labelsFor.set(f, [...(labelsFor.get(f) ?? []), node]);
        }
        const kind = controlKind(node);
        if (kind && !(node.name === 'input' && (attr(node, 'type') ?? '').toLowerCase() === 'hidden')) {
          if (controls.length < READ_LIMITS.controls) controls.push(node);
          else truncated = true;
        }
        const r = role(node);
        if (HEADING.test(node.name) || r === 'heading') {
          const level = HEADING.test(node.name) ? Number(node.name[1]) : Number(attr(node, 'aria-level') ?? 2) || 2;
          const text = textOf(node, READ_LIMITS.labelChars);
          if (text && headings.length < READ_LIMITS.headings) headings.push({ order: n, level, text });
        }
      } else if (attr(node, 'id')) {
        // hidden elements can still name others via aria-labelledby
        const id = attr(node, 'id')!;
        if (!byId.has(id)) byId.set(id, node);
      }
      if (SKIP_TEXT.has(node.name) && node.name !== 'head') continue;
      const kids = node.children;
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i], hidden: h });
    } else if ('children' in node && Array.isArray((node as { children?: AnyNode[] }).children)) {
      const kids = (node as { children: AnyNode[] }).children;
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i], hidden });
    }
  }
  return { order, byId, labelsFor, controls, headings, title, truncated, elements };
}

function ancestors(el: AnyNode, max = 64): Element[] {
  const out: Element[] = [];
  let p = el.parent;
  while (p && out.length < max) {
    if (isTag(p)) out.push(p);
    p = p.parent;
  }
  return out;
}

class Reader {
  readonly w: Walked;
  readonly ctrlSet: Set<Element>;

  constructor(w: Walked) {
    this.w = w;
    this.ctrlSet = new Set(w.controls);
  }

  orderOf(n: AnyNode): number {
    return this.w.order.get(n) ?? 0;
  }

  /** text of an element without the controls inside it (a wrapping label's own words) */
  textWithoutControls(el: Element): string {
    return textOf(el, READ_LIMITS.labelChars, (c) => this.ctrlSet.has(c) || c.name === 'select' || c.name === 'textarea' || c.name === 'option');
  }

  labelledBy(el: Element): string | undefined {
    const ids = attr(el, 'aria-labelledby');
    if (!ids) return undefined;
    const parts = ids
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 8)
      .map((id) => this.w.byId.get(id))
      .filter((x): x is Element => !!x)
      .map((x) => textOf(x, READ_LIMITS.labelChars));
    const t = collapseSpace(parts.join(' '));
    return t || undefined;
  }

  /** A control's own label: aria-labelledby, aria-label, label[for], wrapping label. */
  ownLabel(el: Element): { text: string; via: FieldVia } | undefined {
    const lb = this.labelledBy(el);
    if (lb) return { text: lb, via: 'aria-labelledby' };
    const al = attr(el, 'aria-label');
    if (al && collapseSpace(al)) return { text: collapseSpace(al).slice(0, READ_LIMITS.labelChars), via: 'aria-label' };
    const id = attr(el, 'id');
    if (id) {
      for (const l of this.w.labelsFor.get(id) ?? []) {
        const t = this.textWithoutControls(l);
        if (t) return { text: t, via: 'label-for' };
      }
    }
    for (const a of ancestors(el, 8)) {
      if (a.name === 'label') {
        const t = this.textWithoutControls(a);
        if (t) return { text: t, via: 'label-wrap' };
        break;
      }
    }
    return undefined;
  }

  /**
   * The label a field's surroundings give: a table row's label cell, a `dt`, a fieldset legend,
   * or the text just before it.
   */
  contextLabel(el: Element): { text: string; via: FieldVia } | undefined {
    let cur: Element = el;
    for (let depth = 0; depth < 6; depth++) {
      const parent = cur.parent && isTag(cur.parent) ? cur.parent : undefined;
      // table row: the first cell (th preferred) that is not the one holding the control
      if ((cur.name === 'td' || cur.name === 'th' || role(cur) === 'cell' || role(cur) === 'gridcell') && parent) {
        const cells = elementChildren(parent).filter((c) => c.name === 'td' || c.name === 'th' || ['cell', 'gridcell', 'rowheader'].includes(role(c)));
        const idx = cells.indexOf(cur);
        const th = cells.slice(0, idx).find((c) => c.name === 'th' || role(c) === 'rowheader') ?? (idx > 0 ? cells[0] : undefined);
        if (th) {
          const t = this.textWithoutControls(th);
          if (t) return { text: t, via: 'table' };
        }
      }
      if (cur.name === 'dd' && parent) {
        const sibs = elementChildren(parent);
        for (let i = sibs.indexOf(cur) - 1; i >= 0; i--) {
          if (sibs[i].name === 'dt') {
            const t = this.textWithoutControls(sibs[i]);
            if (t) return { text: t, via: 'dl' };
            break;
          }
        }
      }
      if (cur.name === 'fieldset' && cur !== el) {
        const legend = elementChildren(cur).find((c) => c.name === 'legend');
        if (legend) {
          const t = this.textWithoutControls(legend);
          if (t) return { text: t, via: 'fieldset' };
        }
      }
      if ((role(cur) === 'radiogroup' || role(cur) === 'group') && cur !== el) {
        const own = this.labelledBy(cur) ?? (attr(cur, 'aria-label') ? collapseSpace(attr(cur, 'aria-label')!) : undefined);
        if (own) return { text: own, via: attr(cur, 'aria-labelledby') ? 'aria-labelledby' : 'aria-label' };
      }
      // text just before: a preceding sibling text node or label-like element
      let prev: AnyNode | null = cur.prev;
      let steps = 0;
      while (prev && steps++ < 6) {
        if (isText(prev)) {
          const t = collapseSpace(prev.data);
          if (t) {
            if (isLabelLike(t)) return { text: t.slice(0, READ_LIMITS.labelChars), via: 'text' };
            break;
          }
        } else if (isTag(prev)) {
          if (isHidden(prev) || SKIP_TEXT.has(prev.name) || prev.name === 'br') {
            prev = prev.prev;
            continue;
          }
          if (containsControl(prev, this.ctrlSet)) break;
          const t = textOf(prev, READ_LIMITS.labelChars + 1);
          if (t) {
            if (isLabelLike(t)) return { text: t, via: 'text' };
            break;
          }
        }
        prev = prev.prev;
      }
      if (!parent || parent.name === 'form' || parent.name === 'body' || parent.name === 'tr') break;
      // climb only while the parent holds nothing else that is a field
      const otherControls = elementChildren(parent).some((c) => c !== cur && containsControl(c, this.ctrlSet));
      if (otherControls && !(cur.name === 'td' || cur.name === 'th' || cur.name === 'dd')) break;
      cur = parent;
    }
    return undefined;
  }

  sectionsOf(node: AnyNode, ownLabel?: string): string[] {
    const ord = this.orderOf(node);
    // heading stack in effect at this point of the document
    const stack: { level: number; text: string }[] = [];
    for (const h of this.w.headings) {
      if (h.order >= ord) break;
      while (stack.length > 0 && stack[stack.length - 1].level >= h.level) stack.pop();
      stack.push({ level: h.level, text: h.text });
    }
    const out = stack.map((s) => s.text);
    for (const a of ancestors(node).reverse()) {
      if (a.name === 'fieldset') {
        const legend = elementChildren(a).find((c) => c.name === 'legend');
        if (legend) out.push(textOf(legend, READ_LIMITS.labelChars));
      } else if (a.name === 'section' || role(a) === 'region' || role(a) === 'group' || a.name === 'form') {
        const l = this.labelledBy(a) ?? attr(a, 'aria-label');
        if (l) out.push(collapseSpace(l));
      }
    }
    return out.filter((s) => s && s !== ownLabel);
  }
}

function optionsOfSelect(el: Element): { options: FieldOption[]; value: string } {
  const opts: FieldOption[] = [];
  const stack: AnyNode[] = [...el.children].reverse();
  while (stack.length > 0 && opts.length < 500) {
    const n = stack.pop()!;
    if (isTag(n)) {
      if (n.name === 'option') {
        const label = textOf(n, READ_LIMITS.labelChars);
        opts.push({ label, value: attr(n, 'value') ?? label, selected: attr(n, 'selected') !== undefined });
      } else if (n.name === 'optgroup') {
        for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
      }
    }
  }
  const multiple = attr(el, 'multiple') !== undefined;
  if (!multiple && opts.length > 0 && !opts.some((o) => o.selected)) opts[0].selected = true;
  const value = opts
    .filter((o) => o.selected)
    .map((o) => o.label || o.value)
    .join(', ');
  return { options: opts, value };
}

function isChecked(el: Element): boolean {
  if (el.name === 'input') return attr(el, 'checked') !== undefined;
  if (attr(el, 'aria-pressed') !== undefined) return attr(el, 'aria-pressed') === 'true';
  return attr(el, 'aria-checked') === 'true';
}

function lowestCommonAncestor(nodes: Element[]): Element | undefined {
  if (nodes.length === 0) return undefined;
  const first = [nodes[0], ...ancestors(nodes[0])];
  for (const cand of first.slice(1)) {
    const all = nodes.every((n) => ancestors(n).includes(cand));
    if (all) return cand;
  }
  return undefined;
}

/** The label of a group of options: its legend, its radiogroup/group name, else its surroundings. */
function groupLabel(r: Reader, container: Element): { text: string; via: FieldVia } | undefined {
  if (container.name === 'fieldset') {
    const legend = elementChildren(container).find((c) => c.name === 'legend');
    const t = legend ? textOf(legend, READ_LIMITS.labelChars) : '';
    if (t) return { text: t, via: 'fieldset' };
  }
  const lb = r.labelledBy(container);
  if (lb) return { text: lb, via: 'aria-labelledby' };
  const al = attr(container, 'aria-label');
  if (al && collapseSpace(al)) return { text: collapseSpace(al), via: 'aria-label' };
  return r.contextLabel(container);
}

/** The label of one option (radio) of a group: own label, else the text right after it. */
function optionLabel(r: Reader, el: Element): string {
  const own = r.ownLabel(el);
  if (own) return own.text;
  if (el.name !== 'input') {
    const t = textOf(el, READ_LIMITS.labelChars);
    if (t) return t;
  }
  let next: AnyNode | null = el.next;
  let steps = 0;
  while (next && steps++ < 4) {
    const t = isText(next) ? collapseSpace(next.data) : isTag(next) ? textOf(next, READ_LIMITS.labelChars) : '';
    if (t) return t.slice(0, READ_LIMITS.labelChars);
    next = next.next;
  }
  const own2 = textOf(el, READ_LIMITS.labelChars);
  return own2 || attr(el, 'value') || '';
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** tags whose end tag is optional: they do not nest without bound in real pages */
const OPTIONAL_END = new Set(['p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option', 'optgroup', 'thead', 'tbody', 'tfoot', 'colgroup', 'rb', 'rt', 'rp', 'caption']);

/**
 * htmlparser2 keeps its open-element stack with `unshift`, so parse time grows with the square of
 * the nesting depth. A cheap scan finds where the nesting first exceeds the bound; the page is cut
 * there (and reported truncated) instead of letting a hostile page hang the reader.
 */
function cutAtDepth(html: string): number | undefined {
  const re = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(\/?)>/gu;
  let depth = 0;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const name = m[2].toLowerCase();
    if (VOID.has(name) || OPTIONAL_END.has(name) || m[3] === '/') continue;
    if (m[1] === '/') depth = Math.max(0, depth - 1);
    else if (++depth > READ_LIMITS.depth) return m.index;
  }
  return undefined;
}

/** html.ts parses with the same options (PARSER_OPTIONS there): its DOM is what readPage would build */
const PARSER_OPTIONS = { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true } as const;

/**
 * How much of a page the reader reads: the first READ_LIMITS.htmlChars characters, cut where the
 * nesting first exceeds READ_LIMITS.depth; `truncated` when that is not the whole page.
 */
export function readExtent(html: string): { chars: number; truncated: boolean } {
  const input = typeof html === 'string' ? html : '';
  let chars = input.length;
  let truncated = false;
  if (chars > READ_LIMITS.htmlChars) {
    chars = READ_LIMITS.htmlChars;
    truncated = true;
  }
  const cut = cutAtDepth(chars < input.length ? input.slice(0, chars) : input);
  if (cut !== undefined) {
    chars = cut;
    truncated = true;
  }
  return { chars, truncated };
}

/** Parse a page and read its fields, tables, headings and text. Never throws on any input. */
export function readPage(html: string): ReadPage {
  const input = typeof html === 'string' ? html : '';
  const extent = readExtent(input);
  const doc = parseDocument(extent.chars < input.length ? input.slice(0, extent.chars) : input, PARSER_OPTIONS);
  return readDocument(doc, extent.truncated);
}

/**
 * Read a parsed page (the DOM of the page's first readExtent(html).chars characters, parsed with
 * PARSER_OPTIONS); `cut`: readExtent's `truncated`. Never throws on any input.
 */
export function readDocument(doc: Document, cut: boolean): ReadPage {
  let truncated = cut;
  const w = walk(doc);
  truncated ||= w.truncated;
  const r = new Reader(w);
  const fields: Field[] = [];
  const push = (f: Omit<Field, 'key' | 'sections' | 'order'> & { node: AnyNode }) => {
    if (fields.length >= READ_LIMITS.fields) {
      truncated = true;
      return;
    }
    const { node, ...rest } = f;
    const label = collapseSpace(rest.label).slice(0, READ_LIMITS.labelChars);
    let value = rest.value;
    let valueTruncated = rest.truncated;
    if (value.length > READ_LIMITS.valueChars) {
      value = value.slice(0, READ_LIMITS.valueChars);
      valueTruncated = true;
    }
    const field: Field = { ...rest, label, value, key: normaliseLabel(label), sections: r.sectionsOf(node, label), order: r.orderOf(node) };
    if (valueTruncated) field.truncated = true;
    else delete field.truncated;
    fields.push(field);
  };

  // 1. radios: grouped by name (or by their radiogroup)
  const radioGroups = new Map<string, Element[]>();
  const checkboxGroups = new Map<string, Element[]>();
  const pressedGroups = new Map<Element, Element[]>();
  for (const el of w.controls) {
    const kind = controlKind(el)!;
    if (kind === 'radio') {
      const rg = el.name === 'input' ? attr(el, 'name') : undefined;
      const container = ancestors(el, 10).find((a) => role(a) === 'radiogroup');
      const key = rg ? `name:${rg}` : container ? `rg:${r.orderOf(container)}` : `single:${r.orderOf(el)}`;
      const g = radioGroups.get(key) ?? [];
      if (g.length < READ_LIMITS.groupSize) g.push(el);
      radioGroups.set(key, g);
    } else if (kind === 'checkbox') {
      const name = attr(el, 'name');
      if (name) {
        const g = checkboxGroups.get(name) ?? [];
        if (g.length < READ_LIMITS.groupSize) g.push(el);
        checkboxGroups.set(name, g);
      }
    } else if (kind === 'pressed') {
      const t = textOf(el, READ_LIMITS.labelChars);
      if (onOffWord(t) !== undefined && el.parent && isTag(el.parent)) {
        const g = pressedGroups.get(el.parent) ?? [];
        if (g.length < READ_LIMITS.groupSize) g.push(el);
        pressedGroups.set(el.parent, g);
      }
    }
  }
  const grouped = new Set<Element>();
  for (const [, els] of pressedGroups) {
    if (els.length >= 2) for (const e of els) grouped.add(e);
  }

  for (const el of w.controls) {
    const kind = controlKind(el)!;
    const disabled = attr(el, 'disabled') !== undefined || attr(el, 'aria-disabled') === 'true' ? true : undefined;
    if (kind === 'radio' || grouped.has(el)) continue;
    if (kind === 'text' || kind === 'password' || kind === 'textarea') {
      const label = r.ownLabel(el) ?? r.contextLabel(el);
      if (!label) continue;
      const value = kind === 'textarea' ? textOf(el, READ_LIMITS.valueChars + 1) : (attr(el, 'value') ?? '');
      push({ node: el, label: label.text, via: label.via, control: kind, value, disabled });
    } else if (kind === 'select') {
      const label = r.ownLabel(el) ?? r.contextLabel(el);
      if (!label) continue;
      const { options, value } = optionsOfSelect(el);
      const on = onOffWord(value);
      push({ node: el, label: label.text, via: label.via, control: 'select', value, options, ...(on !== undefined ? { on } : {}), disabled });
    } else if (kind === 'checkbox' || kind === 'switch' || kind === 'pressed') {
      let own = r.ownLabel(el);
      if (!own && kind !== 'checkbox') {
        const t = textOf(el, READ_LIMITS.labelChars);
        if (t && onOffWord(t) === undefined) own = { text: t, via: 'own-text' };
      }
      if (!own && kind === 'checkbox') {
        // <input type=checkbox> LINE  (label text right after the box)
        const t = optionLabel(r, el);
        if (t && onOffWord(t) === undefined && isLabelLike(t)) own = { text: t, via: 'text' };
      }
      const ctx = !own || onOffWord(own.text) !== undefined ? r.contextLabel(el) : undefined;
      const label = ctx ?? own;
      if (!label) continue;
      push({ node: el, label: label.text, via: label.via, control: kind, value: '', on: isChecked(el), disabled });
    }
  }

  for (const [, radios] of radioGroups) {
    const options = radios.map((el) => ({ label: optionLabel(r, el), value: attr(el, 'value') ?? '', selected: isChecked(el) }));
    const lca = radios.length > 1 ? lowestCommonAncestor(radios) : radios[0].parent && isTag(radios[0].parent) ? (radios[0].parent as Element) : undefined;
    let label = lca ? groupLabel(r, lca) : undefined;
    // a wrapping <label> around a single option is the option, not the group
    if (label && options.some((o) => normaliseLabel(o.label) === normaliseLabel(label!.text))) label = undefined;
    if (!label) continue;
    const sel = options.find((o) => o.selected);
    const value = sel ? sel.label || sel.value : '';
    const on = sel ? (onOffWord(sel.label) ?? onOffWord(sel.value)) : undefined;
    push({ node: radios[0], label: label.text, via: label.via, control: 'radio', value, options, ...(on !== undefined ? { on } : {}) });
  }

  for (const [parent, els] of pressedGroups) {
    if (els.length < 2) continue;
    const options = els.map((el) => ({ label: textOf(el, READ_LIMITS.labelChars), value: attr(el, 'value') ?? '', selected: isChecked(el) }));
    const label = r.ownLabel(parent) ?? groupLabel(r, parent);
    if (!label) continue;
    const sel = options.find((o) => o.selected);
    const on = sel ? onOffWord(sel.label) : undefined;
    push({ node: els[0], label: label.text, via: label.via, control: 'pressed', value: sel?.label ?? '', options, ...(on !== undefined ? { on } : {}) });
  }

  // checkbox groups (通知先: LINE / チャットワーク): one field for the group as well
  for (const [, boxes] of checkboxGroups) {
    if (boxes.length < 2) continue;
    const lca = lowestCommonAncestor(boxes);
    if (!lca) continue;
    const gl = groupLabel(r, lca);
    if (!gl) continue;
    const options = boxes.map((el) => ({ label: optionLabel(r, el), value: attr(el, 'value') ?? '', selected: isChecked(el) }));
    const value = options
      .filter((o) => o.selected)
      .map((o) => o.label || o.value)
      .join(', ');
    push({ node: boxes[0], label: gl.text, via: gl.via, control: 'checkbox', value, options });
  }

  // 2. static pairs: table rows, definition lists, label text followed by the value
  const tables: PageTable[] = [];
  for (const el of w.elements) {
    if (fields.length >= READ_LIMITS.fields) {
      truncated = true;
      break;
    }
    if (el.name === 'tr') {
      const cells = elementChildren(el).filter((c) => c.name === 'td' || c.name === 'th');
      if (cells.length < 2) continue;
      const first = cells[0];
      if (containsControl(first, r.ctrlSet)) continue;
      const rest = cells.slice(1).filter((c) => !containsControl(c, r.ctrlSet));
      if (rest.length !== cells.length - 1) continue;
      const label = textOf(first, READ_LIMITS.labelChars + 1);
      // a header row is not a field
      if (cells.every((c) => c.name === 'th')) continue;
      if (!isLabelLike(label)) continue;
      const value = collapseSpace(rest.map((c) => cellValue(c)).join(' '));
      const on = onOffWord(value);
      push({ node: first, label, via: 'table', control: 'static', value, ...(on !== undefined ? { on } : {}) });
    } else if (el.name === 'dt') {
      if (containsControl(el, r.ctrlSet)) continue;
      let next = el.next;
      while (next && !isTag(next)) next = next.next;
      if (!next || !isTag(next) || next.name !== 'dd' || containsControl(next, r.ctrlSet)) continue;
      const label = textOf(el, READ_LIMITS.labelChars + 1);
      if (!isLabelLike(label)) continue;
      const value = cellValue(next);
      const on = onOffWord(value);
      push({ node: el, label, via: 'dl', control: 'static', value, ...(on !== undefined ? { on } : {}) });
    } else if (!['tr', 'td', 'th', 'dt', 'dd', 'option', 'select', 'textarea', 'button', 'legend', 'title', 'label', 'html', 'body', 'head', 'caption'].includes(el.name) && !HEADING.test(el.name) && isLeafText(el)) {
      if (ancestors(el, 12).some((a) => a.name === 'label' || a.name === 'button' || a.name === 'option' || a.name === 'td' || a.name === 'th' || a.name === 'dt' || a.name === 'dd' || a.name === 'select')) continue;
      const text = textOf(el, READ_LIMITS.valueChars + 1);
      const colon = /^([^:：/]{1,40}?)\s*[：:]\s*(\S.*)$/u.exec(text);
      if (colon && isLabelLike(colon[1]) && !/^(?:https?|\d+)$/i.test(colon[1].trim())) {
        push({ node: el, label: colon[1], via: 'text', control: 'static', value: colon[2].trim() });
        continue;
      }
      if (!isLabelLike(text)) continue;
      // the next sibling holds the value: a leaf element without controls, or a text node
      let next: AnyNode | null = el.next;
      while (next && isText(next) && !collapseSpace(next.data)) next = next.next;
      if (!next) continue;
      let value: string | undefined;
      if (isText(next)) value = collapseSpace(next.data);
      else if (isTag(next) && !containsControl(next, r.ctrlSet) && !HEADING.test(next.name) && !SKIP_TEXT.has(next.name) && isLeafText(next)) value = cellValue(next);
      if (!value) continue;
      const on = onOffWord(value);
      push({ node: el, label: text, via: 'text', control: 'static', value, ...(on !== undefined ? { on } : {}) });
    }
    if (el.name === 'table' && tables.length < READ_LIMITS.tables) {
      const t = readTable(el, r);
      if (t) tables.push(t);
    }
  }

  fields.sort((a, b) => a.order - b.order);
  return {
    title: w.title,
    fields,
    tables,
    headings: w.headings.map((h) => h.text),
    text: textOf(doc, READ_LIMITS.textChars),
    truncated,
  };
}

/** A value cell: its text, or a link's href when the link has no text. */
function cellValue(el: Element): string {
  const t = textOf(el, READ_LIMITS.valueChars + 1);
  if (t) return t;
  const stack: AnyNode[] = [el];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (isTag(n)) {
      if (n.name === 'a' && n.attribs.href) return n.attribs.href;
      stack.push(...n.children);
    }
  }
  return '';
}

function readTable(table: Element, r: Reader): PageTable | undefined {
  const rows: Element[] = [];
  const stack: AnyNode[] = [...table.children].reverse();
  while (stack.length > 0 && rows.length < READ_LIMITS.rowsPerTable + 1) {
    const n = stack.pop()!;
    if (!isTag(n) || n.name === 'table') continue;
    if (n.name === 'tr') rows.push(n);
    else for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  if (rows.length === 0) return undefined;
  const cellsOf = (tr: Element) => elementChildren(tr).filter((c) => c.name === 'td' || c.name === 'th');
  const headerRow = rows.find((tr) => cellsOf(tr).length > 0 && cellsOf(tr).every((c) => c.name === 'th'));
  const headers = headerRow ? cellsOf(headerRow).map((c) => textOf(c, READ_LIMITS.labelChars)) : [];
  const body = rows.filter((tr) => tr !== headerRow).map((tr) => cellsOf(tr).map((c) => cellValue(c)));
  return { headers, rows: body.slice(0, READ_LIMITS.rowsPerTable), sections: r.sectionsOf(table) };
}

/** The fields of a settings page, read by their labels. */
export function readFields(html: string): Field[] {
  return readPage(html).fields;
}
