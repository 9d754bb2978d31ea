/**
 * Recognise a file by its content, the way support staff receive them: a saved HTML page, a HAR
 * export, the `/login` Request Payload copied from DevTools, a Channel Talk boot option object,
 * or a snapshot (extension export, `renkei analyze --format json`, `renkei check --out`).
 *
 * Pure: bytes in, typed evidence out. Throws only InputError (the file cannot be used), with a
 * one-line reason. Bounded: file size, JSON nesting depth (checked by a cheap scan before
 * JSON.parse), HAR entries, request body size.
 */
import { readDocument, readExtent, type ReadPage } from './checklists/read-fields';
import { recogniseFromRead } from './checklists/recognise';
import { harObjectToSession, isHarObject, type HarOptions } from './har';
import { parseHtmlPage, parseHtmlPageAndDocument } from './html';
import { InputError, oneLine } from './input-error';
import { addLimit } from './limits';
import type { InputLimit, LoginState, NetworkRequest, Page, Session, TagCall } from './model';
import { Snapshot } from './snapshot';
import { sourceLangOfName } from './source-parser';
import { DEFAULT_DEPTH_LIMIT, fromJson } from './static-value';
import { decodeBytes, latin1ToUtf8, type DecodedText } from './text-decode';

export const INPUT_LIMITS = {
  /** biggest file accepted */
  maxBytes: 200 * 1024 * 1024,
  /** deepest JSON nesting accepted (HARs and snapshots are about 10 deep) */
  maxJsonDepth: 256,
  /** a `/login` payload file is kept up to this many characters */
  maxPayloadChars: 65_536,
} as const;

export type InputKind = 'har' | 'snapshot' | 'login-payload' | 'channeltalk-boot' | 'settings-page' | 'html' | 'script';

interface Base {
  /** file name as given (used in messages and synthetic URLs) */
  name: string;
  /** text encoding the file was read with */
  encoding: string;
}

export type RecognisedInput =
  | (Base & { kind: 'har'; session: Session })
  | (Base & { kind: 'snapshot'; snapshot: Snapshot })
  | (Base & { kind: 'login-payload'; body: string; bodyTruncated: boolean; contentType: string })
  | (Base & { kind: 'channeltalk-boot'; page: Page })
  /** a settings page (ECAI, LINE Official Account Manager, LINE Developers, Luxliner): evaluated against its checklist */
  | (Base & {
      kind: 'settings-page';
      page: Page;
      html: string;
      url: string;
      checklistId: string;
      settingsPage: string;
      /** the reader's parse of `html`, for the checklist evaluation (the page is not parsed again) */
      read?: ReadPage;
    })
  | (Base & { kind: 'html' | 'script'; page: Page });

export interface RecogniseOptions {
  /** URL of an HTML page (else `https://unknown.invalid/NAME`) */
  url?: string;
  /** prefix for page / request ids, unique per file in a session */
  idPrefix?: string;
  /** HAR bounds */
  har?: Omit<HarOptions, 'idPrefix'>;
  /** override INPUT_LIMITS.maxBytes (tests) */
  maxBytes?: number;
}

/** The URL an HTML file stands for when none is given. */
export function syntheticUrl(name: string): string {
  const base = name.split(/[\\/]/).pop() || 'page.html';
  return `https://unknown.invalid/${encodeURIComponent(base)}`;
}

/**
 * Deepest nesting of `[`/`{` in a JSON text, stopping as soon as `max` is exceeded. Strings are
 * skipped with indexOf, so big HARs (long body strings) are scanned at memory speed; the rest is
 * read a character at a time (about twice as fast as a regular expression finding the next
 * bracket or quote, whose call costs more than the few characters between two strings).
 */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // skip the string: find the closing quote not preceded by an odd number of backslashes
      let j = i + 1;
      for (;;) {
        j = text.indexOf('"', j);
        if (j < 0) return false;
        let k = j - 1;
        while (text.charCodeAt(k) === 92) k--;
        if ((j - 1 - k) % 2 === 0) break;
        j++;
      }
      i = j + 1;
    } else {
      if (c === 91 || c === 123) {
        if (++depth > max) return true;
      } else if (c === 93 || c === 125) depth--;
      i++;
    }
  }
  return false;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function firstNonSpace(text: string): string {
  const m = /\S/.exec(text.length > 4096 ? text.slice(0, 4096) : text);
  return m ? m[0] : '';
}

const HTML_MARKUP = /<(?:!doctype|!--|\/?[a-z][a-z0-9-]*)(?:[\s/>])/i;
const TAG_CALL = /\b(?:OkskyChat|ChannelIO|ChannelService)\s*[(.]|okskychat\.net|oksky-chat\.net|ok-sky\.com|channel\.io/;
const FORM_LOGIN_PAYLOAD = /^query(?:=|\[|%5B)/i;

function zodReason(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const first = error.issues[0];
  if (!first) return 'schema';
  const path = first.path.map(String).join('.') || '(root)';
  return `${path}: ${first.message}`;
}

function emptyPage(id: string, url: string): Page {
  return { id, url, state: { value: 'unknown', source: 'inferred', hints: [] }, scripts: [], scriptUrls: [], runtimeCalls: [] };
}

/**
 * Size checks and text decoding of a file's bytes. Separate from recogniseText so a caller
 * holding a big file can drop the bytes before the text is parsed.
 */
export function decodeInput(bytes: Uint8Array, opts: { maxBytes?: number } = {}): DecodedText {
  const maxBytes = opts.maxBytes ?? INPUT_LIMITS.maxBytes;
  if (bytes.length === 0) throw new InputError('empty');
  if (bytes.length > maxBytes) throw new InputError('too-large', { size: bytes.length, limit: maxBytes });
  return decodeBytes(bytes);
}

/** Recognise one file. Throws InputError (without the file name; the caller adds it). */
export function recogniseInput(bytes: Uint8Array, name: string, opts: RecogniseOptions = {}): RecognisedInput {
  const decoded = decodeInput(bytes, opts);
  return recogniseText(decoded.text, name, { ...opts, encoding: decoded.encoding });
}

/**
 * Recognise already decoded text (the extension's file picker, tests, the CLI).
 * `latin1`: the text is a JSON file's valid UTF-8 bytes read as Latin-1 (the CLI does this for big
 * JSON files to halve their memory); strings are decoded back where they are kept.
 */
export function recogniseText(text: string, name: string, opts: RecogniseOptions & { encoding?: string; latin1?: boolean } = {}): RecognisedInput {
  const encoding = opts.encoding ?? 'utf-8';
  const prefix = opts.idPrefix ?? '';
  const first = firstNonSpace(text);
  if (first === '') throw new InputError('blank');
  if (opts.latin1 && first !== '{' && first !== '[') return recogniseText(latin1ToUtf8(text), name, { ...opts, latin1: false });

  if (first === '{' || first === '[') {
    if (jsonDepthExceeds(text, INPUT_LIMITS.maxJsonDepth)) {
      throw new InputError('json-too-deep', { max: INPUT_LIMITS.maxJsonDepth });
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw new InputError('json-syntax', { detail: oneLine(e instanceof Error ? e.message : String(e), 160) });
    }
    if (opts.latin1) {
      if (isHarObject(value)) return { kind: 'har', name, encoding, session: harObjectToSession(value, { ...opts.har, idPrefix: prefix, latin1: true, consume: true }) };
      // anything else is small: read it again as real text
      return recogniseText(latin1ToUtf8(text), name, { ...opts, latin1: false });
    }
    return recogniseJson(value, text, name, encoding, opts);
  }

  if (FORM_LOGIN_PAYLOAD.test(text.trimStart())) {
    const body = text.trim();
    return loginPayload(body, name, encoding, 'application/x-www-form-urlencoded');
  }

  const url = opts.url ?? syntheticUrl(name);
  const source = recogniseSource(text, name, url, prefix, encoding);
  if (source) return source;
  if (HTML_MARKUP.test(text)) {
    // one parse: the tag analysis builds the settings-page reader's DOM in its pass
    const extent = readExtent(text);
    const { page, document } = parseHtmlPageAndDocument(text, url, { id: `${prefix}p1` }, extent.chars);
    const read = readDocument(document, extent.truncated);
    const settings = recogniseFromRead(read, url);
    if (settings) return { kind: 'settings-page', name, encoding, page, html: text, url, checklistId: settings.checklistId, settingsPage: settings.page, read };
    return { kind: 'html', name, encoding, page };
  }
  if (TAG_CALL.test(text) && !/<\/script/i.test(text)) {
    // A bare tag snippet (pasted into a .txt / .js): one inline script starting at line 1, column 1.
    const page = parseHtmlPage(`<script>${text}</script>`, url, { id: `${prefix}p1` });
    if (page.scripts.length > 0) page.scripts[0] = { ...page.scripts[0], line: 1, column: 1 };
    return { kind: 'script', name, encoding, page };
  }
  throw new InputError('unrecognised');
}

/** Source files a web vendor writes, by extension (README "Source files"). */
export const SOURCE_EXTENSIONS = ['ts', 'tsx', 'mts', 'cts', 'jsx', 'js', 'mjs', 'cjs', 'vue', 'svelte', 'astro', 'php', 'jsp', 'erb', 'liquid', 'twig', 'njk', 'hbs', 'html', 'htm'] as const;
const COMPONENT_EXT = /\.(?:vue|svelte|astro)$/i;
/** Astro's component script: the `---` fenced block at the top of the file (TypeScript). */
const ASTRO_FRONTMATTER = /^(\s*)---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** The file names a source file by extension: the file is read as its language, not sniffed. */
export function isSourceFileName(name: string): boolean {
  const m = /\.([a-z]+)$/i.exec(name);
  return m !== null && (SOURCE_EXTENSIONS as readonly string[]).includes(m[1].toLowerCase());
}

/**
 * A TypeScript / JavaScript / JSX module (one script, lang by extension) or a Vue / Svelte / Astro
 * component (its `<script>` blocks with their `lang`, Astro's frontmatter as TypeScript; positions
 * are the file's). Undefined for other files (templates and HTML are read as HTML).
 */
function recogniseSource(text: string, name: string, url: string, prefix: string, encoding: string): RecognisedInput | undefined {
  const lang = sourceLangOfName(name);
  if (lang) {
    if (!TAG_CALL.test(text)) throw new InputError('unrecognised');
    const page = emptyPage(`${prefix}p1`, url);
    page.scripts = [{ text, line: 1, column: 1, type: 'module', ...(lang === 'js' ? {} : { lang }) }];
    return { kind: 'script', name, encoding, page };
  }
  if (!COMPONENT_EXT.test(name)) return undefined;
  const page = parseHtmlPage(text, url, { id: `${prefix}p1` });
  const front = /\.astro$/i.test(name) ? ASTRO_FRONTMATTER.exec(text) : null;
  if (front) {
    const line = 1 + (front[1].match(/\r\n|\n|\r/g)?.length ?? 0) + 1;
    page.scripts.unshift({ text: front[2], line, column: 1, type: 'module', lang: 'ts' });
  }
  // a component's scripts are modules (`import` at the top level)
  page.scripts = page.scripts.map((s) => (s.type === undefined ? { ...s, type: 'module' } : s));
  return { kind: 'html', name, encoding, page };
}

function loginPayload(text: string, name: string, encoding: string, contentType: string): RecognisedInput {
  const cut = text.length > INPUT_LIMITS.maxPayloadChars;
  return { kind: 'login-payload', name, encoding, body: cut ? text.slice(0, INPUT_LIMITS.maxPayloadChars) : text, bodyTruncated: cut, contentType };
}

function recogniseJson(value: unknown, text: string, name: string, encoding: string, opts: RecogniseOptions): RecognisedInput {
  const prefix = opts.idPrefix ?? '';
  if (isObj(value) && isObj(value.log) && !isHarObject(value)) {
    throw new InputError('har-invalid');
  }
  if (isHarObject(value)) {
    return { kind: 'har', name, encoding, session: harObjectToSession(value, { ...opts.har, idPrefix: prefix, consume: true }) };
  }
  if (isObj(value) && isObj(value.tool) && value.tool.name === 'renkei-doctor') {
    const parsed = Snapshot.safeParse(value);
    if (!parsed.success) throw new InputError('snapshot-invalid', { detail: oneLine(zodReason(parsed.error), 200) });
    return { kind: 'snapshot', name, encoding, snapshot: parsed.data };
  }
  if (isObj(value) && 'query' in value) {
    return loginPayload(text.trim(), name, encoding, 'application/json');
  }
  if (isObj(value) && 'pluginKey' in value) {
    const page = emptyPage(`${prefix}p1`, opts.url ?? syntheticUrl(name));
    const raw = JSON.stringify(value);
    const call: TagCall = {
      vendor: 'channeltalk',
      form: 'snippet',
      name: 'boot',
      args: [fromJson(value)],
      global: 'ChannelIO',
      origin: 'static',
      raw: `ChannelIO('boot', ${raw.length > 2000 ? `${raw.slice(0, 2000)}…` : raw})`,
    };
    page.runtimeCalls = [call];
    // values nested deeper than the conversion bound are read as "unknown": say so
    if (jsonDepthExceeds(text, DEFAULT_DEPTH_LIMIT)) page.limits = [{ kind: 'json-depth', skipped: 0, unit: 'items', limit: DEFAULT_DEPTH_LIMIT }];
    return { kind: 'channeltalk-boot', name, encoding, page };
  }
  throw new InputError('unrecognised-json');
}

// ---------------------------------------------------------------------------------------------
// Several files → one session

export interface AssembleOptions {
  /** explicit login state for every page (CLI --state) */
  state?: LoginState;
  /** URL of the synthetic page a lone `/login` payload is attached to */
  url?: string;
}

/** Known OK SKY widget hosts mentioned by a page (for the URL of a pasted `/login` payload). */
function widgetHostOf(page: Page | undefined): string | undefined {
  if (!page) return undefined;
  const re = /https?:\/\/((?:[a-z0-9-]+\.)+(?:okskychat\.net|oksky-chat\.net))\b/i;
  for (const u of page.scriptUrls) {
    const m = re.exec(u);
    if (m) return m[1].toLowerCase();
  }
  for (const s of page.scripts) {
    const m = re.exec(s.text.length > 200_000 ? s.text.slice(0, 200_000) : s.text);
    if (m) return m[1].toLowerCase();
  }
  return undefined;
}

/**
 * Files given together form one session, in the given order. A `/login` payload becomes a
 * POST on the page before it (or on a synthetic page when it comes first). Snapshots cannot
 * be merged into a session: the caller handles them.
 */
export function assembleSession(inputs: RecognisedInput[], opts: AssembleOptions = {}): Session {
  const pages: Page[] = [];
  const requests: NetworkRequest[] = [];
  const dropped = { pages: 0, requests: 0 };
  const limits: InputLimit[] = [];
  let lastTime = 0;
  let synthetic = 0;

  const addPage = (page: Page) => {
    if (page.time === undefined || !Number.isFinite(page.time)) page.time = lastTime + 1000;
    lastTime = Math.max(lastTime, page.time);
    pages.push(page);
  };

  inputs.forEach((input, fileIndex) => {
    switch (input.kind) {
      case 'har': {
        for (const p of input.session.pages) addPage(p);
        for (const r of input.session.requests) {
          requests.push(r);
          lastTime = Math.max(lastTime, r.time);
        }
        if (input.session.dropped) {
          dropped.pages += input.session.dropped.pages;
          dropped.requests += input.session.dropped.requests;
        }
        for (const l of input.session.limits ?? []) addLimit(limits, l);
        break;
      }
      case 'html':
      case 'script':
      case 'settings-page':
      case 'channeltalk-boot':
        addPage(input.page);
        break;
      case 'login-payload': {
        let page = pages[pages.length - 1];
        if (!page) {
          synthetic++;
          page = emptyPage(`f${fileIndex + 1}:s${synthetic}`, opts.url ?? syntheticUrl(input.name));
          addPage(page);
        }
        // The widget's own host when the page names it; the payload's origin is otherwise unknown.
        const host = widgetHostOf(page) ?? 'okskychat.net';
        const req: NetworkRequest = {
          id: `f${fileIndex + 1}:login`,
          url: `https://${host}/login`,
          method: 'POST',
          type: 'xhr',
          body: input.body,
          contentType: input.contentType,
          time: (page.time ?? lastTime) + 1,
          pageId: page.id,
          pasted: true,
        };
        if (input.bodyTruncated) req.bodyTruncated = true;
        requests.push(req);
        break;
      }
      case 'snapshot':
        throw new InputError('snapshot-mixed');
    }
  });

  if (opts.state) {
    for (const p of pages) p.state = { value: opts.state, source: 'explicit', hints: [] };
  }
  requests.sort((a, b) => a.time - b.time);
  const session: Session = { pages, requests };
  if (dropped.pages > 0 || dropped.requests > 0) session.dropped = dropped;
  if (limits.length > 0) session.limits = limits;
  return session;
}
