/**
 * Page → OK SKY evidence: the tags in the page source (queue form and SDK form), the calls that
 * configure them, calls left in comments, scripts that do not parse, and the tags the runtime
 * probe saw.
 *
 * Queue loaders are recognised by their shape, not by the global's name: a function that assigns
 * to a property of one of its parameters (or of `window`) and refers to an OK SKY widget URL
 * (`!function(t,e,o,n){...;t.OkskyChat=i,...;o.src="https://{tenant}.okskychat.net/widget/widget.js";...}(window,document)`).
 *
 * Scripts that do not parse (typographic quotes, a missing `!`, `{"a", "b"}`) are reported as
 * syntax errors and still read: typographic quotes used as delimiters are repaired offset for
 * offset, then acorn (or acorn-loose) parses the repaired text; as a last resort a small scanner
 * finds the calls. Bounded and never throws.
 */
import * as acorn from 'acorn';
import * as acornLoose from 'acorn-loose';
import type { InlineScript, Location, Page, StaticValue, TagCall } from '../model';
import { LineIndex } from '../html';
import { guessedSpan, needsSourceParser, overlapsGuess, parseSource, validPrefix } from '../source-parser';
import { evaluateNode, isEsNode, staticString, type EsNode } from '../static-value';
import { isTypographicQuote, matchParen, repairQuotes } from './quotes';
import { okskyWidgetInfo } from './requests';
import type { MasterKeyword, OkskyPageEvidence, OkskyTag, ScriptSyntaxError } from './types';

/** Scripts longer than this are read only up to it. */
export const MAX_PARSE_CHARS = 2 * 1024 * 1024;
/**
 * Scripts longer than this get no full syntax tree (parsing megabytes takes seconds on a slow
 * machine): their calls are found by the scanner, their loaders by parsing a window around each
 * OK SKY widget URL, and a syntax error in them is not reported.
 */
export const MAX_AST_CHARS = 512 * 1024;
const LOADER_WINDOW = 4_000;
/** Calls kept per page (static and runtime each). */
export const MAX_CALLS = 5_000;
/** AST nodes visited per script. */
const MAX_AST_NODES = 3_000_000;
const MAX_RAW = 2_000;
const MAX_LINE_TEXT = 300;
const MAX_COMMENT_SCAN = 200_000;

/** Cheap prefilter: a script without any of these is not parsed. */
const MARKER = /okskychat|oksky-chat|ok-sky|\.q\.push/i;
/** A literal that names an OK SKY host. */
const HOST_MARKER = /okskychat\.net|oksky-chat\.net|ok-sky\.com/i;
const WINDOW_NAMES = new Set(['window', 'self', 'globalThis', 'top', 'parent']);
const DEFAULT_GLOBAL = 'OkskyChat';
const SDK_CLASS = 'OkskyChat';

const ACORN_BASE = { ecmaVersion: 'latest', allowHashBang: true, allowReturnOutsideFunction: true } as const;

// ---------------------------------------------------------------------------------------------
// parsing

interface AcornComment {
  type: 'Line' | 'Block';
  value: string;
  start: number;
  end: number;
  /** where `value` starts (lexer comments; acorn's are derived from `end`) */
  valueStart?: number;
}

interface ParsedScript {
  index: number;
  script: InlineScript;
  /** offset of `text` within the script's text (non-zero only for a window of a large script) */
  base: number;
  /** the script was too large for a full syntax tree */
  large?: boolean;
  /** the text offsets refer to (the script text, cut to MAX_PARSE_CHARS) */
  text: string;
  ast?: EsNode;
  comments: AcornComment[];
  /** offsets of typographic quotes replaced before parsing */
  fixes: number[];
  error?: { message: string; pos: number; smartQuotes: boolean };
  /**
   * offset from which the tree (or the scanner) had to guess: the syntax error's, when no parser
   * read the script (after the quote repair) without error. Calls ending after it keep no
   * arguments (RULES.md "A broken parse never invents findings").
   */
  guessedFrom?: number;
  lines: LineIndex;
}

interface AcornError {
  message: string;
  pos: number;
}

function asAcornError(e: unknown): AcornError | undefined {
  if (e instanceof SyntaxError && typeof (e as unknown as { pos?: unknown }).pos === 'number') {
    return { message: e.message.replace(/\s*\(\d+:\d+\)$/, ''), pos: (e as unknown as { pos: number }).pos };
  }
  return undefined;
}

function tryParse(text: string, sourceType: 'script' | 'module'): { ast?: EsNode; comments: AcornComment[]; error?: AcornError } {
  const comments: AcornComment[] = [];
  try {
    const ast = acorn.parse(text, { ...ACORN_BASE, sourceType, onComment: comments as acorn.Comment[] }) as unknown as EsNode;
    return { ast, comments };
  } catch (e) {
    // SyntaxError from acorn; RangeError when the nesting exhausts the stack
    return { comments: [], error: asAcornError(e) ?? { message: e instanceof Error ? e.message : 'parse error', pos: 0 } };
  }
}

/**
 * Parsed scripts by text: the pages of one session usually carry the same tag text (the same
 * plain tag on every logged-out page, the same member's linkage on every logged-in one), and a
 * syntax tree is the costliest part of the extraction. Small and bounded (tag-sized scripts, a
 * few dozen entries); the trees are only read, never changed, so sharing them is safe.
 */
const PARSE_CACHE_MAX_ENTRIES = 32;
const PARSE_CACHE_MAX_CHARS = 8_192;
const parseCache = new Map<string, Omit<ParsedScript, 'index' | 'script'>>();

function parseScript(index: number, script: InlineScript): ParsedScript {
  const cacheable = script.text.length <= PARSE_CACHE_MAX_CHARS;
  const key = cacheable ? `${script.type ?? ''}\u0000${script.lang ?? ''}\u0000${script.text}` : '';
  const hit = cacheable ? parseCache.get(key) : undefined;
  if (hit) return { ...hit, index, script };
  const parsed = parseScriptText(index, script);
  if (cacheable) {
    if (parseCache.size >= PARSE_CACHE_MAX_ENTRIES) parseCache.delete(parseCache.keys().next().value as string);
    const { index: _i, script: _s, ...rest } = parsed;
    parseCache.set(key, rest);
  }
  return parsed;
}

function parseScriptText(index: number, script: InlineScript): ParsedScript {
  const text = script.text.length > MAX_PARSE_CHARS ? script.text.slice(0, MAX_PARSE_CHARS) : script.text;
  const lines = new LineIndex(text);
  if (text.length > MAX_AST_CHARS) {
    return { index, script, text, base: 0, large: true, comments: repairQuotes(text).comments, fixes: [], lines };
  }
  if (needsSourceParser(script.lang)) {
    const viaSource = parseSourceScript(index, script, text, lines);
    if (viaSource) return viaSource;
  }
  const isModule = script.type === 'module';
  const first = tryParse(text, isModule ? 'module' : 'script');
  if (first.ast) return { index, script, text, base: 0, ast: first.ast, comments: first.comments, fixes: [], lines };
  if (!isModule) {
    const asModule = tryParse(text, 'module');
    if (asModule.ast) return { index, script, text, base: 0, ast: asModule.ast, comments: asModule.comments, fixes: [], lines };
  }
  const error = first.error ?? { message: 'parse error', pos: 0 };
  const repaired = repairQuotes(text);
  let smartQuotes = false;
  let ast: EsNode | undefined;
  let comments: AcornComment[] = [];
  if (repaired.fixes.length > 0) {
    const again = tryParse(repaired.text, isModule ? 'module' : 'script');
    const ch = text[error.pos] ?? '';
    const lineEnd = text.slice(error.pos).search(/[\r\n]/);
    const restOfLine = text.slice(error.pos, lineEnd < 0 ? undefined : error.pos + lineEnd);
    const atQuote =
      isTypographicQuote(ch) ||
      (/Unterminated string/i.test(error.message) && [...restOfLine].some(isTypographicQuote)) ||
      repaired.fixes.some((f) => f >= error.pos - 1 && f <= error.pos + 1);
    smartQuotes = atQuote || again.ast !== undefined;
    if (again.ast) {
      ast = again.ast;
      comments = again.comments;
    }
  }
  const guessedFrom = ast ? undefined : Math.max(0, Math.min(error.pos, text.length));
  if (!ast) {
    try {
      const looseComments: AcornComment[] = [];
      ast = acornLoose.parse(repaired.text, {
        ...ACORN_BASE,
        sourceType: isModule ? 'module' : 'script',
        onComment: looseComments as acorn.Comment[],
      }) as unknown as EsNode;
      comments = looseComments;
    } catch {
      // neither parser produced a tree (e.g. nesting deeper than the stack): the scanner reads the calls
      ast = undefined;
      comments = repaired.comments;
    }
  }
  return {
    index,
    script,
    text,
    base: 0,
    ast,
    comments,
    fixes: repaired.fixes,
    error: { message: error.message.slice(0, 500), pos: Math.max(0, Math.min(error.pos, text.length)), smartQuotes },
    guessedFrom,
    lines,
  };
}

/**
 * TypeScript / JSX through the injected source parser (undefined when none is registered). A
 * script that does not parse gets the quote repair, as JavaScript does; otherwise its recovered
 * tree is kept for the calls before the error only.
 */
function parseSourceScript(index: number, script: InlineScript, text: string, lines: LineIndex): ParsedScript | undefined {
  const lang = script.lang;
  if (!needsSourceParser(lang)) return undefined;
  const first = parseSource(text, lang, 'module');
  if (!first) return undefined;
  const base = { index, script, text, base: 0, lines };
  if (!first.error) return { ...base, ast: first.program, comments: first.comments, fixes: [] };
  const pos = Math.max(0, Math.min(first.error.pos, text.length));
  const repaired = repairQuotes(text);
  if (repaired.fixes.length > 0) {
    const again = parseSource(repaired.text, lang, 'module');
    if (again && !again.error) {
      return { ...base, ast: again.program, comments: again.comments, fixes: repaired.fixes, error: { message: first.error.message.slice(0, 500), pos, smartQuotes: true } };
    }
  }
  // no tolerant parse of TypeScript: what is read is the whole lines before the error, when they parse
  const prefix = parseSource(validPrefix(text, pos), lang, 'module');
  return {
    ...base,
    ast: prefix && !prefix.error ? prefix.program : { type: 'Program', body: [], start: 0, end: 0 },
    comments: prefix && !prefix.error ? prefix.comments : [],
    fixes: [],
    error: { message: first.error.message.slice(0, 500), pos, smartQuotes: false },
    guessedFrom: pos,
  };
}

/** The guessed part of a broken script, computed once per parsed script. */
const guessedSpans = new WeakMap<object, { start: number; end: number }>();
function guessedSpanOf(p: ParsedScript): { start: number; end: number } {
  const key = p.ast ?? p.lines;
  let span = guessedSpans.get(key);
  if (!span) {
    // the text the tree was read from: the quote-repaired one when quotes were repaired
    const text = p.fixes.length > 0 ? repairQuotes(p.text).text : p.text;
    span = guessedSpan(text, p.guessedFrom ?? 0, (rest) => {
      if (needsSourceParser(p.script.lang)) {
        const r = parseSource(rest, p.script.lang, 'module');
        return r !== undefined && r.error === undefined;
      }
      return tryParse(rest, 'script').ast !== undefined || tryParse(rest, 'module').ast !== undefined;
    });
    guessedSpans.set(key, span);
  }
  return span;
}

/**
 * A call's argument values; in the guessed part of a broken script each is unknown, and the list
 * ends in an unknown one (the parser may have closed the call early: an argument may be missing).
 */
function certainArgs(p: ParsedScript, site: CallSite, call: EsNode, args: EsNode[]): StaticValue[] {
  const values = args.map((a) => certainArg(p, site, a));
  if (p.guessedFrom !== undefined && overlapsGuess(guessedSpanOf(p), site.base + call.start, site.base + call.end)) values.push({ kind: 'unknown' });
  return values;
}

/** An argument's value, or unknown when the tolerant parser read it on the error's line (a guess). */
function certainArg(p: ParsedScript, site: CallSite, a: EsNode): StaticValue {
  if (p.guessedFrom !== undefined && overlapsGuess(guessedSpanOf(p), site.base + a.start, site.base + a.end)) {
    return { kind: 'unknown', raw: sliceRaw(site.source, a.start, a.end) };
  }
  return evaluateNode(a, site.source);
}

// ---------------------------------------------------------------------------------------------
// AST helpers

const SKIP_KEYS = new Set(['type', 'start', 'end', 'loc', 'range', 'raw', 'regex', 'bigint']);

/** Iterative walk (no recursion: deep nesting cannot exhaust the stack); records parents. */
function walk(root: EsNode, visit: (node: EsNode) => void): Map<EsNode, EsNode> {
  const parents = new Map<EsNode, EsNode>();
  const stack: EsNode[] = [root];
  let count = 0;
  while (stack.length > 0 && count < MAX_AST_NODES) {
    const node = stack.pop() as EsNode;
    count++;
    visit(node);
    for (const key of Object.keys(node)) {
      if (SKIP_KEYS.has(key)) continue;
      const v = node[key];
      if (Array.isArray(v)) {
        for (let i = v.length - 1; i >= 0; i--) {
          const c = v[i];
          if (isEsNode(c)) {
            parents.set(c, node);
            stack.push(c);
          }
        }
      } else if (isEsNode(v)) {
        parents.set(v, node);
        stack.push(v);
      }
    }
  }
  return parents;
}

/** One walk per syntax tree, shared by the loader and the call finders: the nodes in visit order and their parents. */
const walked = new WeakMap<EsNode, { nodes: EsNode[]; parents: Map<EsNode, EsNode> }>();

function walkOnce(root: EsNode, visit: (node: EsNode) => void): Map<EsNode, EsNode> {
  let w = walked.get(root);
  if (!w) {
    const nodes: EsNode[] = [];
    const parents = walk(root, (n) => nodes.push(n));
    w = { nodes, parents };
    walked.set(root, w);
  }
  for (const n of w.nodes) visit(n);
  return w.parents;
}

function node(v: unknown): EsNode | undefined {
  return isEsNode(v) ? v : undefined;
}

function nodes(v: unknown): EsNode[] {
  return Array.isArray(v) ? v.filter(isEsNode) : [];
}

function isFunction(n: EsNode): boolean {
  return n.type === 'FunctionExpression' || n.type === 'FunctionDeclaration' || n.type === 'ArrowFunctionExpression';
}

function constString(n: EsNode | undefined): string | undefined {
  if (!n) return undefined;
  if (n.type === 'Literal' && typeof n.value === 'string') return n.value;
  if (n.type === 'TemplateLiteral' && nodes(n.expressions).length === 0) {
    const q = nodes(n.quasis)[0];
    const cooked = (q?.value as { cooked?: unknown } | undefined)?.cooked;
    return typeof cooked === 'string' ? cooked : undefined;
  }
  return undefined;
}

/** name of a member's property: `a.b` → b, `a["b"]` → b */
function memberName(m: EsNode): string | undefined {
  const prop = node(m.property);
  if (!prop) return undefined;
  if (!m.computed) return prop.type === 'Identifier' ? String(prop.name) : undefined;
  return constString(prop);
}

function identName(n: EsNode | undefined): string | undefined {
  return n && n.type === 'Identifier' && typeof n.name === 'string' ? n.name : undefined;
}

/** `NAME`, `window.NAME`, `window["NAME"]` → NAME */
function globalCallee(callee: EsNode | undefined): string | undefined {
  if (!callee) return undefined;
  if (callee.type === 'Identifier') return identName(callee);
  if (callee.type === 'MemberExpression') {
    const obj = identName(node(callee.object));
    if (obj && WINDOW_NAMES.has(obj)) return memberName(callee);
  }
  if (callee.type === 'ParenthesizedExpression') return globalCallee(node(callee.expression));
  return undefined;
}

function sliceRaw(text: string, start: number, end: number): string {
  const s = Math.max(0, start);
  const e = Math.max(s, Math.min(end, text.length));
  return e - s > MAX_RAW ? `${text.slice(s, s + MAX_RAW)}…` : text.slice(s, e);
}

// ---------------------------------------------------------------------------------------------
// per-script findings

interface Loader {
  global: string;
  widgetUrl?: string;
  start: number;
  end: number;
  script: ParsedScript;
}

interface FoundCall {
  call: TagCall;
  /** the first argument was a constant (the name is a master keyword / key / loginKey) */
  constName: boolean;
  order: number;
}

interface SdkNew {
  call: TagCall;
  order: number;
  shows: TagCall[];
}

function docLocation(p: ParsedScript, start: number, end?: number): Location {
  const toDoc = (offset: number) => {
    const pos = p.lines.position(Math.max(0, p.base + Math.min(offset, p.text.length)));
    return pos.line === 1
      ? { line: p.script.line, column: p.script.column + pos.column - 1 }
      : { line: p.script.line + pos.line - 1, column: pos.column };
  };
  const a = toDoc(start);
  const loc: Location = { line: a.line, column: a.column, script: p.index };
  if (end !== undefined && end > start) {
    const b = toDoc(end);
    loc.endLine = b.line;
    loc.endColumn = b.column;
  }
  return loc;
}

function widgetUrlFrom(value: string): string | undefined {
  const v = value.trim();
  const candidate = v.startsWith('//') ? `https:${v}` : v;
  return okskyWidgetInfo(candidate) ? candidate : undefined;
}

/** Loaders in one parsed script (for a large script: in windows around its OK SKY widget URLs). */
function findLoaders(p: ParsedScript): Loader[] {
  if (p.large) return findLoadersInWindows(p);
  return findLoadersInTree(p);
}

function findLoadersInWindows(p: ParsedScript): Loader[] {
  const loaders: Loader[] = [];
  const seen = new Set<number>();
  const re = /okskychat\.net|oksky-chat\.net|ok-sky\.com/gi;
  let m: RegExpExecArray | null;
  let windows = 0;
  while ((m = re.exec(p.text)) !== null && windows < 20) {
    windows++;
    const from = Math.max(0, m.index - LOADER_WINDOW);
    const to = Math.min(p.text.length, m.index + LOADER_WINDOW);
    re.lastIndex = to;
    const text = p.text.slice(from, to);
    let ast: EsNode | undefined;
    try {
      ast = acornLoose.parse(text, { ...ACORN_BASE }) as unknown as EsNode;
    } catch {
      ast = undefined;
    }
    if (!ast) continue;
    const windowScript: ParsedScript = { ...p, text, base: p.base + from, ast, comments: [], fixes: [], large: false };
    for (const l of findLoadersInTree(windowScript)) {
      const key = windowScript.base + l.start;
      if (seen.has(key)) continue;
      seen.add(key);
      loaders.push(l);
    }
  }
  return loaders;
}

function findLoadersInTree(p: ParsedScript): Loader[] {
  const ast = p.ast;
  if (!ast || !HOST_MARKER.test(p.text)) return [];
  interface Candidate {
    global: string;
    scope: EsNode | undefined;
    start: number;
    end: number;
  }
  const candidates: Candidate[] = [];
  const urls: { value: string; start: number; end: number }[] = [];
  const assignments: EsNode[] = [];
  const parents = walkOnce(ast, (n) => {
    if (n.type === 'AssignmentExpression' && n.operator === '=') assignments.push(n);
    else if (n.type === 'Literal' && typeof n.value === 'string' && HOST_MARKER.test(n.value) && /widget/i.test(n.value)) {
      urls.push({ value: n.value, start: n.start, end: n.end });
    } else if (n.type === 'TemplateLiteral') {
      const raw = p.text.slice(n.start, n.end);
      if (HOST_MARKER.test(raw) && /widget/i.test(raw)) urls.push({ value: constString(n) ?? '', start: n.start, end: n.end });
    }
  });
  const enclosingFunction = (n: EsNode): EsNode | undefined => {
    let cur = parents.get(n);
    while (cur && !isFunction(cur)) cur = parents.get(cur);
    return cur;
  };
  /** the IIFE argument passed for a parameter, when the function is called right away */
  const argumentFor = (fn: EsNode, param: string): EsNode | undefined => {
    const idx = nodes(fn.params).findIndex((x) => identName(x) === param);
    if (idx < 0) return undefined;
    const call = parents.get(fn);
    if (call && (call.type === 'CallExpression' || call.type === 'NewExpression') && node(call.callee) === fn) {
      return nodes(call.arguments)[idx];
    }
    return undefined;
  };
  for (const a of assignments) {
    const left = node(a.left);
    const right = node(a.right);
    if (!left || left.type !== 'MemberExpression' || !right) continue;
    if (['Literal', 'ObjectExpression', 'ArrayExpression', 'NewExpression', 'TemplateLiteral'].includes(right.type)) continue;
    const obj = identName(node(left.object));
    if (!obj) continue;
    let name = memberName(left);
    let scope: EsNode | undefined;
    if (WINDOW_NAMES.has(obj)) {
      scope = undefined; // the whole script
    } else {
      const fn = enclosingFunction(a);
      if (!fn || !nodes(fn.params).some((x) => identName(x) === obj)) continue;
      const arg = argumentFor(fn, obj);
      const argName = identName(arg);
      // the parameter, when the call is known, must receive the window
      if (arg && !(argName && WINDOW_NAMES.has(argName)) && arg.type !== 'ThisExpression') continue;
      scope = fn;
    }
    if (name === undefined && left.computed) {
      // t[n] = ... with n a parameter receiving the global's name: !function(t,n){...}(window,"AcmeChat")
      const prop = identName(node(left.property));
      const fn = prop ? enclosingFunction(a) : undefined;
      name = fn && prop ? constString(argumentFor(fn, prop)) : undefined;
    }
    if (!name || !/^[A-Za-z_$][\w$]*$/.test(name)) continue;
    const s = scope?.start ?? 0;
    const e = scope?.end ?? p.text.length;
    if (!urls.some((u) => u.start >= s && u.end <= e)) continue;
    let loaderNode: EsNode = a;
    if (scope) {
      const call = parents.get(scope);
      loaderNode = call?.type === 'CallExpression' ? call : scope;
      // `!function(){...}()`, `(function(){...})()`: the statement starts at the operator
      const wrapper = parents.get(loaderNode);
      if (wrapper?.type === 'UnaryExpression' || wrapper?.type === 'ParenthesizedExpression') loaderNode = wrapper;
    }
    candidates.push({ global: name, scope, start: loaderNode.start, end: loaderNode.end });
  }
  // one loader per scope (the first qualifying assignment)
  const seen = new Set<EsNode | undefined>();
  const loaders: Loader[] = [];
  for (const c of candidates) {
    if (seen.has(c.scope)) continue;
    seen.add(c.scope);
    const s = c.scope?.start ?? 0;
    const e = c.scope?.end ?? p.text.length;
    const url = urls.filter((u) => u.start >= s && u.end <= e).map((u) => widgetUrlFrom(u.value)).find((u) => u !== undefined);
    loaders.push({ global: c.global, ...(url ? { widgetUrl: url } : {}), start: c.start, end: c.end, script: p });
  }
  return loaders.sort((a, b) => a.start - b.start);
}

function smartQuotesWithin(p: ParsedScript, start: number, end: number): boolean {
  return p.fixes.some((f) => f >= start && f < end);
}

interface CallSite {
  /** text the node offsets refer to (script text or comment call text) */
  source: string;
  /** offset of `source` within the script text */
  base: number;
  commented: boolean;
  /** typographic quotes replaced within the call */
  smartQuotes: boolean;
}

function makeQueueCall(p: ParsedScript, n: EsNode, global: string, site: CallSite): { call: TagCall; constName: boolean } {
  const args = nodes(n.arguments);
  const first = args[0] ? evaluateNode(args[0], site.source) : ({ kind: 'undefined' } as StaticValue);
  const constName = first.kind === 'string' || first.kind === 'number';
  const name = staticString(first) ?? first.raw ?? '';
  const call: TagCall = {
    vendor: 'oksky',
    form: 'queue',
    name,
    args: certainArgs(p, site, n, args.slice(1)),
    global,
    origin: 'static',
    raw: sliceRaw(site.source, n.start, n.end),
    location: docLocation(p, site.base + n.start, site.base + n.end),
  };
  if (site.commented) call.commented = true;
  if (site.smartQuotes) call.smartQuotes = true;
  return { call, constName };
}

function makeSdkCall(p: ParsedScript, n: EsNode, name: 'new' | 'show', site: CallSite): TagCall {
  const call: TagCall = {
    vendor: 'oksky',
    form: 'sdk',
    name,
    args: certainArgs(p, site, n, nodes(n.arguments)),
    global: SDK_CLASS,
    origin: 'static',
    raw: sliceRaw(site.source, n.start, n.end),
    location: docLocation(p, site.base + n.start, site.base + n.end),
  };
  if (site.commented) call.commented = true;
  if (site.smartQuotes) call.smartQuotes = true;
  return call;
}

interface ScriptCalls {
  queue: FoundCall[];
  sdk: SdkNew[];
  /** `.show()` on something that is not a known `new OkskyChat` */
  strayShows: TagCall[];
}

function isSdkNew(n: EsNode | undefined): boolean {
  return !!n && n.type === 'NewExpression' && globalCallee(node(n.callee)) === SDK_CLASS;
}

let orderCounter = 0;

/** Live (not commented) calls of one parsed script. */
function findCalls(p: ParsedScript, globals: Set<string>, out: ScriptCalls): void {
  const ast = p.ast;
  if (!ast) return;
  const callNodes: EsNode[] = [];
  const newNodes: EsNode[] = [];
  const parents = walkOnce(ast, (n) => {
    if (n.type === 'CallExpression') callNodes.push(n);
    else if (n.type === 'NewExpression' && isSdkNew(n)) newNodes.push(n);
  });
  const site = (n: EsNode): CallSite => ({ source: p.text, base: 0, commented: false, smartQuotes: smartQuotesWithin(p, n.start, n.end) });
  // SDK constructions and what they are bound to
  const byNode = new Map<EsNode, SdkNew>();
  const bindings = new Map<string, SdkNew>();
  for (const n of newNodes.sort((a, b) => a.start - b.start)) {
    const entry: SdkNew = { call: makeSdkCall(p, n, 'new', site(n)), order: orderCounter++, shows: [] };
    byNode.set(n, entry);
    out.sdk.push(entry);
    const parent = parents.get(n);
    if (parent?.type === 'VariableDeclarator' && node(parent.init) === n) {
      const id = identName(node(parent.id));
      if (id) bindings.set(id, entry);
    } else if (parent?.type === 'AssignmentExpression' && node(parent.right) === n) {
      const left = node(parent.left);
      if (left) bindings.set(p.text.slice(left.start, left.end).replace(/\s+/g, ''), entry);
    }
  }
  for (const n of callNodes.sort((a, b) => a.start - b.start)) {
    if (out.queue.length >= MAX_CALLS) break;
    const callee = node(n.callee);
    const g = globalCallee(callee);
    if (g && globals.has(g)) {
      const { call, constName } = makeQueueCall(p, n, g, site(n));
      out.queue.push({ call, constName, order: orderCounter++ });
      continue;
    }
    if (callee?.type === 'MemberExpression' && memberName(callee) === 'show' && !callee.computed) {
      const obj = node(callee.object);
      if (!obj) continue;
      const target = isSdkNew(obj)
        ? byNode.get(obj)
        : bindings.get(p.text.slice(obj.start, obj.end).replace(/\s+/g, '')) ??
          (obj.type === 'MemberExpression' && identName(node(obj.object)) && WINDOW_NAMES.has(identName(node(obj.object)) as string)
            ? bindings.get(memberName(obj) ?? '')
            : undefined);
      const call = makeSdkCall(p, n, 'show', site(n));
      if (target) target.shows.push(call);
      else if (newNodes.length > 0 || /okskychat/i.test(p.text.slice(obj.start, obj.end))) out.strayShows.push(call);
    }
  }
}

function callPattern(globals: Set<string>): RegExp {
  const names = [...globals].map((g) => g.replace(/[$]/g, '\\$')).join('|');
  return new RegExp(`(new\\s+)?(?:(?:window|self|globalThis)\\s*(?:\\.\\s*|\\[\\s*["'])\\s*)?\\b(${names})\\b["']?\\s*\\]?\\s*\\(`, 'g');
}

interface ScanResult {
  queue: FoundCall[];
  sdk: TagCall[];
  /** call-looking matches tried, and the characters parsed for them (bounded: each costs a small parse) */
  attempts: number;
  parsedChars: number;
}

/** Matches the scanner tries per script, and how far it looks for a call's closing parenthesis. */
const MAX_SCAN_ATTEMPTS = 500;
const MAX_SCAN_PARSE_CHARS = 200_000;
const MAX_SCAN_CALL = 4_000;
/** acorn-loose is tried on a call's text only up to this length */
const MAX_LOOSE_CALL = 2_000;

/**
 * Finds `NAME(...)`, `window.NAME(...)`, `window["NAME"](...)` and `new OkskyChat(...)` in a region of
 * the script's text without a syntax tree (comments, or scripts no parser could read).
 */
function scanRegion(p: ParsedScript, region: string, regionStart: number, re: RegExp, commented: boolean, res: ScanResult): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(region)) !== null) {
    if (res.queue.length + res.sdk.length >= MAX_CALLS || res.attempts >= MAX_SCAN_ATTEMPTS || res.parsedChars >= MAX_SCAN_PARSE_CHARS) return;
    res.attempts++;
    const callStart = m.index;
    const open = m.index + m[0].length - 1;
    let end = matchParen(region, open, MAX_SCAN_CALL);
    if (end < 0) {
      const nl = region.slice(open, open + MAX_SCAN_CALL).search(/[\r\n]/);
      end = nl < 0 ? Math.min(region.length, open + MAX_SCAN_CALL) : open + nl;
    }
    re.lastIndex = Math.max(end, open + 1);
    const callText = region.slice(callStart, end);
    res.parsedChars += callText.length;
    const parsed = parseCallText(callText);
    if (!parsed) continue;
    const site: CallSite = {
      source: callText,
      base: regionStart + callStart,
      commented,
      smartQuotes: parsed.fixes.some((f) => f >= parsed.node.start && f < parsed.node.end),
    };
    if (m[1]) {
      if (parsed.node.type === 'NewExpression') res.sdk.push(makeSdkCall(p, parsed.node, 'new', site));
    } else if (parsed.node.type === 'CallExpression') {
      const { call, constName } = makeQueueCall(p, parsed.node, m[2], site);
      res.queue.push({ call, constName, order: orderCounter++ });
    }
  }
}

/** Calls written inside comments (`//OkskyChat("loginKey", "customer_id");`). */
function findCommentedCalls(p: ParsedScript, globals: Set<string>): ScanResult {
  const res: ScanResult = { queue: [], sdk: [], attempts: 0, parsedChars: 0 };
  const re = callPattern(globals);
  let scanned = 0;
  for (const c of p.comments) {
    if (scanned > MAX_COMMENT_SCAN) break;
    const value = c.value;
    scanned += value.length;
    if (!value.includes('(')) continue;
    const valueStart = c.valueStart ?? (c.type === 'Block' ? c.end - 2 - value.length : c.end - value.length);
    scanRegion(p, value, valueStart, re, true, res);
  }
  return res;
}

/** Parses one call's text (from a comment, or from the scanner), tolerant of typographic quotes. */
function parseCallText(text: string): { node: EsNode; fixes: number[] } | undefined {
  const repaired = repairQuotes(text);
  try {
    const n = acorn.parseExpressionAt(repaired.text, 0, { ecmaVersion: 'latest' }) as unknown as EsNode;
    return { node: n, fixes: repaired.fixes };
  } catch {
    if (repaired.text.length > MAX_LOOSE_CALL) return undefined;
    try {
      const program = acornLoose.parse(repaired.text, { ecmaVersion: 'latest' }) as unknown as EsNode;
      const first = nodes(program.body)[0];
      const expr = first?.type === 'ExpressionStatement' ? node(first.expression) : undefined;
      return expr ? { node: expr, fixes: repaired.fixes } : undefined;
    } catch {
      return undefined;
    }
  }
}

/** Scripts without a syntax tree (too large to parse, or no parser could read them): scan the code between comments. */
function scanCalls(p: ParsedScript, globals: Set<string>, out: ScriptCalls): void {
  const res: ScanResult = { queue: [], sdk: [], attempts: 0, parsedChars: 0 };
  const re = callPattern(globals);
  let from = 0;
  const regions: [number, number][] = [];
  for (const c of [...p.comments].sort((a, b) => a.start - b.start)) {
    if (c.start > from) regions.push([from, c.start]);
    from = Math.max(from, c.end);
  }
  if (from < p.text.length) regions.push([from, p.text.length]);
  for (const [a, b] of regions) scanRegion(p, p.text.slice(a, b), a, re, false, res);
  out.queue.push(...res.queue);
  for (const s of res.sdk) out.sdk.push({ call: s, order: orderCounter++, shows: [] });
}

// ---------------------------------------------------------------------------------------------
// tags

function splitLoginKey(v: StaticValue | undefined): string[] {
  const s = staticString(v);
  if (s === undefined) return [];
  return s
    .split(/[,，、]/)
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

function widgetFromScriptUrls(page: Page, form: 'queue' | 'sdk'): string | undefined {
  return page.scriptUrls.find((u) => okskyWidgetInfo(u)?.form === form);
}

function hostOf(url: string | undefined): string | undefined {
  return url ? okskyWidgetInfo(url)?.host : undefined;
}

function buildQueueTag(
  origin: 'static' | 'runtime',
  global: string,
  loaders: Loader[],
  calls: FoundCall[],
  commented: FoundCall[],
  page: Page,
): OkskyTag {
  const live = calls.map((c) => c.call);
  const keyCalls = calls.filter((c) => c.constName && c.call.name === 'key');
  const loginKeyCalls = calls.filter((c) => c.constName && c.call.name === 'loginKey').map((c) => c.call);
  const keys: string[] = [];
  for (const k of keyCalls) {
    const v = staticString(k.call.args[0]);
    if (v !== undefined && !keys.includes(v)) keys.push(v);
  }
  const lastKey = keyCalls[keyCalls.length - 1];
  const key = lastKey ? staticString(lastKey.call.args[0]) : undefined;
  const lastLoginKey = loginKeyCalls[loginKeyCalls.length - 1];
  const keywords: MasterKeyword[] = calls
    .filter((c) => c.constName && c.call.name !== 'key' && c.call.name !== 'loginKey' && c.call.name !== '')
    .map((c) => ({ name: c.call.name, value: c.call.args[0] ?? { kind: 'undefined' }, call: c.call, via: 'queue' as const }));
  const loaderUrls = [...new Set(loaders.map((l) => l.widgetUrl).filter((u): u is string => u !== undefined))];
  const widgetUrl = loaderUrls[0] ?? widgetFromScriptUrls(page, 'queue');
  const firstLoader = loaders[0];
  const tag: OkskyTag = {
    form: 'queue',
    origin,
    global,
    loaderCount: loaders.length,
    calls: live,
    commentedCalls: commented.map((c) => c.call),
    keys,
    loginKeys: splitLoginKey(lastLoginKey?.args[0]),
    loginKeyCalls,
    keywords,
  };
  if (widgetUrl) {
    tag.widgetUrl = widgetUrl;
    const host = hostOf(widgetUrl);
    if (host) tag.widgetHost = host;
  }
  if (loaderUrls.length > 1) tag.widgetUrls = loaderUrls;
  if (firstLoader) tag.location = docLocation(firstLoader.script, firstLoader.start, firstLoader.end);
  else if (live[0]?.location) tag.location = live[0].location;
  if (key !== undefined) tag.key = key;
  return tag;
}

function objectEntry(v: StaticValue | undefined, key: string): StaticValue | undefined {
  if (!v || v.kind !== 'object') return undefined;
  let found: StaticValue | undefined;
  for (const e of v.entries) if (e.key === key) found = e.value;
  return found;
}

function buildSdkTag(origin: 'static' | 'runtime', news: SdkNew[], commented: TagCall[], page: Page): OkskyTag {
  const last = news[news.length - 1];
  const newCall = last?.call;
  const options = newCall?.args[2];
  const login = objectEntry(options, 'login');
  const userInfos = objectEntry(options, 'user_infos');
  const keywords: MasterKeyword[] = [];
  if (newCall) {
    if (login?.kind === 'object') for (const e of login.entries) keywords.push({ name: e.key, value: e.value, call: newCall, via: 'sdk-login' });
    if (userInfos?.kind === 'object') {
      for (const e of userInfos.entries) keywords.push({ name: e.key, value: e.value, call: newCall, via: 'sdk-user-infos' });
    }
  }
  const keys: string[] = [];
  for (const n of news) {
    const k = staticString(n.call.args[0]);
    if (k !== undefined && !keys.includes(k)) keys.push(k);
  }
  const key = staticString(newCall?.args[0]);
  const shows = news.flatMap((n) => n.shows);
  const calls = news.flatMap((n) => [n.call, ...n.shows]);
  const widgetUrl = widgetFromScriptUrls(page, 'sdk');
  const tag: OkskyTag = {
    form: 'sdk',
    origin,
    global: SDK_CLASS,
    loaderCount: news.length,
    calls,
    commentedCalls: commented,
    keys,
    loginKeys: login?.kind === 'object' ? login.entries.map((e) => e.key) : [],
    loginKeyCalls: [],
    keywords,
    shown: shows.length > 0,
  };
  if (widgetUrl) {
    tag.widgetUrl = widgetUrl;
    const host = hostOf(widgetUrl);
    if (host) tag.widgetHost = host;
  }
  if (newCall?.location) tag.location = newCall.location;
  if (key !== undefined) tag.key = key;
  if (newCall && newCall.args[1] !== undefined) tag.systemUrl = newCall.args[1];
  if (login !== undefined) tag.sdkLogin = login;
  return tag;
}

function sdkGroupKey(n: SdkNew, i: number): string {
  const k = staticString(n.call.args[0]);
  return k !== undefined ? `id:${k}` : `#${i}`;
}

/** Groups SDK constructions by widget id (one tag per widget). */
function sdkTags(origin: 'static' | 'runtime', news: SdkNew[], strayShows: TagCall[], commented: TagCall[], page: Page): OkskyTag[] {
  const groups = new Map<string, SdkNew[]>();
  news.forEach((n, i) => {
    const k = sdkGroupKey(n, i);
    const list = groups.get(k) ?? [];
    list.push(n);
    groups.set(k, list);
  });
  const tags: OkskyTag[] = [];
  let first = true;
  for (const list of groups.values()) {
    if (first && strayShows.length > 0) {
      list[list.length - 1].shows.push(...strayShows);
    }
    tags.push(buildSdkTag(origin, list, first ? commented : [], page));
    first = false;
  }
  if (tags.length === 0 && commented.length > 0) tags.push(buildSdkTag(origin, [], commented, page));
  return tags;
}

// ---------------------------------------------------------------------------------------------
// static and runtime evidence

function staticEvidence(page: Page): { tags: OkskyTag[]; syntaxErrors: ScriptSyntaxError[] } {
  const scripts = Array.isArray(page.scripts) ? page.scripts : [];
  const parsed = new Map<number, ParsedScript>();
  const parse = (i: number): ParsedScript => {
    let p = parsed.get(i);
    if (!p) {
      p = parseScript(i, scripts[i]);
      parsed.set(i, p);
    }
    return p;
  };
  const isJs = (s: InlineScript) => s.type === undefined || s.type === 'module';

  // phase 1: loaders, in scripts that name OK SKY
  const loaders: Loader[] = [];
  scripts.forEach((s, i) => {
    if (!isJs(s) || typeof s.text !== 'string' || !MARKER.test(s.text)) return;
    loaders.push(...findLoaders(parse(i)));
  });
  const globals = new Set<string>([DEFAULT_GLOBAL, ...loaders.map((l) => l.global)]);

  // phase 2: calls, in every script naming OK SKY or one of the globals
  const out: ScriptCalls = { queue: [], sdk: [], strayShows: [] };
  const commentedQueue: FoundCall[] = [];
  const commentedSdk: TagCall[] = [];
  const syntaxErrors: ScriptSyntaxError[] = [];
  scripts.forEach((s, i) => {
    if (!isJs(s) || typeof s.text !== 'string') return;
    const text = s.text.length > MAX_PARSE_CHARS ? s.text.slice(0, MAX_PARSE_CHARS) : s.text;
    if (!MARKER.test(text) && ![...globals].some((g) => text.includes(g))) return;
    const p = parse(i);
    const before = out.queue.length + out.sdk.length;
    if (p.ast) findCalls(p, globals, out);
    else scanCalls(p, globals, out);
    const commented = findCommentedCalls(p, globals);
    commentedQueue.push(...commented.queue);
    commentedSdk.push(...commented.sdk);
    // a fragment's edges are ours (locate.ts): its parse errors are not the page's
    if (p.error && !s.truncated && s.fragment !== true) {
      const found = out.queue.length + out.sdk.length > before || commented.queue.length + commented.sdk.length > 0;
      const holdsTag = found || loaders.some((l) => l.script.index === p.index) || HOST_MARKER.test(text);
      const lineNo = p.lines.position(p.error.pos).line;
      const lineStart = p.lines.lineStart(lineNo);
      const lineEndRel = text.slice(lineStart).search(/[\r\n]/);
      const lineText = text.slice(lineStart, lineEndRel < 0 ? undefined : lineStart + lineEndRel);
      syntaxErrors.push({
        scriptIndex: i,
        message: p.error.message,
        location: docLocation(p, p.error.pos),
        smartQuotes: p.error.smartQuotes,
        lineText: lineText.length > MAX_LINE_TEXT ? `${lineText.slice(0, MAX_LINE_TEXT)}…` : lineText,
        holdsTag,
      });
    }
  });

  // queue tags: one per global that has a loader or calls
  const tags: OkskyTag[] = [];
  const order = [...new Set([...loaders.map((l) => l.global), ...out.queue.map((c) => c.call.global ?? DEFAULT_GLOBAL), ...commentedQueue.map((c) => c.call.global ?? DEFAULT_GLOBAL)])];
  for (const g of order) {
    const ls = loaders.filter((l) => l.global === g);
    const calls = out.queue.filter((c) => (c.call.global ?? DEFAULT_GLOBAL) === g).sort((a, b) => a.order - b.order);
    const commented = commentedQueue.filter((c) => (c.call.global ?? DEFAULT_GLOBAL) === g);
    // the default global with nothing but SDK constructions is not a queue tag
    if (ls.length === 0 && calls.length === 0 && commented.length === 0) continue;
    tags.push(buildQueueTag('static', g, ls, calls, commented, page));
  }
  tags.push(...sdkTags('static', out.sdk.sort((a, b) => a.order - b.order), out.strayShows, commentedSdk, page));
  // a tag with a call or loader in a script the parser had to guess in
  const guessedScripts = new Set(scripts.map((_s, i) => i).filter((i) => parsed.get(i)?.guessedFrom !== undefined));
  if (guessedScripts.size > 0) {
    for (const t of tags) {
      if (t.calls.some((c) => c.location?.script !== undefined && guessedScripts.has(c.location.script))) t.guessed = true;
    }
  }
  return { tags, syntaxErrors };
}

function runtimeEvidence(page: Page): OkskyTag[] {
  const calls = (Array.isArray(page.runtimeCalls) ? page.runtimeCalls : []).filter((c) => c && c.vendor === 'oksky').slice(0, MAX_CALLS);
  const queueByGlobal = new Map<string, FoundCall[]>();
  const news: SdkNew[] = [];
  for (const c of calls) {
    if (c.form === 'sdk') {
      if (c.name === 'new') news.push({ call: c, order: orderCounter++, shows: [] });
      else if (c.name === 'show' && news.length > 0) news[news.length - 1].shows.push(c);
      continue;
    }
    const g = c.global ?? DEFAULT_GLOBAL;
    const list = queueByGlobal.get(g) ?? [];
    // the probe names a non-string first argument `(number)`, `(object)`, ...: not a master keyword
    list.push({ call: c, constName: typeof c.name === 'string' && !/^\(\w+\)$/.test(c.name), order: orderCounter++ });
    queueByGlobal.set(g, list);
  }
  const tags: OkskyTag[] = [];
  for (const [g, list] of queueByGlobal) {
    // the probe sees the queue running: the loader ran once for it
    const tag = buildQueueTag('runtime', g, [], list, [], page);
    tag.loaderCount = 1;
    tags.push(tag);
  }
  tags.push(...sdkTags('runtime', news, [], [], page));
  return tags;
}

/** The OK SKY evidence of a page. Never throws: on an unexpected failure the page yields no evidence. */
export function extractOksky(page: Page): OkskyPageEvidence {
  const runtimeCalls = Array.isArray(page?.runtimeCalls) ? page.runtimeCalls : [];
  const probed = page?.probed === true || runtimeCalls.length > 0;
  let staticTags: OkskyTag[];
  let syntaxErrors: ScriptSyntaxError[];
  let runtimeTags: OkskyTag[];
  try {
    const s = staticEvidence(page);
    staticTags = s.tags;
    syntaxErrors = s.syntaxErrors;
  } catch {
    staticTags = [];
    syntaxErrors = [];
  }
  try {
    runtimeTags = runtimeEvidence(page);
  } catch {
    runtimeTags = [];
  }
  return { staticTags, runtimeTags, probed, syntaxErrors };
}
