/**
 * Static extraction of Channel Talk tags from a page's source: the official inline loader snippet
 * (defines `w.ChannelIO` with a `ch.q` queue and inserts `ch-plugin-web.js`), the
 * `@channel.io/channel-web-sdk-loader` style (`ChannelService.loadScript()`,
 * `ChannelService.boot({...})`, named imports), and every `ChannelIO(command, ...)` call.
 *
 * Scripts are parsed with acorn; a script that does not parse goes through acorn-loose so the
 * calls before and after the error are still seen (and the error is reported). Values are
 * evaluated statically (`evaluateNode`): anything that needs running code is `{kind:'unknown'}`,
 * which the rules read as "cannot tell", never as wrong.
 *
 * Pure, bounded, never throws.
 */
import { parse, type Options } from 'acorn';
import { parse as looseParse } from 'acorn-loose';
import type { Location, Page, StaticValue, TagCall } from '../model';
import { LineIndex } from '../html';
import { templateExpressionIn } from '../placeholder';
import { guessedSpan, needsSourceParser, overlapsGuess, parseSource, validPrefix, type SourceLang } from '../source-parser';
import { evaluateNode, isEsNode, type EsNode } from '../static-value';
import { CHANNELTALK_SDK_LOADER_PACKAGE, isChannelTalkCommand } from './schema';

/** At most this many Channel Talk calls are kept per page (a page boots once or twice). */
export const MAX_CALLS_PER_PAGE = 500;
/** Scripts longer than this are not parsed (the page model already bounds them; this is a second guard). */
export const MAX_PARSE_CHARS = 4 * 1024 * 1024;
/** Nodes visited per script before the walk gives up (bounds time on pathological input). */
const MAX_NODES_PER_SCRIPT = 2_000_000;
const MAX_RAW = 2_000;

/** How the page loads the Channel Talk SDK. */
export interface ChannelTalkLoader {
  form: 'snippet' | 'sdk-loader';
  origin: 'static' | 'runtime';
  /**
   * inline-snippet: the official loader snippet in an inline script;
   * script-url: a `<script src>` of `ch-plugin-web.js` or the SDK loader package (CDN build);
   * import: `import ... from '@channel.io/channel-web-sdk-loader'` / `require(...)`;
   * load-script: a `ChannelService.loadScript()` call;
   * runtime-call: the probe saw `ChannelIO` calls.
   */
  how: 'inline-snippet' | 'script-url' | 'import' | 'load-script' | 'runtime-call';
  location?: Location;
  url?: string;
}

/** An inline script holding Channel Talk code that does not parse: what runs stops at the error. */
export interface ChannelTalkSyntaxError {
  scriptIndex: number;
  message: string;
  location: Location;
  /** the error line uses typographic quotes (“ ” ‘ ’ …) where straight quotes belong */
  smartQuotes: boolean;
  /** an unrendered template expression on the error line (`<?php echo $TPL_VAR["id"]?>`): the likely cause, shown as is */
  template?: string;
}

const SMART_QUOTES = /[\u201C\u201D\u2018\u2019\uFF02\uFF07\u2033\u2032]/;

export interface ChannelTalkStaticExtraction {
  loaders: ChannelTalkLoader[];
  /** the calls in document order */
  calls: TagCall[];
  syntaxErrors: ChannelTalkSyntaxError[];
  /** calls beyond MAX_CALLS_PER_PAGE were dropped */
  truncated?: boolean;
}

const INDICATOR = /ChannelIO|ChannelService|channel-web-sdk-loader|ch-plugin-web|channelService/;
const PLUGIN_SCRIPT = /^(?:https?:)?\/\/cdn\.channel\.io\/plugin\/ch-plugin-web\.js(?:[?#]|$)/i;
const LOADER_URL = /channel-web-sdk-loader/i;
/** names people give the loader module or the old docs' `ChannelService` class instance */
const SERVICE_OBJECT = /^(?:ChannelService|channelService|ChannelIOService|channelIOService|ChannelTalk|channelTalk|ChannelTalkService|channelTalkService)$/;
const JS_TYPE = /^(?:$|module$|text\/(?:java|ecma)script|application\/(?:x-)?(?:java|ecma)script|text\/babel|text\/jsx)/i;

/** The script's type runs as JavaScript (classic, module, or a JSX type a bundler runs). */
export function isJavaScriptType(type: string | undefined): boolean {
  return JS_TYPE.test((type ?? '').trim());
}

export function isChannelTalkPluginUrl(url: string): boolean {
  return PLUGIN_SCRIPT.test(url.trim());
}

export function isChannelTalkLoaderUrl(url: string): boolean {
  return LOADER_URL.test(url);
}

/** Maps a position inside an inline script to the document (1-based line and column). */
function toDocLocation(
  script: Page['scripts'][number],
  scriptIndex: number,
  start: { line: number; column: number },
  end?: { line: number; column: number },
): Location {
  const map = (p: { line: number; column: number }) => ({
    line: script.line + p.line - 1,
    column: p.line === 1 ? script.column + p.column : p.column + 1,
  });
  const s = map(start);
  const loc: Location = { line: s.line, column: s.column, script: scriptIndex };
  if (end) {
    const e = map(end);
    loc.endLine = e.line;
    loc.endColumn = e.column;
  }
  return loc;
}

interface ParsedScript {
  program: EsNode;
  /** `pos`: offset of the error; what the program holds from there on was guessed (RULES.md "A broken parse") */
  error?: { message: string; line: number; column: number; pos: number };
}

const PARSE_OPTIONS: Options = {
  ecmaVersion: 'latest',
  locations: true,
  allowHashBang: true,
  allowReturnOutsideFunction: true,
  allowImportExportEverywhere: true,
  allowAwaitOutsideFunction: true,
};

/** `loc` (acorn's shape: 1-based line, 0-based column) on every node of a source parser's program */
function addLocations(program: EsNode, text: string): void {
  const lines = new LineIndex(text);
  const at = (offset: number) => {
    const p = lines.position(offset);
    return { line: p.line, column: p.column - 1 };
  };
  walk(program, (node) => {
    if (typeof node.start === 'number' && typeof node.end === 'number') node.loc = { start: at(node.start), end: at(node.end) };
  });
}

/** TypeScript / JSX through the injected source parser; undefined when none is registered. */
function parseWithSourceParser(text: string, lang: SourceLang): ParsedScript | undefined {
  const r = parseSource(text, lang, 'module');
  if (!r) return undefined;
  if (!r.error) {
    addLocations(r.program, text);
    return { program: r.program };
  }
  // no tolerant parse of TypeScript: what is read is the whole lines before the error, when they parse
  const prefix = parseSource(validPrefix(text, r.error.pos), lang, 'module');
  const program: EsNode = prefix && !prefix.error ? prefix.program : { type: 'Program', body: [], start: 0, end: 0 };
  addLocations(program, text);
  const p = new LineIndex(text).position(Math.min(r.error.pos, text.length));
  return { program, error: { message: r.error.message, line: p.line, column: p.column - 1, pos: r.error.pos } };
}

/** The text after a syntax error's line parses on its own (the tolerant parser's reading of it is not a guess). */
function restParses(rest: string, lang: string | undefined): boolean {
  if (needsSourceParser(lang)) {
    const r = parseSource(rest, lang, 'module');
    return r !== undefined && r.error === undefined;
  }
  for (const sourceType of ['script', 'module'] as const) {
    try {
      parse(rest, { ...PARSE_OPTIONS, sourceType });
      return true;
    } catch {
      // try the other source type
    }
  }
  return false;
}

function parseScript(text: string, isModule: boolean, lang?: string): ParsedScript | undefined {
  if (needsSourceParser(lang)) {
    const viaSource = parseWithSourceParser(text, lang);
    if (viaSource) return viaSource;
  }
  const attempt = (sourceType: 'script' | 'module') => parse(text, { ...PARSE_OPTIONS, sourceType }) as unknown as EsNode;
  try {
    return { program: attempt(isModule ? 'module' : 'script') };
  } catch (first) {
    if (!isModule) {
      // `import` statements in a classic script (bundler templates, copy-pasted docs): try as a module
      try {
        return { program: attempt('module') };
      } catch {
        // fall through to the tolerant parser with the first error
      }
    }
    const e = first as { message?: string; loc?: { line: number; column: number }; pos?: number };
    const error = {
      message: String(e.message ?? 'SyntaxError'),
      line: e.loc?.line ?? 1,
      column: e.loc?.column ?? 0,
      pos: typeof e.pos === 'number' ? e.pos : 0,
    };
    try {
      const program = looseParse(text, { ...PARSE_OPTIONS, sourceType: isModule ? 'module' : 'script' }) as unknown as EsNode;
      return { program, error };
    } catch {
      return undefined;
    }
  }
}

function children(node: EsNode): EsNode[] {
  const out: EsNode[] = [];
  for (const key of Object.keys(node)) {
    if (key === 'loc' || key === 'range' || key === 'type' || key === 'start' || key === 'end') continue;
    const v = node[key];
    if (Array.isArray(v)) {
      for (const item of v) if (isEsNode(item)) out.push(item);
    } else if (isEsNode(v)) {
      out.push(v);
    }
  }
  return out;
}

/** Depth-first pre-order walk (source order), iterative and bounded. */
function walk(root: EsNode, visit: (node: EsNode) => void): void {
  const stack: EsNode[] = [root];
  let count = 0;
  while (stack.length > 0) {
    const node = stack.pop() as EsNode;
    if (++count > MAX_NODES_PER_SCRIPT) return;
    visit(node);
    const kids = children(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
}

function nameOf(node: unknown): string | undefined {
  if (!isEsNode(node)) return undefined;
  if (node.type === 'Identifier') return typeof node.name === 'string' ? node.name : undefined;
  return undefined;
}

/** `ChannelIO`, `window.ChannelIO`, `w.ChannelIO`, `window['ChannelIO']`, `globalThis.ChannelIO`. */
function isChannelIOCallee(callee: EsNode): boolean {
  if (callee.type === 'Identifier') return callee.name === 'ChannelIO';
  if (callee.type === 'MemberExpression') {
    const prop = callee.property;
    if (!isEsNode(prop)) return false;
    if (!callee.computed) return prop.type === 'Identifier' && prop.name === 'ChannelIO';
    return prop.type === 'Literal' && prop.value === 'ChannelIO';
  }
  return false;
}

function memberName(callee: EsNode): { object?: string; property?: string } {
  if (callee.type !== 'MemberExpression') return {};
  const prop = callee.property;
  let property: string | undefined;
  if (isEsNode(prop)) {
    if (!callee.computed && prop.type === 'Identifier') property = String(prop.name);
    else if (callee.computed && prop.type === 'Literal' && typeof prop.value === 'string') property = prop.value;
  }
  return { object: nameOf(callee.object), property };
}

function isLoaderSource(node: unknown): boolean {
  return isEsNode(node) && node.type === 'Literal' && node.value === CHANNELTALK_SDK_LOADER_PACKAGE;
}

function rawOf(node: EsNode, text: string): string {
  const s = text.slice(node.start, node.end);
  return s.length > MAX_RAW ? `${s.slice(0, MAX_RAW)}…` : s;
}

/**
 * Identifiers declared once with an object literal and never reassigned or mutated
 * (`var settings = {...}; ChannelIO('boot', settings)`): the call's argument is that object.
 */
function constantObjectBindings(program: EsNode): Map<string, EsNode> {
  const declared = new Map<string, EsNode | null>();
  const mutated = new Set<string>();
  walk(program, (node) => {
    if (node.type === 'VariableDeclarator') {
      const id = nameOf(node.id);
      if (!id) return;
      const init = node.init;
      if (declared.has(id) || !isEsNode(init) || init.type !== 'ObjectExpression') declared.set(id, null);
      else declared.set(id, init);
    } else if (node.type === 'AssignmentExpression' || node.type === 'UpdateExpression') {
      let target = node.type === 'AssignmentExpression' ? node.left : node.argument;
      // `settings.profile.email = x` mutates `settings`
      while (isEsNode(target) && target.type === 'MemberExpression') target = target.object;
      const id = nameOf(target);
      if (id) mutated.add(id);
    } else if (node.type === 'CallExpression') {
      // Object.assign(settings, ...) mutates its first argument
      const callee = node.callee;
      if (isEsNode(callee) && callee.type === 'MemberExpression' && nameOf(callee.object) === 'Object') {
        const args = node.arguments as unknown[];
        const id = nameOf(args?.[0]);
        if (id) mutated.add(id);
      }
    }
  });
  const out = new Map<string, EsNode>();
  for (const [id, init] of declared) if (init && !mutated.has(id)) out.set(id, init);
  return out;
}

function extractFromScript(
  page: Page,
  scriptIndex: number,
  out: ChannelTalkStaticExtraction,
): void {
  const script = page.scripts[scriptIndex];
  const text = script.text;
  if (text.length > MAX_PARSE_CHARS || !INDICATOR.test(text)) return;
  if (!isJavaScriptType(script.type)) return;
  const parsed = parseScript(text, (script.type ?? '').trim().toLowerCase() === 'module', script.lang);
  if (!parsed) return;
  // a fragment's edges are ours (locate.ts): its parse errors are not the page's
  if (parsed.error && script.fragment !== true) {
    const lineText = text.split(/\r\n|\n|\r/)[parsed.error.line - 1] ?? '';
    const syntaxError: ChannelTalkSyntaxError = {
      scriptIndex,
      message: parsed.error.message.slice(0, 300),
      location: toDocLocation(script, scriptIndex, { line: parsed.error.line, column: parsed.error.column }),
      smartQuotes: SMART_QUOTES.test(lineText),
    };
    const template = templateExpressionIn(lineText);
    if (template !== undefined && !syntaxError.smartQuotes) syntaxError.template = template.slice(0, 200);
    out.syntaxErrors.push(syntaxError);
  }
  const program = parsed.program;
  const locOf = (node: EsNode): Location | undefined => {
    const loc = node.loc as { start?: { line: number; column: number }; end?: { line: number; column: number } } | undefined;
    return loc?.start ? toDocLocation(script, scriptIndex, loc.start, loc.end) : undefined;
  };

  // bindings of the SDK loader module: namespace/default objects and named functions
  const namespaces = new Set<string>();
  const named = new Map<string, string>();
  let snippetSeen = false;
  const bindings = constantObjectBindings(program);

  const evaluateArg = (node: unknown): StaticValue => {
    // A broken parse never invents findings (RULES.md): an argument the tolerant parser read on the
    // error's line is a guess; the call is kept (the tag is there), its argument is unknown.
    if (isEsNode(node) && overlapsGuess(guessed, node.start, node.end)) return { kind: 'unknown', raw: rawOf(node, text) };
    if (isEsNode(node) && node.type === 'Identifier') {
      const init = bindings.get(String(node.name));
      if (init) return evaluateNode(init, text);
    }
    if (isEsNode(node) && node.type === 'SpreadElement') return { kind: 'unknown', raw: rawOf(node, text) };
    return evaluateNode(node, text);
  };

  // A broken parse never invents findings (RULES.md): a call that does not end before the syntax
  // error was read by the tolerant parser, so its arguments are guesses. The call is kept (the tag
  // is there) but its arguments are unknown, and no key, value or missing-key rule can rest on them.
  const guessed = parsed.error ? guessedSpan(text, parsed.error.pos, (rest) => restParses(rest, script.lang)) : undefined;
  const pushCall = (call: TagCall, node: EsNode) => {
    // a call the tolerant parser read in the guessed part: even its argument list is a guess (an
    // argument may be missing because the parser closed the call early), so it ends in an unknown one
    if (overlapsGuess(guessed, node.start, node.end)) call.args = [...call.args.map((a) => ({ kind: 'unknown' as const, raw: a.raw })), { kind: 'unknown' }];
    if (out.calls.length >= MAX_CALLS_PER_PAGE) {
      out.truncated = true;
      return;
    }
    out.calls.push(call);
  };

  walk(program, (node) => {
    switch (node.type) {
      case 'ImportDeclaration': {
        if (!isLoaderSource(node.source)) return;
        out.loaders.push({ form: 'sdk-loader', origin: 'static', how: 'import', location: locOf(node) });
        for (const spec of (node.specifiers as unknown[]) ?? []) {
          if (!isEsNode(spec)) continue;
          const local = nameOf(spec.local);
          if (!local) continue;
          if (spec.type === 'ImportSpecifier') {
            const imported = isEsNode(spec.imported) ? String(spec.imported.name ?? spec.imported.value ?? '') : local;
            named.set(local, imported);
          } else {
            namespaces.add(local);
          }
        }
        return;
      }
      case 'ImportExpression': {
        if (isLoaderSource(node.source)) out.loaders.push({ form: 'sdk-loader', origin: 'static', how: 'import', location: locOf(node) });
        return;
      }
      case 'VariableDeclarator': {
        // const ChannelService = require('@channel.io/channel-web-sdk-loader')
        const init = node.init;
        if (isEsNode(init) && init.type === 'CallExpression' && nameOf(init.callee) === 'require') {
          const args = init.arguments as unknown[];
          if (isLoaderSource(args?.[0])) {
            out.loaders.push({ form: 'sdk-loader', origin: 'static', how: 'import', location: locOf(node) });
            const id = nameOf(node.id);
            if (id) namespaces.add(id);
            else if (isEsNode(node.id) && node.id.type === 'ObjectPattern') {
              for (const p of (node.id.properties as unknown[]) ?? []) {
                if (!isEsNode(p) || p.type !== 'Property') continue;
                const key = nameOf(p.key);
                const value = nameOf(p.value);
                if (key && value) named.set(value, key);
              }
            }
          }
        }
        return;
      }
      case 'Literal': {
        if (!snippetSeen && typeof node.value === 'string' && isChannelTalkPluginUrl(node.value)) {
          snippetSeen = true;
          out.loaders.push({ form: 'snippet', origin: 'static', how: 'inline-snippet', location: locOf(node), url: node.value });
        }
        return;
      }
      case 'CallExpression': {
        const callee = node.callee;
        if (!isEsNode(callee)) return;
        const args = Array.isArray(node.arguments) ? (node.arguments as unknown[]) : [];
        if (isChannelIOCallee(callee)) {
          const first = args[0];
          if (!isEsNode(first)) return;
          const command = evaluateNode(first, text);
          if (command.kind !== 'string') return; // a wrapper forwarding `...args`: not a tag call
          pushCall({
            vendor: 'channeltalk',
            form: 'snippet',
            name: command.value,
            args: args.slice(1, 10).map(evaluateArg),
            global: 'ChannelIO',
            origin: 'static',
            raw: rawOf(node, text),
            location: locOf(node),
          }, node);
          return;
        }
        let method: string | undefined;
        let via: string | undefined;
        if (callee.type === 'Identifier' && named.has(String(callee.name))) {
          method = named.get(String(callee.name));
          via = String(callee.name);
        } else if (callee.type === 'MemberExpression') {
          const m = memberName(callee);
          if (m.object && m.property && (namespaces.has(m.object) || SERVICE_OBJECT.test(m.object))) {
            method = m.property;
            via = m.object;
          }
        }
        if (!method) return;
        if (method === 'loadScript') {
          out.loaders.push({ form: 'sdk-loader', origin: 'static', how: 'load-script', location: locOf(node) });
          return;
        }
        if (!isChannelTalkCommand(method)) return;
        pushCall({
          vendor: 'channeltalk',
          form: 'sdk-loader',
          name: method,
          args: args.slice(0, 10).map(evaluateArg),
          global: via,
          origin: 'static',
          raw: rawOf(node, text),
          location: locOf(node),
        }, node);
        return;
      }
      default:
        return;
    }
  });
}

/** Channel Talk loaders, calls and syntax errors found in the page's source. Never throws. */
export function extractChannelTalk(page: Page): ChannelTalkStaticExtraction {
  const out: ChannelTalkStaticExtraction = { loaders: [], calls: [], syntaxErrors: [] };
  for (const url of page.scriptUrls) {
    if (isChannelTalkPluginUrl(url)) out.loaders.push({ form: 'snippet', origin: 'static', how: 'script-url', url });
    else if (isChannelTalkLoaderUrl(url)) out.loaders.push({ form: 'sdk-loader', origin: 'static', how: 'script-url', url });
  }
  for (let i = 0; i < page.scripts.length; i++) {
    try {
      extractFromScript(page, i, out);
    } catch {
      // a parser or walker bug on hostile input must not take the analysis down: the script is skipped
    }
  }
  return out;
}
