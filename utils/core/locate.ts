/**
 * Finding a vendor tag wherever it is in a huge script. Minified bundles, inlined frameworks and
 * page builders put megabytes of unrelated code before the OK SKY or Channel Talk calls; the
 * bounds keep only the head of such a script for parsing. Here the whole text is scanned for
 * vendor markers (a regular-expression pass: linear, no syntax tree), and a window of statements
 * around each marker is cut out as a script *fragment* of its own, with the document line/column
 * where it starts, so the extractors parse it like any inline script and every location they
 * report maps back to the original document.
 *
 * A window's start is moved to a statement boundary where the window parses as a whole (tried at
 * a few boundaries, nearest first, with the parse check the caller gives); a fragment that still
 * does not parse is read by the tolerant path and never reported as a syntax error (its edges are
 * ours, not the page's).
 *
 * Pure, bounded (windows per script, characters per window and in total, parse attempts), never throws.
 */
import type { InlineScript, InputLimit } from './model';

/** Whether a text parses as a whole (locate-parse.ts has acorn's; the extension's relay passes none). */
export type ParseCheck = (text: string) => boolean;

/** Vendor markers: OK SKY hosts and globals, Channel Talk globals, hosts and the SDK loader. */
export const VENDOR_MARKER_SOURCE = 'okskychat|oksky-chat|ok-sky\\.com|ChannelIO|ChannelService|channel-web-sdk-loader|ch-plugin-web|cdn\\.channel\\.io';

/** Characters kept before a marker (the loader snippet sits around its widget URL). */
export const WINDOW_BEFORE = 4_096;
/** Characters kept after a marker (the calls follow the loader). */
export const WINDOW_AFTER = 4_096;
/** Most windows per script: more markers than this are read up to it and the rest recorded as a limit. */
export const MAX_WINDOWS = 64;
/** Most characters of all windows of one script together. */
export const MAX_WINDOW_CHARS = 1024 * 1024;
/** Statement boundaries tried as a window's start. */
const START_TRIES = 8;
/** a window that does not fit in this many characters is not parsed to choose its start */
const MAX_TRY_CHARS = 64 * 1024;
/** Starts tried per fragment when refining one cut without a parse check. */
const REFINE_TRIES = 10;

export interface MarkerWindow {
  /** offsets in the scanned text: [start, end) */
  start: number;
  end: number;
  /** the window parses as a whole (strict parser, script or module) */
  clean: boolean;
}

export interface LocatedWindows {
  windows: MarkerWindow[];
  /** markers found in [from, to) */
  markers: number;
  /** markers beyond the window bounds (not read) */
  skippedMarkers: number;
}

function isBoundary(code: number): boolean {
  // ; } newline
  return code === 59 || code === 125 || code === 10 || code === 13;
}

/**
 * Statement-boundary starts before `pos` (not before `floor`), nearest first: the nearest few
 * boundaries of any kind, the nearest line starts (bundlers put a module per line), and
 * boundaries at growing distances; `floor` last.
 */
function startCandidates(text: string, floor: number, pos: number): number[] {
  const any: number[] = [];
  const lines: number[] = [];
  const far: number[] = [];
  let want = 256;
  for (let i = pos - 1; i >= floor; i--) {
    const c = text.charCodeAt(i);
    if (!isBoundary(c)) continue;
    if (any.length < 3) any.push(i + 1);
    if ((c === 10 || c === 13) && lines.length < 3) lines.push(i + 1);
    if (pos - i >= want && far.length < 3) {
      far.push(i + 1);
      want *= 4;
    }
    if (any.length >= 3 && lines.length >= 3 && far.length >= 3) break;
  }
  const all = [...new Set([...any, ...lines, ...far])].sort((a, b) => b - a).slice(0, START_TRIES);
  all.push(floor);
  return all;
}

/** The end of a window: after the first statement boundary at or past `pos` (bounded by `ceil`). */
function endAfter(text: string, pos: number, ceil: number): number {
  const stop = Math.min(ceil, pos + 2_048);
  for (let i = pos; i < stop; i++) if (isBoundary(text.charCodeAt(i))) return i + 1;
  return Math.min(ceil, pos);
}

/**
 * The end of the statement holding `pos` (a rough scan: brackets and string literals, no regular
 * expressions): after the first `;` or line break at its own depth, or before the bracket that
 * closes an enclosing one; -1 when neither comes before `ceil` (or within 8 KB).
 */
export function statementEnd(text: string, pos: number, ceil: number): number {
  const stop = Math.min(ceil, pos + 8_192);
  let depth = 0;
  let quote = 0;
  for (let i = pos; i < stop; i++) {
    const c = text.charCodeAt(i);
    if (quote !== 0) {
      if (c === 92) i++; // backslash
      else if (c === quote) quote = 0;
      else if ((c === 10 || c === 13) && quote !== 96) quote = 0;
      continue;
    }
    if (c === 34 || c === 39 || c === 96) quote = c;
    else if (c === 40 || c === 91 || c === 123) depth++;
    else if (c === 41 || c === 93 || c === 125) {
      depth--;
      if (depth < 0) return i;
    } else if (depth === 0 && (c === 59 || c === 10 || c === 13)) return i + 1;
  }
  return -1;
}

const BARE_CALL = /^\s*[A-Za-z_$][\w$]*\s*\(/;
/** a window grows by at least this much at a time */
const GROW_STEP = 256;

/** Characters parsed per text when choosing window starts; beyond it windows are left as cut. */
const PARSE_BUDGET = 512 * 1024;

/**
 * Windows around the vendor markers of `text[from, to)`, merged where they overlap, each started
 * at a statement boundary where it parses as a whole when one of a few boundaries allows it.
 */
export function markerWindows(text: string, from = 0, to = text.length, parses?: ParseCheck): LocatedWindows {
  const lo = Math.max(0, from);
  const hi = Math.min(text.length, to);
  const re = new RegExp(VENDOR_MARKER_SOURCE, 'gi');
  const spans: { start: number; end: number; first: number; last: number }[] = [];
  let markers = 0;
  let skippedMarkers = 0;
  let total = 0;
  re.lastIndex = lo;
  for (;;) {
    const m = re.exec(text);
    if (!m || m.index >= hi) break;
    markers++;
    const last = spans[spans.length - 1];
    if (last && m.index < last.end) {
      // inside the current window: grow it to cover what follows this marker too (in steps, and
      // only while the total allows: a text made of markers must stay linear)
      const want = Math.min(hi, m.index + WINDOW_AFTER);
      if (want > last.end + GROW_STEP && total < MAX_WINDOW_CHARS) {
        // clamped to what the total allows, so the total reaches its cap and growing stops
        const end = Math.min(endAfter(text, want, hi), last.end + (MAX_WINDOW_CHARS - total));
        if (end > last.end) {
          total += end - last.end;
          last.end = end;
        }
      }
      last.last = m.index;
      re.lastIndex = Math.max(re.lastIndex, m.index + m[0].length);
      continue;
    }
    const start = Math.max(lo, last ? last.end : lo, m.index - WINDOW_BEFORE);
    const room = MAX_WINDOW_CHARS - total;
    // no room for a window that reaches past its marker: the marker is not read (counted)
    const full = spans.length >= MAX_WINDOWS || room <= m.index - start + m[0].length;
    const end = full ? start : Math.min(endAfter(text, Math.min(hi, m.index + WINDOW_AFTER), hi), start + room);
    if (full) {
      skippedMarkers++;
      re.lastIndex = m.index + m[0].length;
      continue;
    }
    spans.push({ start, end, first: m.index, last: m.index });
    total += end - start;
    re.lastIndex = m.index + m[0].length;
  }
  let budget = PARSE_BUDGET;
  const tryParse = (a: number, b: number): boolean => {
    if (!parses || budget <= 0) return false;
    budget -= b - a;
    return parses(text.slice(a, b));
  };
  const windows: MarkerWindow[] = spans.map((s) => {
    const floor = s.start;
    if (s.end - floor > MAX_TRY_CHARS) return { start: floor, end: s.end, clean: false };
    // the window parses when it starts and ends at statement boundaries: try starts (nearest
    // first) against the end of the last marker's statement, then keep the longer end when the
    // window still parses with it
    const lastEnd = statementEnd(text, s.last, s.end);
    const shortEnd = lastEnd < 0 ? s.end : Math.max(lastEnd, s.last + 1);
    const candidates = startCandidates(text, floor, s.first);
    if (!parses) {
      // no parser at hand (the relay): the nearest line start, else the window as cut
      const line = candidates.find((c) => c > floor && (text.charCodeAt(c - 1) === 10 || text.charCodeAt(c - 1) === 13));
      return { start: line ?? floor, end: s.end, clean: false };
    }
    for (const c of candidates) {
      if (!tryParse(c, shortEnd)) continue;
      // then the calls through a bare global that follow it (a tenant-named queue:
      // `SomeTenant("key", …)` carries no marker), up to the window's end; other code is left
      // out (a `window.x = …` next to the tag is no part of it)
      let e = shortEnd;
      for (let k = 0; k < 1_000 && e < s.end; k++) {
        if (!BARE_CALL.test(text.slice(e, Math.min(s.end, e + 200)))) break;
        const n = statementEnd(text, e, s.end);
        if (n <= e) break; // no boundary before the window's end: stop at the last one
        e = n;
      }
      if (e > shortEnd && tryParse(c, e)) return { start: c, end: e, clean: true };
      return { start: c, end: shortEnd, clean: true };
    }
    return { start: floor, end: s.end, clean: false };
  });
  return { windows, markers, skippedMarkers };
}

/** Line and column (1-based) of `offset` in `text`, for a text starting at `line`/`column`. */
export class PositionCounter {
  private at = 0;
  private line: number;
  private column: number;
  constructor(
    private readonly text: string,
    line: number,
    column: number,
  ) {
    this.line = line;
    this.column = column;
  }

  /** offsets must be asked in increasing order */
  position(offset: number): { line: number; column: number } {
    const t = this.text;
    const stop = Math.min(offset, t.length);
    for (let i = this.at; i < stop; i++) {
      const c = t.charCodeAt(i);
      if (c === 10 || (c === 13 && t.charCodeAt(i + 1) !== 10)) {
        this.line++;
        this.column = 1;
      } else this.column++;
    }
    if (stop > this.at) this.at = stop;
    return { line: this.line, column: this.column };
  }
}

export interface SplitScript {
  /** the head (cut to `maxChars`, marked truncated when cut) followed by the fragments around vendor markers */
  scripts: InlineScript[];
  /** what the bound left unread, when anything was (see InputLimit) */
  limit?: InputLimit;
}

/**
 * A script longer than `maxChars`: its head, then a fragment around each vendor marker of the
 * rest (document positions kept). `scriptIndex` is the head's index in Page.scripts (for the limit).
 * - no marker after the head: only the head (the rest holds no vendor tag; nothing is reported)
 * - markers: the head and the fragments; the rest was not parsed (limit `parse-chars`)
 */
export function splitLongScript(
  text: string,
  start: { line: number; column: number },
  maxChars: number,
  extra: { type?: string; scriptIndex?: number; parses?: ParseCheck } = {},
): SplitScript {
  const head: InlineScript = { text: text.length > maxChars ? text.slice(0, maxChars) : text, line: start.line, column: start.column };
  if (extra.type !== undefined) head.type = extra.type;
  if (text.length <= maxChars) return { scripts: [head] };
  head.truncated = true;
  // a marker cut by the head's edge is found again in the rest (the longest marker is 22
  // characters); windows never reach further back into the head, so no call is read twice
  const restFrom = Math.max(0, maxChars - 21);
  const located = markerWindows(text, restFrom, text.length, extra.parses);
  if (located.windows.length === 0) return { scripts: [head] };
  const counter = new PositionCounter(text, start.line, start.column);
  const scripts: InlineScript[] = [head];
  let read = maxChars;
  for (const w of located.windows) {
    const pos = counter.position(w.start);
    const frag: InlineScript = { text: text.slice(w.start, w.end), line: pos.line, column: pos.column, fragment: true };
    if (extra.type !== undefined) frag.type = extra.type;
    scripts.push(frag);
    read += Math.max(0, w.end - Math.max(w.start, maxChars));
  }
  const limit: InputLimit = { kind: 'parse-chars', skipped: Math.max(0, text.length - read), unit: 'chars', limit: maxChars };
  if (extra.scriptIndex !== undefined) limit.script = extra.scriptIndex;
  return { scripts, limit };
}

/**
 * Fragments cut without a parse check (the extension's relay has no parser) start where the
 * window was cut, often inside a statement of a minified bundle: the extractors would read them
 * as broken code. Before the extraction, each such fragment is moved forward to the first
 * statement boundary where it parses (a few tries; its document position follows), or kept as
 * it is. The page is returned as it is when nothing changes.
 */
export function refineFragments(page: { scripts: InlineScript[] }, parses: ParseCheck): InlineScript[] {
  const scripts = page.scripts;
  if (!Array.isArray(scripts) || !scripts.some((s) => s && s.fragment === true)) return scripts;
  let changed = false;
  // bounded per page: the panel analyses again on every change
  let budget = PARSE_BUDGET;
  const check = (t: string): boolean => {
    if (budget <= 0) return false;
    budget -= t.length;
    return parses(t);
  };
  const out = scripts.map((s) => {
    if (!s || s.fragment !== true || typeof s.text !== 'string' || s.text.length > MAX_TRY_CHARS || budget <= 0 || check(s.text)) return s;
    const text = s.text;
    const first = new RegExp(VENDOR_MARKER_SOURCE, 'i').exec(text);
    if (!first) return s;
    const lastEnd = lastStatementEnd(text);
    // statement boundaries before the first marker, nearest to it first (the smallest window around it)
    const tries: number[] = [];
    for (let i = first.index - 1; i >= 0 && tries.length < REFINE_TRIES; i--) if (isBoundary(text.charCodeAt(i))) tries.push(i + 1);
    for (const c of tries) {
      const end = check(text.slice(c)) ? text.length : lastEnd > c && check(text.slice(c, lastEnd)) ? lastEnd : -1;
      if (end < 0) continue;
      const pos = new PositionCounter(text, s.line, s.column).position(c);
      changed = true;
      return { ...s, text: text.slice(c, end), line: pos.line, column: pos.column };
    }
    return s;
  });
  return changed ? out : scripts;
}

/** The end of the last whole statement that holds a vendor marker (for a fragment cut mid-statement at its end). */
function lastStatementEnd(text: string): number {
  const re = new RegExp(VENDOR_MARKER_SOURCE, 'gi');
  let last = -1;
  for (let m = re.exec(text); m; m = re.exec(text)) last = m.index;
  if (last < 0) return -1;
  let e = statementEnd(text, last, text.length);
  if (e < 0) return -1;
  for (let k = 0; k < 1_000 && e < text.length; k++) {
    if (!BARE_CALL.test(text.slice(e, e + 200))) break;
    const n = statementEnd(text, e, text.length);
    if (n <= e) break;
    e = n;
  }
  return e;
}
