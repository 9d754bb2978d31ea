/**
 * Page source → Page: inline scripts with where they start in the document (1-based line and
 * column), script URLs, title, CSP from <meta http-equiv>, and the login-state hints.
 *
 * Uses htmlparser2 (tolerant of broken HTML). Bounded: the document, each script, the number of
 * scripts, URLs and controls are capped; anything cut is marked `truncated`. Never throws.
 *
 * One parse per page: parseHtmlPageAndDocument also builds, in the same pass, the DOM the
 * settings-page reader reads (checklists/read-fields.ts), so an analysed HTML file is parsed once.
 */
import { sourceLangOfAttribute, type SourceLang } from './source-parser';
import { DomHandler, type Document } from 'domhandler';
import { Parser, type Handler } from 'htmlparser2';
import { addLimit } from './limits';
import { markerWindows, splitLongScript, VENDOR_MARKER_SOURCE } from './locate';
import { jsParses } from './locate-parse';
import type { InlineScript, InputLimit, LoginState, Page } from './model';
import { collapseSpace, explicitLoginState, inferLoginState, MAX_LOGIN_CONTROLS, type LoginControl } from './state';

/** Characters of HTML parsed (50 MB of HTML parse in about 0.3 s); the rest is recorded as a limit. */
export const MAX_HTML_CHARS = 128 * 1024 * 1024;
/**
 * Scripts beyond MAX_SCRIPTS (script URLs beyond MAX_SCRIPT_URLS) are still kept when they name a
 * vendor, up to this many more: the tag must be found wherever it is.
 */
export const MAX_EXTRA_VENDOR_SCRIPTS = 200;
const VENDOR_TEXT = new RegExp(VENDOR_MARKER_SOURCE, 'i');
const VENDOR_URL = /okskychat\.net|oksky-chat\.net|ok-sky\.com|channel\.io|channel-web-sdk-loader/i;
/** Characters kept per inline script. */
export const MAX_SCRIPT_CHARS = 2 * 1024 * 1024;
/** Inline scripts kept per page. */
export const MAX_SCRIPTS = 2_000;
/** Script URLs kept per page. */
export const MAX_SCRIPT_URLS = 2_000;
const MAX_TITLE = 500;
const MAX_CSP = 20_000;
const MAX_CONTROL_TEXT = 200;
/** checklists/read-fields.ts parses with the same options: the DOM built here is what it would build */
const PARSER_OPTIONS = { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true } as const;

export interface ParseHtmlOptions {
  /** explicit login state (panel toggle, CLI --state): wins over inference */
  state?: LoginState;
  /** ms since epoch when the page was loaded or captured */
  time?: number;
  id?: string;
}

/**
 * Line starts of a text. Line breaks are `\r\n`, `\n` and `\r` (as editors count them).
 * Positions are 1-based lines and 1-based columns in UTF-16 code units (as DevTools shows them).
 */
export class LineIndex {
  private readonly starts: number[];

  constructor(text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  /** 1-based line and column of an offset */
  position(offset: number): { line: number; column: number } {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  }

  /** offset of the start of a 1-based line (clamped) */
  lineStart(line: number): number {
    const i = Math.max(0, Math.min(this.starts.length - 1, line - 1));
    return this.starts[i];
  }

  get lineCount(): number {
    return this.starts.length;
  }
}

/**
 * LineIndex#position for offsets asked in increasing order (the starts of a page's scripts): the
 * line breaks before each offset are counted as it goes (indexOf), instead of indexing every line
 * of the page first. Text with `\r` (which also breaks lines) uses a LineIndex. Same results.
 */
export function scriptPositions(text: string): (offset: number) => { line: number; column: number } {
  if (text.includes('\r')) {
    const index = new LineIndex(text);
    return (offset) => index.position(offset);
  }
  let at = 0;
  let line = 1;
  let lineStart = 0;
  return (offset) => {
    if (offset < at) {
      at = 0;
      line = 1;
      lineStart = 0;
    }
    for (let i = text.indexOf('\n', at); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    at = Math.max(at, offset);
    return { line, column: offset - lineStart + 1 };
  };
}

const CLASSIC_TYPES = new Set([
  '',
  'text/javascript',
  'application/javascript',
  'application/ecmascript',
  'application/x-ecmascript',
  'application/x-javascript',
  'text/ecmascript',
  'text/javascript1.0',
  'text/javascript1.1',
  'text/javascript1.2',
  'text/javascript1.3',
  'text/javascript1.4',
  'text/javascript1.5',
  'text/jscript',
  'text/livescript',
  'text/x-ecmascript',
  'text/x-javascript',
]);

/** undefined for classic JavaScript, else the normalised type (`module`, `application/json`, ...) */
function scriptType(attr: string | undefined): string | undefined {
  if (attr === undefined) return undefined;
  const t = attr.trim().toLowerCase();
  const mime = t.split(';')[0].trim();
  if (CLASSIC_TYPES.has(mime)) return undefined;
  return t.slice(0, 100);
}

function resolveUrl(src: string, base: string): string {
  const s = src.trim();
  try {
    return new URL(s, base).href;
  } catch {
    return s;
  }
}

function collapse(text: string, max: number): string {
  if (text === '') return text;
  const t = collapseSpace(text);
  return t.length > max ? t.slice(0, max) : t;
}

interface OpenScript {
  start: number;
  chunks: string[];
  length: number;
  truncated: boolean;
  type?: string;
  /** `<script lang="ts">` (Vue, Svelte, Astro): TypeScript / JSX for the injected source parser */
  lang?: SourceLang;
  /** a src script: its content does not run */
  external: boolean;
}

interface OpenControl {
  control: LoginControl;
  fallback: string;
}

/**
 * Parses a page's HTML. `url` is the page URL (script srcs are resolved against it or <base href>).
 */
export function parseHtmlPage(html: string, url: string, opts: ParseHtmlOptions = {}): Page {
  return parse(html, url, opts, undefined).page;
}

/**
 * parseHtmlPage, and in the same htmlparser2 pass the DOM (domhandler) of the page's first
 * `domChars` characters: the settings-page reader's input (readExtent), read with readDocument.
 * The DOM is what `parseDocument(html.slice(0, domChars))` gives (same parser options); when the
 * page is longer, only what was read before the cut is in it (an unfinished tag or comment at the
 * cut is left out), and the DOM's memory stays bounded by `domChars` whatever the page's size.
 */
export function parseHtmlPageAndDocument(html: string, url: string, opts: ParseHtmlOptions, domChars: number): { page: Page; document: Document } {
  const r = parse(html, url, opts, Math.max(0, domChars));
  return { page: r.page, document: r.document! };
}

function parse(html: string, url: string, opts: ParseHtmlOptions, domChars: number | undefined): { page: Page; document?: Document } {
  const input = typeof html === 'string' ? html : '';
  let truncated = input.length > MAX_HTML_CHARS;
  const text = truncated ? input.slice(0, MAX_HTML_CHARS) : input;
  const limits: InputLimit[] = [];
  if (truncated) limits.push({ kind: 'html-chars', skipped: input.length - MAX_HTML_CHARS, unit: 'chars', limit: MAX_HTML_CHARS });
  let extraScripts = 0;
  let extraUrls = 0;

  const scripts: InlineScript[] = [];
  const rawSrcs: string[] = [];
  const cspParts: string[] = [];
  const controls: LoginControl[] = [];
  const openControls: OpenControl[] = [];
  let passwordField = false;
  let baseHref: string | undefined;
  let title: string | undefined;
  let titleText: string[] | undefined;
  let script: OpenScript | undefined;
  let parser: Parser | undefined;
  const position = scriptPositions(text);

  const addControl = (c: LoginControl) => {
    if (controls.length < MAX_LOGIN_CONTROLS) controls.push(c);
  };
  const closeControl = (name: string) => {
    for (let i = openControls.length - 1; i >= 0; i--) {
      const open = openControls[i];
      if ((name === 'a') === (open.control.kind === 'link')) {
        openControls.splice(i, 1);
        open.control.text = collapse(open.control.text, MAX_CONTROL_TEXT) || collapse(open.fallback, MAX_CONTROL_TEXT);
        addControl(open.control);
        return;
      }
    }
  };
  const appendControlText = (data: string) => {
    for (const open of openControls) {
      if (open.control.text.length < MAX_CONTROL_TEXT * 2) open.control.text += data.slice(0, MAX_CONTROL_TEXT * 2);
    }
  };

  const own = {
    onopentag(name: string, attribs: Record<string, string>) {
      const p = parser;
      if (!p) return;
      switch (name) {
        case 'script': {
          const src = attribs.src;
          if (src !== undefined && src.trim() !== '') {
            if (rawSrcs.length < MAX_SCRIPT_URLS) rawSrcs.push(src);
            else if (extraUrls < MAX_EXTRA_VENDOR_SCRIPTS && VENDOR_URL.test(src)) {
              extraUrls++;
              rawSrcs.push(src);
            } else {
              truncated = true;
              addLimit(limits, { kind: 'script-urls', skipped: 1, unit: 'items', limit: MAX_SCRIPT_URLS });
            }
          }
          script = {
            start: p.endIndex + 1,
            chunks: [],
            length: 0,
            truncated: false,
            type: scriptType(attribs.type),
            lang: sourceLangOfAttribute(attribs.lang),
            external: src !== undefined,
          };
          break;
        }
        case 'title':
          if (title === undefined && titleText === undefined) titleText = [];
          break;
        case 'base':
          if (baseHref === undefined && attribs.href) baseHref = attribs.href;
          break;
        case 'meta':
          if ((attribs['http-equiv'] ?? '').trim().toLowerCase() === 'content-security-policy' && attribs.content) {
            cspParts.push(attribs.content.slice(0, MAX_CSP));
          }
          break;
        case 'a':
          openControls.push({
            control: { kind: 'link', text: '', ...(attribs.href !== undefined ? { href: attribs.href.slice(0, 2_000) } : {}) },
            fallback: attribs['aria-label'] ?? attribs.title ?? '',
          });
          break;
        case 'button':
          openControls.push({
            control: { kind: 'button', text: '' },
            fallback: attribs['aria-label'] ?? attribs.title ?? attribs.value ?? '',
          });
          break;
        case 'img':
          if (openControls.length > 0 && attribs.alt) appendControlText(` ${attribs.alt} `);
          break;
        case 'input': {
          const type = (attribs.type ?? 'text').trim().toLowerCase();
          if (type === 'password') passwordField = true;
          else if (type === 'submit' || type === 'button' || type === 'image' || type === 'reset') {
            const label = attribs.value ?? attribs.alt ?? attribs['aria-label'] ?? attribs.title ?? '';
            addControl({ kind: 'button', text: collapse(label, MAX_CONTROL_TEXT) });
          }
          break;
        }
        default:
          break;
      }
    },
    ontext(data: string) {
      if (script) {
        if (script.external) return;
        const room = MAX_SCRIPT_CHARS - script.length;
        if (data.length > room) script.truncated = true;
        if (room > 0) {
          const part = data.length > room ? data.slice(0, room) : data;
          script.chunks.push(part);
          script.length += part.length;
        }
        return;
      }
      if (titleText) titleText.push(data.slice(0, MAX_TITLE * 2));
      if (openControls.length > 0) appendControlText(data);
    },
    onclosetag(name: string) {
      if (name === 'script' && script) {
        const s = script;
        script = undefined;
        if (s.external) return;
        const head = s.chunks.join('');
        // the whole text of a long script: the parser stands at its closing tag
        const end = s.truncated && parser ? Math.max(s.start, Math.min(parser.startIndex, text.length)) : s.start + head.length;
        if (scripts.length >= MAX_SCRIPTS) {
          const vendor = s.truncated ? markerWindows(text, s.start, end).markers > 0 : VENDOR_TEXT.test(head);
          if (!vendor || extraScripts >= MAX_EXTRA_VENDOR_SCRIPTS) {
            truncated = true;
            addLimit(limits, { kind: 'scripts', skipped: 1, unit: 'items', limit: MAX_SCRIPTS });
            return;
          }
          extraScripts++;
        }
        const pos = position(s.start);
        if (s.truncated) {
          // the head, then a fragment around each vendor marker of the rest (locate.ts)
          const split = splitLongScript(text.slice(s.start, end), pos, MAX_SCRIPT_CHARS, { type: s.type, scriptIndex: scripts.length, parses: jsParses });
          scripts.push(...split.scripts);
          if (split.limit) limits.push(split.limit);
          return;
        }
        const entry: InlineScript = { text: head, line: pos.line, column: pos.column };
        if (s.type !== undefined) entry.type = s.type;
        if (s.lang !== undefined && s.lang !== 'js') entry.lang = s.lang;
        scripts.push(entry);
      } else if (name === 'title' && titleText) {
        title = collapse(titleText.join(''), MAX_TITLE);
        titleText = undefined;
      } else if (name === 'a' || name === 'button') {
        closeControl(name);
      }
    },
  };

  // The reader's DOM, fed by the same parser until `domChars`; then it is closed and left alone.
  const dom = domChars !== undefined ? new DomHandler() : undefined;
  let sink = dom;
  const handler: Partial<Handler> = dom
    ? {
        onparserinit: (p) => dom.onparserinit(p),
        onopentag(name, attribs) {
          sink?.onopentag(name, attribs);
          own.onopentag(name, attribs);
        },
        ontext(data) {
          sink?.ontext(data);
          own.ontext(data);
        },
        onclosetag(name) {
          sink?.onclosetag();
          own.onclosetag(name);
        },
        oncomment: (data) => sink?.oncomment(data),
        oncommentend: () => sink?.oncommentend(),
        oncdatastart: () => sink?.oncdatastart(),
        oncdataend: () => sink?.oncdataend(),
        onprocessinginstruction: (name, data) => sink?.onprocessinginstruction(name, data),
        onend: () => sink?.onend(),
      }
    : own;
  parser = new Parser(handler, PARSER_OPTIONS);

  try {
    if (dom && domChars !== undefined && domChars < text.length) {
      parser.write(text.slice(0, domChars));
      dom.onend();
      sink = undefined;
      parser.write(text.slice(domChars));
    } else parser.write(text);
    parser.end();
  } catch {
    // htmlparser2 is tolerant; this only guards against the unexpected
    truncated = true;
  }
  parser = undefined;
  // controls left open at the end of the document
  while (openControls.length > 0) closeControl(openControls[openControls.length - 1].control.kind === 'link' ? 'a' : 'button');

  const base = baseHref !== undefined ? resolveUrl(baseHref, url) : url;
  const scriptUrls = rawSrcs.map((s) => resolveUrl(s, base));

  const state = opts.state ? explicitLoginState(opts.state) : inferLoginState({ controls, passwordField });

  const page: Page = {
    id: opts.id ?? url,
    url,
    state,
    scripts,
    scriptUrls,
    runtimeCalls: [],
  };
  if (title !== undefined && title !== '') page.title = title;
  if (opts.time !== undefined) page.time = opts.time;
  if (cspParts.length > 0) page.csp = cspParts.join(', ').slice(0, MAX_CSP);
  if (truncated) page.truncated = true;
  if (limits.length > 0) page.limits = limits;
  return { page, ...(dom ? { document: dom.root } : {}) };
}
