/**
 * The evidence model: one zod definition of everything the analysis core reads and produces.
 * Extension, CLI, companion API and tests parse untrusted input with these schemas at their edges
 * and trust the typed values inside.
 *
 * Pure TypeScript: no browser, framework or Node API (see eslint.config.js).
 */
import { z } from 'zod';

export const Lang = z.enum(['ja', 'en']);
export type Lang = z.infer<typeof Lang>;

/** Where a piece of evidence came from. A page can lie to a content script; the network does not. */
export const EvidenceSource = z.enum(['static', 'runtime', 'network']);
export type EvidenceSource = z.infer<typeof EvidenceSource>;

export const Severity = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof Severity>;

export const LoginState = z.enum(['logged-in', 'logged-out', 'unknown']);
export type LoginState = z.infer<typeof LoginState>;

/** A position in a document: 1-based line, 1-based column (as editors and DevTools show them). */
export const Location = z.object({
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  endLine: z.number().int().min(1).optional(),
  endColumn: z.number().int().min(1).optional(),
  /** index into Page.scripts when the location is inside an inline script */
  script: z.number().int().min(0).optional(),
});
export type Location = z.infer<typeof Location>;

/**
 * A value as the tag's source (or the runtime probe) gives it. `unknown` is an expression whose
 * value is only known at run time (`user.id`): rules treat it as "cannot tell", never as wrong.
 * `raw` is the exact source text (for number literals: what the author wrote, e.g. `012345`).
 */
export type StaticValue =
  | { kind: 'string'; value: string; raw?: string; quote?: string }
  | { kind: 'number'; value: number; raw?: string }
  | { kind: 'boolean'; value: boolean; raw?: string }
  | { kind: 'null'; raw?: string }
  | { kind: 'undefined'; raw?: string }
  | { kind: 'object'; entries: { key: string; value: StaticValue }[]; raw?: string }
  | { kind: 'array'; items: StaticValue[]; raw?: string }
  | { kind: 'function'; raw?: string }
  | { kind: 'unknown'; raw?: string };

export const StaticValue: z.ZodType<StaticValue> = z.lazy(() =>
  z.union([
    z.object({ kind: z.literal('string'), value: z.string(), raw: z.string().optional(), quote: z.string().optional() }),
    z.object({ kind: z.literal('number'), value: z.number(), raw: z.string().optional() }),
    z.object({ kind: z.literal('boolean'), value: z.boolean(), raw: z.string().optional() }),
    z.object({ kind: z.literal('null'), raw: z.string().optional() }),
    z.object({ kind: z.literal('undefined'), raw: z.string().optional() }),
    z.object({
      kind: z.literal('object'),
      entries: z.array(z.object({ key: z.string(), value: StaticValue })),
      raw: z.string().optional(),
    }),
    z.object({ kind: z.literal('array'), items: z.array(StaticValue), raw: z.string().optional() }),
    z.object({ kind: z.literal('function'), raw: z.string().optional() }),
    z.object({ kind: z.literal('unknown'), raw: z.string().optional() }),
  ]),
);

export const Vendor = z.enum(['oksky', 'channeltalk']);
export type Vendor = z.infer<typeof Vendor>;

/**
 * How a tag is embedded.
 * - oksky `queue`: loader snippet defining a queue global (usually `OkskyChat`), then `OkskyChat(name, value)` calls
 * - oksky `sdk`: `new OkskyChat(WIDGET_ID, SYSTEM_URL, options)` and `.show(...)`
 * - channeltalk `snippet`: the official inline loader, then `ChannelIO(...)` calls
 * - channeltalk `sdk-loader`: `@channel.io/channel-web-sdk-loader` (`ChannelService.boot({...})`)
 */
export const EmbedForm = z.enum(['queue', 'sdk', 'snippet', 'sdk-loader']);
export type EmbedForm = z.infer<typeof EmbedForm>;

/** One call the tag makes: `OkskyChat("loginKey", "customer_id")`, `new OkskyChat(...)`, `ChannelIO('boot', {...})`. */
export const TagCall = z.object({
  vendor: Vendor,
  form: EmbedForm,
  /**
   * queue form: the first argument (`key`, `loginKey`, or a master keyword);
   * sdk form: `new` or `show`; channeltalk: the command (`boot`, `updateUser`, `shutdown`, ...).
   */
  name: z.string(),
  /** the arguments after the name (queue form: [value]; sdk `new`: [widgetId, systemUrl, options]) */
  args: z.array(StaticValue),
  /** the global the call went through (`OkskyChat`, a tenant-named queue, `ChannelIO`) */
  global: z.string().optional(),
  origin: z.enum(['static', 'runtime']),
  /** exact source text of the call (static), or a JSON rendering (runtime) */
  raw: z.string().optional(),
  location: Location.optional(),
  /** found inside a comment (`//OkskyChat("loginKey", ...)`): does not run */
  commented: z.boolean().optional(),
  /** string delimiters were typographic quotes (“ ” ‘ ’ ...): the script is a SyntaxError */
  smartQuotes: z.boolean().optional(),
  /** runtime: ms since epoch when the probe saw it */
  time: z.number().optional(),
});
export type TagCall = z.infer<typeof TagCall>;

/**
 * What a bound skipped: every place that drops or cuts input records one of these, so a reader is
 * told what was not read (finding `renkei/input-limited`) instead of a silent "no problem".
 * - `kind`: which bound (`html-chars`, `script-chars`, `scripts`, `script-urls`, `har-entries`,
 *   `har-pages`, `body-chars`, `session-pages`, `session-requests`, `json-depth`, `calls`,
 *   `parse-chars`, `relay-script-chars`, `relay-calls`, ...; open-ended: older readers show the
 *   generic text for a kind they do not know)
 * - `skipped`: how much was not read, in `unit` (0 when the amount is not known)
 */
export const InputLimit = z.object({
  kind: z.string().min(1).max(64),
  skipped: z.number().int().min(0),
  unit: z.enum(['chars', 'bytes', 'items']),
  /** the bound itself, in `unit` */
  limit: z.number().int().min(0).optional(),
  /** index into Page.scripts when the bound cut one inline script */
  script: z.number().int().min(0).optional(),
});
export type InputLimit = z.infer<typeof InputLimit>;

/** An inline <script> of the page, with where it starts in the document. */
export const InlineScript = z.object({
  text: z.string(),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  /** the text was cut to the size bound */
  truncated: z.boolean().optional(),
  /** type attribute when not classic JavaScript (e.g. `module`, `text/template`) */
  type: z.string().optional(),
  /** the text is TypeScript or JSX (a source file, a Vue/Svelte/Astro `<script lang>`): parsed by the injected source parser */
  lang: z.enum(['jsx', 'ts', 'tsx']).optional(),
  /**
   * a window of statements around a vendor marker, cut out of a script too long to read whole
   * (locate.ts): its edges are not the page's, so a syntax error in it is not reported
   */
  fragment: z.boolean().optional(),
});
export type InlineScript = z.infer<typeof InlineScript>;

export const LoginStateInfo = z.object({
  value: LoginState,
  /** explicit: chosen by a person (panel toggle, CLI --state, per-page override); inferred: from hints */
  source: z.enum(['explicit', 'inferred']),
  /** what the inference rests on, e.g. `link text "ログアウト"`, `href contains "logout"` */
  hints: z.array(z.string()),
});
export type LoginStateInfo = z.infer<typeof LoginStateInfo>;

/** What the page says: the document as loaded (static) plus what the probe saw running (runtime). */
export const Page = z.object({
  id: z.string(),
  url: z.string(),
  title: z.string().optional(),
  /** ms since epoch when the page was loaded or captured */
  time: z.number().optional(),
  state: LoginStateInfo,
  scripts: z.array(InlineScript),
  scriptUrls: z.array(z.string()),
  /** runtime calls reported by the probe (page-reported evidence); static calls are derived from `scripts` */
  runtimeCalls: z.array(TagCall).default([]),
  /** Content-Security-Policy of the document, when known */
  csp: z.string().optional(),
  /** the page or its scripts were cut to the size bounds */
  truncated: z.boolean().optional(),
  /** the runtime probe ran on this page (runtime evidence exists even when it saw no call) */
  probed: z.boolean().optional(),
  /** what the bounds cut or skipped on this page (see InputLimit) */
  limits: z.array(InputLimit).optional(),
});
export type Page = z.infer<typeof Page>;
export type PageInput = z.input<typeof Page>;

/** A request the browser made (or a HAR entry), as the network saw it. */
export const NetworkRequest = z.object({
  id: z.string(),
  url: z.string(),
  method: z.string(),
  /** resource type where known: script, xhr, fetch, document, ... */
  type: z.string().optional(),
  status: z.number().int().optional(),
  /** network error or block reason (`net::ERR_BLOCKED_BY_CLIENT`, `csp`, ...) */
  error: z.string().optional(),
  /** request body as text, bounded */
  body: z.string().optional(),
  bodyTruncated: z.boolean().optional(),
  contentType: z.string().optional(),
  /** ms since epoch */
  time: z.number(),
  durationMs: z.number().optional(),
  /** the page (Page.id) that made it, when known; else assigned by time */
  pageId: z.string().optional(),
  /**
   * not seen on the network: built from a file the user gave (a `/login` payload copied from
   * DevTools). The page's other requests are unknown, so "was not requested" cannot be concluded.
   */
  pasted: z.boolean().optional(),
});
export type NetworkRequest = z.infer<typeof NetworkRequest>;

/** Pages in the order they were visited, and the requests they made. */
export const Session = z.object({
  pages: z.array(Page),
  requests: z.array(NetworkRequest),
  /** pages or requests dropped by the bounds (oldest first) */
  dropped: z.object({ pages: z.number().int(), requests: z.number().int() }).optional(),
  /** other session-wide bounds that skipped input (HAR bodies, relay call bounds, ...) */
  limits: z.array(InputLimit).optional(),
});
export type Session = z.infer<typeof Session>;

/** A personal value (member id, e-mail, name) as it may appear in outputs: masked, with a salted fingerprint. */
export const MaskedValue = z.object({
  masked: z.string(),
  /** `fp:` + hex of a salted SHA-256; equal values under the same salt have equal fingerprints */
  fingerprint: z.string(),
  /** present only when the user asked to reveal (`--reveal`); never stored or uploaded */
  clear: z.string().optional(),
});
export type MaskedValue = z.infer<typeof MaskedValue>;

/** One piece of evidence a finding rests on. */
export const Evidence = z.object({
  source: EvidenceSource,
  /** short human text: what was seen (language-neutral: code, values, URLs) */
  text: z.string().optional(),
  location: Location.optional(),
  requestId: z.string().optional(),
  url: z.string().optional(),
  /** personal values involved, masked */
  values: z.array(MaskedValue).optional(),
});
export type Evidence = z.infer<typeof Evidence>;

export const SourceRef = z.object({
  /** seed document id, e.g. `000` */
  doc: z.string(),
  /** section heading in the document */
  section: z.string().optional(),
});
export type SourceRef = z.infer<typeof SourceRef>;

/** A finding rendered in one language. */
export const Finding = z.object({
  ruleId: z.string(),
  severity: Severity,
  title: z.string(),
  message: z.string(),
  fix: z.string(),
  source: SourceRef.optional(),
  /** page URL the finding is about (absent for session-wide findings) */
  page: z.string().optional(),
  pageIndex: z.number().int().optional(),
  evidence: z.array(Evidence),
});
export type Finding = z.infer<typeof Finding>;

export const Summary = z.object({ errors: z.number().int(), warnings: z.number().int(), infos: z.number().int() });
export type Summary = z.infer<typeof Summary>;
