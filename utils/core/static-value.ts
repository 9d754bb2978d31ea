/**
 * StaticValue helpers: runtime probe values → StaticValue, StaticValue → JSON, and the static
 * evaluation of an ESTree (acorn / acorn-loose) expression node.
 *
 * A StaticValue records what the tag's source says, not what it may compute: anything that
 * needs running code (`user.id`, `"a" + b`, `` `${id}` ``) is `{kind: 'unknown', raw}`.
 * Pure TypeScript, bounded, never throws.
 */
import type { StaticValue } from './model';

/** A node as acorn / acorn-loose produce it (ESTree with `start`/`end` offsets). */
export interface EsNode {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

/** Default nesting bound for fromJson / evaluateNode. */
export const DEFAULT_DEPTH_LIMIT = 24;
/** At most this many values are converted per call (objects, arrays, leaves). */
const MAX_NODES = 20_000;
/** At most this many entries per object / items per array. */
const MAX_ENTRIES = 2_000;
/** `raw` of composite or unknown values is cut to this length (strings and numbers keep it exact up to MAX_SCALAR_RAW). */
const MAX_COMPOSITE_RAW = 1_000;
const MAX_SCALAR_RAW = 10_000;
/** Strings from the runtime probe are cut to this length. */
const MAX_STRING = 100_000;

/** Straight and typographic quotes that may open a string in a tag (typographic ones only in broken tags). */
const STRING_QUOTES = '"\'\u201C\u201D\u2018\u2019\uFF02\uFF07\u2033\u2032';

export function isEsNode(v: unknown): v is EsNode {
  return typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

// ---------------------------------------------------------------------------------------------
// fromJson

/**
 * Converts a value reported by the runtime probe (already structured-cloned or JSON-decoded)
 * to a StaticValue. Bounded: nesting deeper than `depthLimit` and values past the size bound
 * become `unknown`; functions become `function`, symbols and bigints `unknown` (with `raw`).
 * Hostile objects (throwing getters, proxies) give `unknown` instead of an exception.
 */
export function fromJson(v: unknown, depthLimit: number = DEFAULT_DEPTH_LIMIT): StaticValue {
  const budget = { nodes: 0 };
  try {
    return convert(v, 0, Math.max(0, depthLimit), budget);
  } catch {
    return { kind: 'unknown' };
  }
}

function convert(v: unknown, depth: number, limit: number, budget: { nodes: number }): StaticValue {
  budget.nodes++;
  if (budget.nodes > MAX_NODES) return { kind: 'unknown', raw: '…' };
  switch (typeof v) {
    case 'string':
      return { kind: 'string', value: v.length > MAX_STRING ? v.slice(0, MAX_STRING) : v };
    case 'number':
      return { kind: 'number', value: v };
    case 'boolean':
      return { kind: 'boolean', value: v };
    case 'undefined':
      return { kind: 'undefined' };
    case 'function':
      return { kind: 'function' };
    case 'bigint':
      return { kind: 'unknown', raw: `${v.toString()}n` };
    case 'symbol':
      return { kind: 'unknown', raw: cut(String(v.description ?? 'Symbol()'), MAX_COMPOSITE_RAW) };
    default:
      break;
  }
  if (v === null) return { kind: 'null' };
  if (depth >= limit) return { kind: 'unknown', raw: '…' };
  try {
    if (Array.isArray(v)) {
      const items: StaticValue[] = [];
      const n = Math.min(v.length, MAX_ENTRIES);
      for (let i = 0; i < n; i++) items.push(convert(v[i], depth + 1, limit, budget));
      return { kind: 'array', items };
    }
    if (v instanceof Date) {
      const t = v.getTime();
      return { kind: 'string', value: Number.isNaN(t) ? 'Invalid Date' : v.toISOString() };
    }
    const entries: { key: string; value: StaticValue }[] = [];
    const keys = Object.keys(v as object);
    const n = Math.min(keys.length, MAX_ENTRIES);
    for (let i = 0; i < n; i++) {
      const key = keys[i];
      let value: StaticValue;
      try {
        value = convert((v as Record<string, unknown>)[key], depth + 1, limit, budget);
      } catch {
        value = { kind: 'unknown' };
      }
      entries.push({ key, value });
    }
    return { kind: 'object', entries };
  } catch {
    return { kind: 'unknown' };
  }
}

// ---------------------------------------------------------------------------------------------
// toJson

/**
 * The plain JSON value of what is statically known. `function` and `unknown` (whose value is
 * not known) give `undefined`; inside objects such entries are left out, inside arrays they are `null`
 * (as JSON.stringify would render them).
 */
export function toJson(v: StaticValue): unknown {
  return toJsonDepth(v, 0);
}

function toJsonDepth(v: StaticValue, depth: number): unknown {
  if (depth > 200) return undefined;
  switch (v.kind) {
    case 'string':
    case 'number':
    case 'boolean':
      return v.value;
    case 'null':
      return null;
    case 'undefined':
    case 'function':
    case 'unknown':
      return undefined;
    case 'array':
      return v.items.map((item) => {
        const j = toJsonDepth(item, depth + 1);
        return j === undefined ? null : j;
      });
    case 'object': {
      const pairs: [string, unknown][] = [];
      for (const e of v.entries) {
        const j = toJsonDepth(e.value, depth + 1);
        if (j !== undefined) pairs.push([e.key, j]);
      }
      // Object.fromEntries defines own properties, so a `__proto__` key stays a plain key.
      return Object.fromEntries(pairs);
    }
  }
}

/**
 * The string JavaScript would send for a constant string or number (`012345` → `"5349"`,
 * as the engine reads a legacy octal literal); undefined for anything else.
 */
export function staticString(v: StaticValue | undefined): string | undefined {
  if (!v) return undefined;
  if (v.kind === 'string') return v.value;
  if (v.kind === 'number') return String(v.value);
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// evaluateNode

/**
 * Evaluates an expression node statically. `source` is the text the node's `start`/`end` offsets
 * refer to; `raw` is always the exact source text (bounded for composite values).
 */
export function evaluateNode(node: unknown, source: string, depthLimit: number = DEFAULT_DEPTH_LIMIT): StaticValue {
  const budget = { nodes: 0 };
  try {
    return evalNode(node, source, 0, depthLimit, budget);
  } catch {
    return { kind: 'unknown' };
  }
}

function rawOf(node: EsNode, source: string, max: number): string {
  const start = Math.max(0, Math.min(node.start, source.length));
  const end = Math.max(start, Math.min(node.end, source.length));
  return end - start > max ? `${source.slice(start, start + max)}…` : source.slice(start, end);
}

function propertyKey(prop: EsNode, source: string, depth: number, limit: number, budget: { nodes: number }): string {
  const key = prop.key;
  if (!isEsNode(key)) return '';
  if (!prop.computed) {
    if (key.type === 'Identifier') return String(key.name ?? '');
    if (key.type === 'Literal') return String(key.value);
    if (key.type === 'PrivateIdentifier') return `#${String(key.name ?? '')}`;
  } else {
    const k = evalNode(key, source, depth + 1, limit, budget);
    const s = staticString(k);
    if (s !== undefined) return s;
  }
  return `[${rawOf(key, source, 200)}]`;
}

function evalNode(node: unknown, source: string, depth: number, limit: number, budget: { nodes: number }): StaticValue {
  if (!isEsNode(node)) return { kind: 'unknown' };
  budget.nodes++;
  const composite = () => rawOf(node, source, MAX_COMPOSITE_RAW);
  if (depth > limit || budget.nodes > MAX_NODES) return { kind: 'unknown', raw: composite() };
  switch (node.type) {
    case 'Literal': {
      const raw = rawOf(node, source, MAX_SCALAR_RAW);
      const value = node.value;
      if (typeof value === 'string') {
        const q = raw.charAt(0);
        // the opening delimiter as written (a typographic quote when the tolerant path repaired it)
        return { kind: 'string', value, raw, ...(q !== '' && STRING_QUOTES.includes(q) ? { quote: q } : {}) };
      }
      if (typeof value === 'number') return { kind: 'number', value, raw };
      if (typeof value === 'boolean') return { kind: 'boolean', value, raw };
      if (value === null && node.regex === undefined && node.bigint === undefined && raw === 'null') {
        return { kind: 'null', raw };
      }
      // regular expressions, bigints (value may be null when the engine lacks support)
      return { kind: 'unknown', raw };
    }
    case 'TemplateLiteral': {
      const exprs = Array.isArray(node.expressions) ? node.expressions : [];
      const quasis = Array.isArray(node.quasis) ? (node.quasis as unknown[]) : [];
      if (exprs.length === 0 && quasis.length === 1 && isEsNode(quasis[0])) {
        const v = quasis[0].value as { cooked?: string | null; raw?: string } | undefined;
        const cooked = v?.cooked;
        if (typeof cooked === 'string') {
          return { kind: 'string', value: cooked, raw: rawOf(node, source, MAX_SCALAR_RAW), quote: '`' };
        }
      }
      return { kind: 'unknown', raw: composite() };
    }
    case 'Identifier': {
      const name = node.name;
      if (name === 'undefined') return { kind: 'undefined', raw: 'undefined' };
      if (name === 'NaN') return { kind: 'number', value: NaN, raw: 'NaN' };
      if (name === 'Infinity') return { kind: 'number', value: Infinity, raw: 'Infinity' };
      return { kind: 'unknown', raw: composite() };
    }
    case 'UnaryExpression': {
      const arg = node.argument;
      const op = node.operator;
      if (op === 'void' && isEsNode(arg) && arg.type === 'Literal') return { kind: 'undefined', raw: composite() };
      if ((op === '-' || op === '+') && isEsNode(arg)) {
        const inner = evalNode(arg, source, depth + 1, limit, budget);
        if (inner.kind === 'number') {
          return { kind: 'number', value: op === '-' ? -inner.value : inner.value, raw: rawOf(node, source, MAX_SCALAR_RAW) };
        }
      }
      return { kind: 'unknown', raw: composite() };
    }
    // TypeScript wrappers (a source file parsed by the injected TypeScript parser): the value is the expression's
    case 'ParenthesizedExpression':
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSNonNullExpression':
    case 'TSTypeAssertion':
      return evalNode(node.expression, source, depth + 1, limit, budget);
    case 'ArrayExpression': {
      const elements = Array.isArray(node.elements) ? (node.elements as unknown[]) : [];
      const items: StaticValue[] = [];
      for (const el of elements.slice(0, MAX_ENTRIES)) {
        if (el === null) items.push({ kind: 'undefined' });
        else if (isEsNode(el) && el.type === 'SpreadElement') items.push({ kind: 'unknown', raw: rawOf(el, source, MAX_COMPOSITE_RAW) });
        else items.push(evalNode(el, source, depth + 1, limit, budget));
      }
      return { kind: 'array', items, raw: composite() };
    }
    case 'ObjectExpression': {
      const props = Array.isArray(node.properties) ? (node.properties as unknown[]) : [];
      const entries: { key: string; value: StaticValue }[] = [];
      for (const p of props.slice(0, MAX_ENTRIES)) {
        if (!isEsNode(p)) continue;
        if (p.type === 'SpreadElement') {
          entries.push({ key: '...', value: { kind: 'unknown', raw: rawOf(p, source, MAX_COMPOSITE_RAW) } });
          continue;
        }
        const key = propertyKey(p, source, depth, limit, budget);
        if (p.kind === 'get' || p.kind === 'set' || p.method === true) {
          entries.push({ key, value: { kind: 'function', raw: rawOf(p, source, MAX_COMPOSITE_RAW) } });
          continue;
        }
        entries.push({ key, value: evalNode(p.value, source, depth + 1, limit, budget) });
      }
      return { kind: 'object', entries, raw: composite() };
    }
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
    case 'ClassExpression':
      return { kind: 'function', raw: composite() };
    default:
      return { kind: 'unknown', raw: composite() };
  }
}
