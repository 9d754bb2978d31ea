/**
 * The parser for source files (TypeScript, TSX, JSX), injected into the core.
 *
 * The core parses the scripts of a web page with acorn: a browser only ever runs JavaScript.
 * Source files a web vendor writes (a Next.js component, a Vue SFC with `<script lang="ts">`)
 * need a parser made for TypeScript and JSX. That parser is big and, in the CLI, native, so the
 * core does not import it: whoever analyses source files (the CLI, the ESLint plugin) registers
 * one with `setSourceParser`. The browser extension registers none, and its bundles never hold
 * one. A script whose `lang` is not plain JavaScript is parsed by the registered parser; without
 * one it is parsed as JavaScript (what acorn can read of it).
 *
 * The parser returns an ESTree program with `start`/`end` UTF-16 offsets and TypeScript nodes
 * in the typescript-estree shape (`TSAsExpression`, …), its comments, and its first error.
 */
import type { EsNode } from './static-value';

/** The language of a script's text. */
export type SourceLang = 'js' | 'jsx' | 'ts' | 'tsx';

export interface SourceComment {
  type: 'Line' | 'Block';
  value: string;
  start: number;
  end: number;
}

export interface SourceParseResult {
  /** the program; when `error` is set it is what the parser recovered and must not be read for findings */
  program: EsNode;
  comments: SourceComment[];
  /** the first syntax error: message and UTF-16 offset */
  error?: { message: string; pos: number };
}

export interface SourceParser {
  /** shown in diagnostics (`oxc-parser 0.160.0`) */
  name: string;
  parse(text: string, lang: SourceLang, sourceType: 'module' | 'script'): SourceParseResult;
}

let registered: SourceParser | undefined;

/** Register (or with `undefined` remove) the parser for TypeScript / JSX source. */
export function setSourceParser(parser: SourceParser | undefined): void {
  registered = parser;
}

/** The registered parser, if any. */
export function sourceParser(): SourceParser | undefined {
  return registered;
}

/** The script needs the source parser (its text is TypeScript or JSX). */
export function needsSourceParser(lang: string | undefined): lang is 'jsx' | 'ts' | 'tsx' {
  return lang === 'jsx' || lang === 'ts' || lang === 'tsx';
}

/** The language of a file by its name (`.ts`, `.tsx`, `.mts`, `.cts`, `.jsx`); undefined for others. */
export function sourceLangOfName(name: string): SourceLang | undefined {
  const m = /\.([a-z]+)$/i.exec(name);
  switch (m?.[1].toLowerCase()) {
    case 'ts':
    case 'mts':
    case 'cts':
      return 'ts';
    case 'tsx':
      return 'tsx';
    case 'jsx':
      return 'jsx';
    case 'js':
    case 'mjs':
    case 'cjs':
      // React projects write JSX in .js files; JSX is a superset of the JavaScript we look for
      return 'jsx';
    default:
      return undefined;
  }
}

/** The language of a `<script lang="…">` block (Vue, Svelte, Astro); undefined when plain JavaScript. */
export function sourceLangOfAttribute(lang: string | undefined): SourceLang | undefined {
  switch ((lang ?? '').trim().toLowerCase()) {
    case 'ts':
    case 'typescript':
      return 'ts';
    case 'tsx':
      return 'tsx';
    case 'jsx':
      return 'jsx';
    default:
      return undefined;
  }
}

/**
 * Parse a script that needs the source parser. Undefined when none is registered (the caller
 * falls back to acorn) or when the parser itself failed (a bug on hostile input).
 */
export function parseSource(text: string, lang: SourceLang, sourceType: 'module' | 'script'): SourceParseResult | undefined {
  const parser = registered;
  if (!parser) return undefined;
  try {
    return parser.parse(text, lang, sourceType);
  } catch {
    return undefined;
  }
}

/**
 * The part of a script a tolerant parser had to guess after a syntax error at `pos` (RULES.md "A
 * broken parse never invents findings"): from the error to the end of its line when the lines
 * after it parse on their own (`restParses`: the parser found its footing again), else from the
 * error to the end of the script. A value overlapping it is not read; values wholly before it (the
 * valid prefix) or after it are.
 */
export function guessedSpan(text: string, pos: number, restParses: (rest: string) => boolean): { start: number; end: number } {
  const p = Math.max(0, Math.min(pos, text.length));
  const rel = text.slice(p).search(/[\r\n]/);
  if (rel < 0) return { start: p, end: text.length };
  const end = p + Math.max(rel, 1);
  return { start: p, end: restParses(text.slice(end)) ? end : text.length };
}

/** A node spanning [start, end) overlaps the guessed span. */
export function overlapsGuess(span: { start: number; end: number } | undefined, start: number, end: number): boolean {
  return span !== undefined && end > span.start && start < span.end;
}

/** The longest prefix of whole lines before the error's line (what a strict re-parse may read). */
export function validPrefix(text: string, pos: number): string {
  const p = Math.max(0, Math.min(pos, text.length));
  return text.slice(0, Math.max(text.lastIndexOf('\n', p - 1), text.lastIndexOf('\r', p - 1)) + 1);
}
