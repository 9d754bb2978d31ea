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
import { InputLimit, LoginState, Session, StaticValue, TagCall } from '../core/model';
import { LIMITS, toRuntimeCall, withinBounds } from './bounds';
import { PROBE_CHANNEL, PROBE_GLOBAL } from './constants';

export { LIMITS, PROBE_CHANNEL, PROBE_GLOBAL, toRuntimeCall, withinBounds };

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

/**
 * Parses a `message` event's data with zod: a ProbeCall, or null when it is not ours, malformed or
 * too big. (The relay itself uses `checkProbeMessage` of bounds.ts — same verdicts, no zod on every
 * page; the background validates what the relay sends with `RelayMsg`.)
 */
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
  /** a window around a vendor marker of a script over the bound (core/locate.ts) */
  fragment: z.boolean().optional(),
});

/** A document with a vendor tag: its evidence at DOMContentLoaded, or when the tag appeared later. A new page of the tab's session. */
export const PageMsg = z.object({
  type: z.literal('page'),
  url: Url,
  title: z.string().max(500).optional(),
  time: z.number().finite(),
  /** no vendor marker: only the address and title were read (kept for older relays; the relay sends nothing then) */
  light: z.boolean(),
  scripts: z.array(ScriptMsg).max(LIMITS.scriptsPerPage),
  scriptUrls: z.array(Url).max(LIMITS.scriptUrlsPerPage),
  controls: z.array(LoginControlMsg).max(LIMITS.controlsPerPage),
  passwordField: z.boolean(),
  truncated: z.boolean().optional(),
  /** what the relay's bounds skipped (InputLimit): the page carries it, renkei/input-limited says it */
  limits: z.array(InputLimit).max(50).optional(),
  /** the calls recorded before the report (sent with it: one message instead of two) */
  calls: z.array(TagCall).max(LIMITS.callsPerPage).optional(),
  /** calls the relay dropped before the report */
  dropped: z.number().int().min(0).optional(),
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

/**
 * What makes a relay message idempotent: the sending document (the relay's own random id; the
 * background prefers Chrome's `documentId`) and the message's number in that document (1, 2, …).
 * The relay resends a message until the background acknowledges it (`RelayAck`), and the session
 * store applies each (document, number) once: a resend after a lost acknowledgement changes nothing.
 */
export const RelayEnvelope = {
  doc: z.string().min(1).max(64).optional(),
  seq: z.number().int().min(1).max(1_000_000).optional(),
};

export const RelayMsg = z.discriminatedUnion('type', [PageMsg.extend(RelayEnvelope), CallsMsg.extend(RelayEnvelope), CspMsg.extend(RelayEnvelope)]);
export type RelayMsg = z.infer<typeof RelayMsg>;
/** A relay message before the relay numbers it. */
export type RelayPayload = z.infer<typeof PageMsg> | z.infer<typeof CallsMsg> | z.infer<typeof CspMsg>;

/** The background's answer to a relay message once it is applied and stored (or refused for good). */
export interface RelayAck {
  ack: number;
  /** false: the message was refused (malformed): sending it again would not help */
  ok: boolean;
}

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
  siteAccess: z.enum(['granted', 'withheld', 'restricted', 'unknown']),
  limits: z.object({ pages: z.number().int(), requests: z.number().int() }),
  updatedAt: z.number(),
});

export const BackgroundToUi = z.object({ type: z.literal('capture'), capture: TabCaptureMsg });
