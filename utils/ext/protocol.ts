/**
 * The messages between the extension's parts, each validated with zod at the receiving edge.
 *
 *   probe (page's MAIN world) --window.postMessage--> relay (isolated content script)
 *   relay --runtime.sendMessage--> background
 *   UI (panel, popup) <--runtime Port--> background
 *
 * The probe runs in the page's own world: a hostile page can forge its messages. The relay
 * therefore bounds every message before parsing it (size, depth, count) and marks what it relays
 * as page-reported (`TagCall.origin: 'runtime'`). Anything malformed is dropped, never thrown.
 */
import { z } from 'zod';
import { LoginState, Session, StaticValue, TagCall } from '../core/model';
import { PROBE_CHANNEL, PROBE_GLOBAL } from './constants';

export { PROBE_CHANNEL, PROBE_GLOBAL };

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

// ---------------------------------------------------------------------------------------------
// probe → relay

/** One call as the probe saw it run. */
export const ProbeCall = z.object({
  vendor: z.enum(['oksky', 'channeltalk']),
  form: z.enum(['queue', 'sdk', 'snippet', 'sdk-loader']),
  name: z.string().max(200),
  args: z.array(StaticValue).max(LIMITS.argsPerCall),
  global: z.string().max(200).optional(),
  time: z.number().finite().optional(),
});
export type ProbeCall = z.infer<typeof ProbeCall>;

export const ProbeMessage = z.object({
  ch: z.literal(PROBE_CHANNEL),
  call: ProbeCall,
});
export type ProbeMessage = z.infer<typeof ProbeMessage>;

/** Parses a `message` event's data: a ProbeCall, or null when it is not ours, malformed or too big. */
export function parseProbeMessage(data: unknown): ProbeCall | null {
  if (data === null || typeof data !== 'object') return null;
  let channel: unknown;
  try {
    channel = Object.getOwnPropertyDescriptor(data, 'ch')?.value;
  } catch {
    return null;
  }
  if (channel !== PROBE_CHANNEL) return null;
  if (!withinBounds(data)) return null;
  const parsed = ProbeMessage.safeParse(data);
  return parsed.success ? parsed.data.call : null;
}

/** A probe call as page-reported evidence. */
export function toRuntimeCall(call: ProbeCall): TagCall {
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

// ---------------------------------------------------------------------------------------------
// relay → background

const Url = z.string().max(8_192);

export const LoginControlMsg = z.object({
  kind: z.enum(['link', 'button']),
  text: z.string().max(500),
  href: z.string().max(2_000).optional(),
});

export const ScriptMsg = z.object({
  text: z.string().max(LIMITS.scriptChars),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  truncated: z.boolean().optional(),
  type: z.string().max(100).optional(),
});

/** A top-frame document started (document_start): a new page of the tab's session. */
export const PageStartMsg = z.object({
  type: z.literal('page-start'),
  url: Url,
  time: z.number().finite(),
});

/** The document's evidence at DOMContentLoaded (sent again when a tag appears later). */
export const PageMsg = z.object({
  type: z.literal('page'),
  url: Url,
  title: z.string().max(500).optional(),
  time: z.number().finite(),
  /** no vendor marker: only the address and title were read */
  light: z.boolean(),
  scripts: z.array(ScriptMsg).max(LIMITS.scriptsPerPage),
  scriptUrls: z.array(Url).max(LIMITS.scriptUrlsPerPage),
  controls: z.array(LoginControlMsg).max(LIMITS.controlsPerPage),
  passwordField: z.boolean(),
  truncated: z.boolean().optional(),
});
export type PageMsg = z.infer<typeof PageMsg>;

export const CallsMsg = z.object({
  type: z.literal('calls'),
  calls: z.array(TagCall).max(LIMITS.callsPerPage),
  /** calls the relay dropped (bounds, malformed) */
  dropped: z.number().int().min(0),
});

/** Requests the page's Content-Security-Policy blocked (the network never saw them). */
export const CspMsg = z.object({
  type: z.literal('csp'),
  violations: z
    .array(z.object({ url: Url, directive: z.string().max(200), time: z.number().finite() }))
    .max(LIMITS.violationsPerPage),
});

export const RelayMsg = z.discriminatedUnion('type', [PageStartMsg, PageMsg, CallsMsg, CspMsg]);
export type RelayMsg = z.infer<typeof RelayMsg>;

// ---------------------------------------------------------------------------------------------
// UI ⇄ background

export const SESSION_PORT = 'renkei-session';

export const UiToBackground = z.discriminatedUnion('type', [
  z.object({ type: z.literal('subscribe'), tabId: z.number().int() }),
  z.object({ type: z.literal('unsubscribe'), tabId: z.number().int() }),
]);
export type UiToBackground = z.infer<typeof UiToBackground>;

export const CommandMsg = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('renkei/override'),
    tabId: z.number().int(),
    pageId: z.string().max(200),
    state: LoginState.nullable(),
  }),
  z.object({ type: z.literal('renkei/clear'), tabId: z.number().int() }),
  /** for tests and the popup: the badge reason of a tab */
  z.object({ type: z.literal('renkei/status'), tabId: z.number().int() }),
]);
export type CommandMsg = z.infer<typeof CommandMsg>;

export const TabCaptureMsg = z.object({
  tabId: z.number().int(),
  session: Session,
  overrides: z.record(z.string(), LoginState),
  siteAccess: z.enum(['granted', 'withheld', 'unknown']),
  limits: z.object({ pages: z.number().int(), requests: z.number().int() }),
  updatedAt: z.number(),
});

export const BackgroundToUi = z.object({ type: z.literal('capture'), capture: TabCaptureMsg });
