/**
 * Bounds and checks for page-reported data that must stay cheap: the relay runs on every page, so
 * it does not load zod (evaluating zod and the model schemas costs tens of milliseconds per page
 * in a content script's world). `checkProbeMessage` accepts exactly what the zod schema
 * `ProbeMessage` (protocol.ts) accepts — a property test holds them together — and the background
 * validates everything the relay sends with the zod schemas again.
 */
import type { StaticValue, TagCall } from '../core/model';
import { PROBE_CHANNEL } from './constants';

/** Bounds applied to page-reported data. */
export const LIMITS = {
  /** pages kept per tab (oldest dropped) */
  pages: 50,
  /** requests kept per tab (oldest dropped) */
  requests: 2_000,
  /** runtime calls kept per page */
  callsPerPage: 500,
  /** arguments per call */
  argsPerCall: 8,
  /** nodes in one probe message (values, entries, items) */
  nodesPerMessage: 2_000,
  /** nesting depth of one probe message */
  depthPerMessage: 16,
  /** characters of one string in a probe message */
  stringChars: 4_000,
  /** characters of one inline script sent to the background */
  scriptChars: 200_000,
  /** inline scripts per page */
  scriptsPerPage: 300,
  /** total characters of inline scripts per page (scripts with a vendor marker first) */
  pageScriptChars: 400_000,
  /** script URLs per page */
  scriptUrlsPerPage: 500,
  /** login-state controls per page */
  controlsPerPage: 2_000,
  /** request body bytes kept (decoded as UTF-8) */
  bodyBytes: 64 * 1024,
  /** CSP violations per page */
  violationsPerPage: 50,
} as const;

/**
 * Walks an untrusted value iteratively (no recursion: a hostile depth cannot blow the stack) and
 * says whether it stays within the bounds. Reads only own data properties of plain objects/arrays
 * (structured-cloned data has no getters, but the check must not trust that).
 */
export function withinBounds(
  value: unknown,
  bounds: { maxNodes: number; maxDepth: number; maxString: number } = {
    maxNodes: LIMITS.nodesPerMessage,
    maxDepth: LIMITS.depthPerMessage,
    maxString: LIMITS.stringChars,
  },
): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  let nodes = 0;
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (++nodes > bounds.maxNodes) return false;
    if (depth > bounds.maxDepth) return false;
    if (typeof v === 'string') {
      if (v.length > bounds.maxString) return false;
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      if (v.length > bounds.maxNodes) return false;
      for (let i = 0; i < v.length; i++) stack.push([v[i], depth + 1]);
      continue;
    }
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return false;
    const keys = Object.keys(v);
    if (keys.length > bounds.maxNodes) return false;
    for (const k of keys) {
      if (k.length > bounds.maxString) return false;
      const d = Object.getOwnPropertyDescriptor(v, k);
      if (!d || !('value' in d)) return false;
      stack.push([d.value, depth + 1]);
    }
  }
  return true;
}


/** One call as the probe saw it run (the shape of protocol.ts `ProbeCall`). */
export interface ProbeCallShape {
  vendor: 'oksky' | 'channeltalk';
  form: 'queue' | 'sdk' | 'snippet' | 'sdk-loader';
  name: string;
  args: StaticValue[];
  global?: string;
  time?: number;
}

const VENDORS = new Set(['oksky', 'channeltalk']);
const FORMS = new Set(['queue', 'sdk', 'snippet', 'sdk-loader']);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const optString = (v: unknown) => v === undefined || typeof v === 'string';

/** A clean copy of a StaticValue (unknown keys left out), or null when it is not one. Depth is bounded by withinBounds first. */
function cleanStatic(v: unknown): StaticValue | null {
  if (!isObj(v) || !optString(v.raw)) return null;
  const raw = v.raw === undefined ? {} : { raw: v.raw as string };
  switch (v.kind) {
    case 'string':
      if (typeof v.value !== 'string' || !optString(v.quote)) return null;
      return { kind: 'string', value: v.value, ...raw, ...(v.quote === undefined ? {} : { quote: v.quote as string }) };
    case 'number':
      return typeof v.value === 'number' && Number.isFinite(v.value) ? { kind: 'number', value: v.value, ...raw } : null;
    case 'boolean':
      return typeof v.value === 'boolean' ? { kind: 'boolean', value: v.value, ...raw } : null;
    case 'null':
    case 'undefined':
    case 'function':
    case 'unknown':
      return { kind: v.kind, ...raw };
    case 'array': {
      if (!Array.isArray(v.items)) return null;
      const items: StaticValue[] = [];
      for (const i of v.items) {
        const c = cleanStatic(i);
        if (!c) return null;
        items.push(c);
      }
      return { kind: 'array', items, ...raw };
    }
    case 'object': {
      if (!Array.isArray(v.entries)) return null;
      const entries: { key: string; value: StaticValue }[] = [];
      for (const e of v.entries) {
        if (!isObj(e) || typeof e.key !== 'string') return null;
        const c = cleanStatic(e.value);
        if (!c) return null;
        entries.push({ key: e.key, value: c });
      }
      return { kind: 'object', entries, ...raw };
    }
    default:
      return null;
  }
}

/** A `message` event's data: the probe's call, or null when it is not ours, malformed or too big. */
export function checkProbeMessage(data: unknown): ProbeCallShape | null {
  if (data === null || typeof data !== 'object') return null;
  let channel: unknown;
  try {
    channel = Object.getOwnPropertyDescriptor(data, 'ch')?.value;
  } catch {
    return null;
  }
  if (channel !== PROBE_CHANNEL || Array.isArray(data) || !withinBounds(data)) return null;
  const call = (data as Obj).call;
  if (!isObj(call)) return null;
  const { vendor, form, name, args, global, time } = call;
  if (typeof vendor !== 'string' || !VENDORS.has(vendor) || typeof form !== 'string' || !FORMS.has(form)) return null;
  if (typeof name !== 'string' || name.length > 200) return null;
  if (!Array.isArray(args) || args.length > LIMITS.argsPerCall) return null;
  if (global !== undefined && (typeof global !== 'string' || global.length > 200)) return null;
  if (time !== undefined && (typeof time !== 'number' || !Number.isFinite(time))) return null;
  const clean: StaticValue[] = [];
  for (const a of args) {
    const c = cleanStatic(a);
    if (!c) return null;
    clean.push(c);
  }
  return {
    vendor: vendor as ProbeCallShape['vendor'],
    form: form as ProbeCallShape['form'],
    name,
    args: clean,
    ...(global !== undefined ? { global } : {}),
    ...(time !== undefined ? { time } : {}),
  };
}

/** A probe call as page-reported evidence. */
export function toRuntimeCall(call: ProbeCallShape): TagCall {
  let raw: string | undefined;
  try {
    raw = JSON.stringify([call.name, ...call.args.map(staticToPlain)]).slice(0, 2_000);
  } catch {
    raw = undefined;
  }
  return {
    vendor: call.vendor,
    form: call.form,
    name: call.name,
    args: call.args,
    ...(call.global ? { global: call.global } : {}),
    origin: 'runtime',
    ...(raw ? { raw } : {}),
    ...(call.time !== undefined ? { time: call.time } : {}),
  };
}

function staticToPlain(v: StaticValue, depth = 0): unknown {
  if (depth > 20) return '…';
  switch (v.kind) {
    case 'string':
    case 'number':
    case 'boolean':
      return v.value;
    case 'null':
      return null;
    case 'undefined':
      return '(undefined)';
    case 'array':
      return v.items.map((i) => staticToPlain(i, depth + 1));
    case 'object':
      return Object.fromEntries(v.entries.map((e) => [e.key, staticToPlain(e.value, depth + 1)]));
    default:
      return v.raw ? `(${v.kind}: ${v.raw})` : `(${v.kind})`;
  }
}

