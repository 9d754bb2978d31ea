/**
 * The relay (isolated-world content script, top frame): turns what the page holds into evidence
 * for the background.
 *
 * - listens to the probe's `window.postMessage` records, validates each (bounds first, then the
 *   shape: bounds.ts `checkProbeMessage`, equal to the zod schema but without loading zod on every page)
 *   and relays them as page-reported calls (`origin: 'runtime'`); forged or oversized messages
 *   are counted and dropped;
 * - at DOMContentLoaded: reads the live DOM's inline scripts with their line/column in the
 *   serialized document (serialized only up to the last inline script: `serializeUpTo`; on a page
 *   of more than 1,500 elements counted without serializing it: `placeByCount`), the
 *   script URLs, and the login-state controls — only when the page
 *   carries a vendor marker (a vendor script URL, a vendor name in an inline script, or a probe
 *   record). A page without any marker costs one pass over `document.scripts` and sends only its
 *   address and title (a `light` page: the panel says "no tag here" rather than "nothing captured
 *   yet"); it is reported in full as soon as a tag shows up later
 *   (a probe record, a CSP-blocked vendor URL: tag managers insert tags after DOMContentLoaded).
 *   The page's time is the navigation start (`performance.timeOrigin`).
 * - `securitypolicyviolation` events for vendor URLs (blocked by the page's CSP: the network
 *   never sees them).
 *
 * Every message is numbered and kept until the background acknowledges it, and sent again when
 * the worker was stopped while it held it (relay-outbox.ts); the calls recorded before the page
 * report travel with it (one message instead of two).
 */
import { splitLongScript } from '../core/locate';
import type { InputLimit, TagCall } from '../core/model';
import { checkProbeMessage, LIMITS, toRuntimeCall } from './bounds';
import { PROBE_CHANNEL } from './constants';
import type { RelayMsg, RelayPayload } from './protocol';
import { createOutbox, type Outbox, type OutboxOptions } from './relay-outbox';

/** A vendor host in a URL. */
export const VENDOR_URL_RE = /^https?:\/\/([a-z0-9-]+\.)*(okskychat\.net|oksky-chat\.net|ok-sky\.com|channel\.io)(:\d+)?\//i;
/** A vendor name in an inline script. */
export const VENDOR_TEXT_RE = /oksky|channelio|channel\.io|channelservice/i;

/** Of a vendor script over the bound, this much of the budget is kept for the fragments around its markers. */
const FRAGMENT_RESERVE = 48_000;
const JS_TYPES = /^(|text\/javascript|application\/javascript|text\/ecmascript|application\/ecmascript|module)$/i;

export interface RelayDeps {
  window: Window;
  /**
   * sends one message to the background and resolves with its answer: a `RelayAck` once the
   * message is stored; a message not acknowledged is sent again (relay-outbox.ts)
   */
  send(msg: RelayMsg): Promise<unknown> | unknown;
  /** the outbox's bounds and timers (tests) */
  outbox?: Omit<OutboxOptions, 'send' | 'doc'>;
  now?: () => number;
  /** delay before a batch of calls is sent (ms) */
  batchMs?: number;
  /** when the page started (default: the navigation start, `performance.timeOrigin`) */
  pageTime?: () => number;
}

export interface ScriptPosition {
  text: string;
  line: number;
  column: number;
  type?: string;
}

/**
 * Where each inline script's text starts in the serialized document (1-based line/column).
 * Script elements are serialized in tree order, so each is searched for after the previous one.
 */
export function locateScripts(html: string, scripts: { text: string; type?: string }[], lineOffset = 0): ScriptPosition[] {
  const out: ScriptPosition[] = [];
  let cursor = 0;
  let line = 1 + lineOffset;
  let lineStart = 0;
  let counted = 0;
  // counts the line breaks up to `to` (indexOf jumps: a char-by-char loop over a large document
  // was a few ms of the page's main thread)
  const advance = (to: number) => {
    for (let i = html.indexOf('\n', counted); i >= 0 && i < to; i = html.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    counted = Math.max(counted, to);
  };
  for (const s of scripts) {
    let start = -1;
    const open = html.indexOf('<script', cursor);
    if (open >= 0) {
      const gt = html.indexOf('>', open);
      if (gt >= 0 && html.startsWith(s.text, gt + 1)) start = gt + 1;
    }
    if (start < 0 && s.text.length > 0) start = html.indexOf(s.text, cursor);
    if (start < 0) {
      out.push({ text: s.text, line: Math.max(1, line), column: 1, ...(s.type ? { type: s.type } : {}) });
      continue;
    }
    advance(start);
    out.push({ text: s.text, line, column: start - lineStart + 1, ...(s.type ? { type: s.type } : {}) });
    cursor = start + s.text.length;
  }
  return out;
}

/**
 * `root.outerHTML` up to the end of `last` (a descendant), without serializing what follows it —
 * often most of the page when a tag sits in `<head>` or early in `<body>`. Equal to
 * `root.outerHTML.slice(0, n)` for the n that ends `last`'s serialization: the ancestors' start
 * tags and the preceding siblings come from the browser's own serializer (a start tag from a
 * childless copy made in an inert document, where no custom element constructor runs). When
 * nothing follows `last` at any level, the whole `root.outerHTML` is the cheaper call.
 */
export function serializeUpTo(root: Element, last: Element): string {
  const chain: Element[] = [];
  let following = false;
  for (let n: Element | null = last; n && n !== root; n = n.parentElement) {
    chain.push(n);
    // anything after it (even a text node: a big one costs the same) makes the prefix worth it
    if (!following && n.nextSibling) following = !(n.nextSibling.nodeType === 3 && n.nextSibling.nextSibling === null && (n.nextSibling.nodeValue ?? '').length < 256);
  }
  if (!following || chain[chain.length - 1]?.parentElement !== root) return root.outerHTML;
  const inert = root.ownerDocument.implementation.createHTMLDocument('');
  const startTag = (el: Element) => {
    const copy = inert.importNode(el, false) as Element;
    const html = copy.outerHTML;
    const end = html.lastIndexOf('</');
    return end > 0 ? html.slice(0, end) : html;
  };
  // text and comments serialized by the browser too (escaping depends on the parent element)
  const holders = new Map<string, Element>();
  const other = (node: ChildNode, parent: Element) => {
    const key = `${parent.namespaceURI ?? ''} ${parent.localName}`;
    let holder = holders.get(key);
    if (!holder) holders.set(key, (holder = inert.createElementNS(parent.namespaceURI, parent.localName)));
    holder.replaceChildren(inert.importNode(node, false));
    return holder.innerHTML;
  };
  const parts: string[] = [];
  let parent = root;
  // one call per preceding sibling: past a few thousand of them, one call for the whole page is cheaper
  let budget = 5_000;
  for (let i = chain.length - 1; i >= 0; i--) {
    const next = chain[i]!;
    parts.push(startTag(parent));
    for (let c = parent.firstChild; c && c !== next; c = c.nextSibling) {
      if (--budget < 0) return root.outerHTML;
      parts.push(c.nodeType === 1 ? (c as Element).outerHTML : other(c, parent));
    }
    parent = next;
  }
  parts.push(last.outerHTML);
  return parts.join('');
}

/**
 * Past this many elements, serializing the page to place its inline scripts costs the page
 * milliseconds (≈ 2 ms for a catalogue of 2,000 items): the scripts are placed by counting
 * (`placeByCount`) instead.
 */
export const SERIALIZE_MAX_ELEMENTS = 1_500;

/** characters the HTML serializer writes for a text node's data (escaped unless its parent holds raw text) */
const RAW_TEXT_PARENTS = /^(style|script|xmp|iframe|noembed|noframes|plaintext|noscript)$/;
function serializedTextLength(text: string, parent: Element | null): number {
  if (parent && parent.namespaceURI === 'http://www.w3.org/1999/xhtml' && RAW_TEXT_PARENTS.test(parent.localName)) return text.length;
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 38) n += 4; // &amp;
    else if (c === 60 || c === 62) n += 3; // &lt; &gt;
    else if (c === 160) n += 5; // &nbsp;
  }
  return n;
}

function countBreaks(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * The serialized length of what precedes `el` on its line, among its siblings (undefined when no
 * sibling within a few holds a line break: the caller serializes).
 */
function restOfLine(el: Element): number | undefined {
  const parent = el.parentElement;
  let n = 0;
  let steps = 0;
  for (let p = el.previousSibling; p && steps < 32; p = p.previousSibling, steps++) {
    let text: string;
    let escaped = false;
    if (p.nodeType === 3) {
      text = (p as Text).data;
      escaped = true;
    } else if (p.nodeType === 1) text = (p as Element).outerHTML;
    else if (p.nodeType === 8) text = `<!--${(p as Comment).data}-->`;
    else return undefined;
    const nl = text.lastIndexOf('\n');
    const tail = nl >= 0 ? text.slice(nl + 1) : text;
    n += escaped ? serializedTextLength(tail, parent) : tail.length;
    if (nl >= 0) return n;
  }
  return undefined;
}

/**
 * Where each inline script's text starts in `root.outerHTML` (1-based line/column, what
 * `locateScripts` finds there), without serializing the page: the line breaks before each script
 * are counted in the text (one Range per script, the browser joining the text nodes), in the
 * comments (a TreeWalker over comments only) and in the script's own start tag; the column is what
 * precedes the script on its line among its siblings (as the serializer writes them) plus the start tag.
 *
 * Equal to the serialization's positions except that line breaks inside attribute values of the
 * elements before a script (a multi-line `style` or `srcset`) are not counted: the line is that
 * many lower (property-tested in relay.test.ts and against Chromium's serializer in e2e). Reading
 * every attribute costs more than serializing. Undefined where counting cannot place a script
 * exactly — a `<template>` before it (the serialization includes its content), a script with no
 * line break among the siblings just before it (a minified page) — then the caller serializes.
 */
export function placeByCount(root: Element, scripts: readonly Element[], lineOffset = 0): { line: number; column: number }[] | undefined {
  if (scripts.length === 0) return [];
  const doc = root.ownerDocument;
  const last = scripts[scripts.length - 1]!;
  // 4: DOCUMENT_POSITION_FOLLOWING (`Node` itself is not touched: its interface costs an isolated world to set up)
  const before = (a: Node, b: Node) => (a.compareDocumentPosition(b) & 4) !== 0;
  const template = root.getElementsByTagName('template')[0];
  if (template && before(template, last)) return undefined;
  const comments: { node: Node; breaks: number }[] = [];
  // 128: NodeFilter.SHOW_COMMENT
  const walker = doc.createTreeWalker(root, 128);
  for (let c = walker.nextNode(); c; c = walker.nextNode()) {
    if (!before(c, last)) break;
    const breaks = countBreaks((c as Comment).data);
    if (breaks > 0) comments.push({ node: c, breaks });
  }
  const range = doc.createRange();
  const out: { line: number; column: number }[] = [];
  let line = 1 + lineOffset;
  let from: Node = root;
  let next = 0;
  for (const s of scripts) {
    range.setStart(from, 0);
    range.setEnd(s, 0);
    line += countBreaks(range.toString());
    while (next < comments.length && before(comments[next]!.node, s)) line += comments[next++]!.breaks;
    const copy = s.cloneNode(false) as Element;
    const html = copy.outerHTML;
    const end = html.lastIndexOf('</');
    const tag = end > 0 ? html.slice(0, end) : html;
    const tagBreak = tag.lastIndexOf('\n');
    let column: number;
    if (tagBreak >= 0) {
      line += countBreaks(tag);
      column = tag.length - tagBreak;
    } else {
      // back along the script's line: the siblings before it up to the last line break (the
      // serializer's own text for an element: the widget's script element the snippet inserts
      // before the first script sits on the tag's line)
      const rest = restOfLine(s);
      if (rest === undefined) return undefined;
      column = rest + tag.length + 1;
    }
    out.push({ line, column });
    from = s;
  }
  return out;
}

function serializeUpToOrAll(root: Element, last: Element): string {
  try {
    return serializeUpTo(root, last);
  } catch {
    // a DOM the prefix cannot be built from (a node the inert document refuses): the whole page
    return root.outerHTML;
  }
}

export function startRelay(deps: RelayDeps): { stop(): void } {
  const win = deps.window;
  const doc = win.document;
  const now = deps.now ?? (() => Date.now());
  const pageTime = deps.pageTime ?? (() => Math.round(win.performance?.timeOrigin ?? now()));
  const batchMs = deps.batchMs ?? 150;
  // numbered, kept and sent again until the background has stored it (relay-outbox.ts)
  const outbox: Outbox = createOutbox({ ...deps.outbox, send: deps.send, doc: documentKey(win) });
  const send = (msg: RelayPayload) => void outbox.post(msg);

  let pending: TagCall[] = [];
  let relayed = 0;
  let dropped = 0;
  let droppedSent = 0;
  let pageSent: 'none' | 'light' | 'full' = 'none';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let violations: { url: string; directive: string; time: number }[] = [];
  let violationCount = 0;
  let tagSeen = false;

  /** the calls not sent yet, and the count dropped since the last message (then both are reset) */
  const takeCalls = (): { calls: TagCall[]; dropped: number } | undefined => {
    if (pending.length === 0 && dropped <= droppedSent) return undefined;
    const out = { calls: pending, dropped: dropped - droppedSent };
    droppedSent = dropped;
    pending = [];
    return out;
  };

  const flush = () => {
    timer = undefined;
    if (pageSent === 'none') return;
    if (pageSent === 'light' && (relayed > 0 || tagSeen)) sendPage(true);
    const calls = takeCalls();
    if (calls) send({ type: 'calls', ...calls });
    if (violations.length > 0) {
      send({ type: 'csp', violations });
      violations = [];
    }
  };
  const schedule = () => {
    if (timer === undefined) timer = setTimeout(flush, batchMs);
  };

  const onMessage = (e: MessageEvent) => {
    if (e.source !== win) return;
    const call = checkProbeMessage(e.data);
    if (!call) {
      // only messages that claim to be ours count as dropped (other postMessage traffic is not ours)
      if (claimsChannel(e.data)) dropped++;
      return;
    }
    if (relayed >= LIMITS.callsPerPage) {
      dropped++;
      return;
    }
    relayed++;
    pending.push(toRuntimeCall(call));
    schedule();
  };
  win.addEventListener('message', onMessage);

  const onViolation = (e: SecurityPolicyViolationEvent) => {
    const url = typeof e.blockedURI === 'string' ? e.blockedURI : '';
    if (!VENDOR_URL_RE.test(url) || violationCount >= LIMITS.violationsPerPage) return;
    violationCount++;
    violations.push({ url: url.slice(0, 8_192), directive: String(e.effectiveDirective || e.violatedDirective || '').slice(0, 200), time: now() });
    tagSeen = true;
    schedule();
  };
  doc.addEventListener('securitypolicyviolation', onViolation);

  function sendPage(force = false) {
    const scripts = Array.from(doc.scripts);
    const scriptUrls: string[] = [];
    let marker = relayed > 0 || force;
    for (const s of scripts) {
      if (s.src) {
        if (scriptUrls.length < LIMITS.scriptUrlsPerPage) scriptUrls.push(s.src.slice(0, 8_192));
        if (VENDOR_URL_RE.test(s.src)) marker = true;
      } else if (!marker && VENDOR_TEXT_RE.test(s.text)) {
        marker = true;
      }
    }
    const base = { type: 'page' as const, url: win.location.href.slice(0, 8_192), title: doc.title.slice(0, 500), time: pageTime() };
    if (!marker) {
      // nothing of ours on this page: only its address and title, so the panel can say "no tag on
      // this page" (not "nothing captured yet"); the scripts are not read
      if (pageSent === 'none') send({ ...base, light: true, scripts: [], scriptUrls: [], controls: [], passwordField: false });
      pageSent = 'light';
      return;
    }
    const inlineEls = scripts.filter((s) => !s.src).slice(0, LIMITS.scriptsPerPage);
    const inline = inlineEls.map((s) => {
      const type = (s.getAttribute('type') ?? '').trim();
      return { text: s.text, ...(JS_TYPES.test(type) && type.toLowerCase() !== 'module' ? {} : { type }) };
    });
    // the inline scripts' places in the serialized document: on a big page counted (placeByCount:
    // serializing it costs milliseconds), otherwise from the serialization up to the last script
    // (serializeUpTo); none to place: nothing is read
    // `outerHTML` leaves out the doctype (on its own line in nearly every document) and the line
    // break between `<html>` and `<head>` (the parser drops it): count them back when the document
    // is written one tag per line.
    let offset = doc.doctype ? 1 : 0;
    const root = doc.documentElement;
    const first = doc.head?.firstChild;
    if (root && doc.head && root.firstChild === doc.head && first?.nodeType === 3 && /^[ \t]*\n/.test(first.textContent ?? '')) offset++;
    let located: ScriptPosition[] | undefined;
    if (inlineEls.length > 0 && root && root.getElementsByTagName('*').length > SERIALIZE_MAX_ELEMENTS) {
      try {
        const placed = placeByCount(root, inlineEls, offset);
        if (placed) located = inline.map((s, i) => ({ ...s, line: placed[i]!.line, column: placed[i]!.column }));
      } catch {
        /* a DOM the counting cannot walk: serialized below */
      }
    }
    if (!located) {
      const html = inlineEls.length > 0 && root ? serializeUpToOrAll(root, inlineEls[inlineEls.length - 1]!) : '';
      located = locateScripts(html, inline, offset);
    }
    let budget = LIMITS.pageScriptChars;
    let truncated = false;
    const limits: InputLimit[] = [];
    // inline scripts over the count bound: only the ones naming a vendor are a loss worth saying
    const overflow = scripts.filter((s) => !s.src).slice(LIMITS.scriptsPerPage).filter((s) => VENDOR_TEXT_RE.test(s.text)).length;
    if (overflow > 0) {
      truncated = true;
      limits.push({ kind: 'scripts', skipped: overflow, unit: 'items', limit: LIMITS.scriptsPerPage });
    }
    // scripts with a vendor marker get the budget first; a script without one is cut freely (it
    // holds no tag: nothing that matters is lost)
    const keep = located.map((s) => VENDOR_TEXT_RE.test(s.text));
    type OutScript = ScriptPosition & { truncated?: boolean; fragment?: boolean; limit?: InputLimit };
    const out: OutScript[][] = located.map((s) => [{ ...s }]);
    let slots = LIMITS.scriptsPerPage - located.length;
    for (const pass of [true, false]) {
      out.forEach((group, i) => {
        if (keep[i] !== pass) return;
        const s = group[0]!;
        const allowed = Math.min(LIMITS.scriptChars, budget, pass ? Infinity : 20_000);
        if (s.text.length <= allowed) {
          budget -= s.text.length;
          return;
        }
        s.truncated = true;
        if (!pass) {
          s.text = '';
          return;
        }
        // a vendor script over the bound: its head, then a fragment around each vendor marker of
        // the rest, so a tag at the end of a huge bundle is still read (core/locate.ts)
        const reserve = Math.min(FRAGMENT_RESERVE, Math.floor(allowed / 2));
        const split = splitLongScript(s.text, s, allowed - reserve, { type: s.type });
        const head = split.scripts[0]!;
        s.text = head.text;
        budget -= s.text.length;
        let lost = 0;
        for (const frag of split.scripts.slice(1)) {
          if (slots > 0 && frag.text.length <= Math.min(LIMITS.scriptChars, budget)) {
            group.push({ text: frag.text, line: frag.line, column: frag.column, fragment: true, ...(s.type ? { type: s.type } : {}) });
            budget -= frag.text.length;
            slots--;
          } else lost += frag.text.length;
        }
        if (split.limit) s.limit = split.limit;
        if (lost > 0) {
          truncated = true;
          limits.push({ kind: 'relay-script-chars', skipped: lost, unit: 'chars', limit: LIMITS.pageScriptChars });
        }
      });
    }
    const flat: OutScript[] = [];
    for (const group of out) {
      const head = group[0]!;
      if (head.limit) limits.push({ ...head.limit, script: flat.length });
      flat.push(...group);
    }
    const controls: { kind: 'link' | 'button'; text: string; href?: string }[] = [];
    // one pass over the document for the login controls and the password field
    const els = doc.querySelectorAll('a[href], button, input[type=submit], input[type=button], [role=button], input[type=password]');
    let passwordField = false;
    for (let i = 0; i < els.length; i++) {
      const el = els[i]!;
      const tag = el.tagName;
      if (tag === 'INPUT' && (el.getAttribute('type') ?? '').toLowerCase() === 'password') {
        passwordField = true;
        continue;
      }
      if (controls.length >= LIMITS.controlsPerPage) {
        if (passwordField) break;
        continue;
      }
      const text = (
        el.textContent?.trim() ||
        el.getAttribute('aria-label') ||
        el.getAttribute('title') ||
        (tag === 'INPUT' ? (el as HTMLInputElement).value : '') ||
        ''
      ).slice(0, 500);
      const href = tag === 'A' ? (el.getAttribute('href') ?? '').slice(0, 2_000) : undefined;
      controls.push({ kind: tag === 'A' ? 'link' : 'button', text, ...(href ? { href } : {}) });
    }
    send({
      ...base,
      light: false,
      scripts: flat.map((s) => ({
        text: s.text,
        line: s.line,
        column: s.column,
        ...(s.truncated ? { truncated: true } : {}),
        ...(s.fragment ? { fragment: true } : {}),
        ...(s.type ? { type: s.type.slice(0, 100) } : {}),
      })),
      ...(limits.length > 0 ? { limits: limits.slice(0, 50) } : {}),
      scriptUrls,
      controls,
      passwordField,
      ...(truncated ? { truncated: true } : {}),
      // the calls recorded so far travel with the report (one message fewer on a tagged page)
      ...takeCalls(),
    });
    pageSent = 'full';
  }

  const onReady = () => {
    try {
      sendPage();
    } catch {
      /* a page that breaks the DOM API: the background keeps the page-start */
    }
    flush();
  };
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', onReady, { once: true });
  else onReady();

  return {
    stop() {
      win.removeEventListener('message', onMessage);
      doc.removeEventListener('securitypolicyviolation', onViolation);
      if (timer !== undefined) clearTimeout(timer);
      outbox.stop();
    },
  };
}

/**
 * An id for this document's messages (the background prefers Chrome's `documentId`): the
 * navigation start and a random part. Not a secret (nothing but the relay and the background
 * see it); `Math.random` rather than `crypto`, whose interface costs the page a little to set up.
 */
function documentKey(win: Window): string {
  const start = Math.round(win.performance?.timeOrigin ?? Date.now()).toString(36);
  return `${start}-${Math.random().toString(36).slice(2, 12)}${Math.random().toString(36).slice(2, 12)}`.slice(0, 64);
}

function claimsChannel(data: unknown): boolean {
  try {
    return data !== null && typeof data === 'object' && Object.getOwnPropertyDescriptor(data, 'ch')?.value === PROBE_CHANNEL;
  } catch {
    return false;
  }
}
