/**
 * What the OK SKY extractor derives from a page (static source and runtime probe calls),
 * and what the `/login` payload parser derives from a request. Rules read these; they never
 * parse source text themselves.
 */
import type { Location, NetworkRequest, StaticValue, TagCall } from '../model';

/** One master keyword the tag gives a value to: `OkskyChat("customer_id", "012345")`, or SDK `login`/`user_infos`. */
export interface MasterKeyword {
  name: string;
  value: StaticValue;
  call: TagCall;
  /** SDK form: `login` entries identify the visitor, `user_infos` entries are informational */
  via?: 'queue' | 'sdk-login' | 'sdk-user-infos';
}

/** One OK SKY embed on a page (a loader/SDK script and the calls that configure it). */
export interface OkskyTag {
  form: 'queue' | 'sdk';
  /** static: read from the page source; runtime: what the probe saw execute */
  origin: 'static' | 'runtime';
  /** queue form: the global the loader defines (`OkskyChat`, or a tenant-specific name) */
  global?: string;
  /** `https://{tenant}.okskychat.net/widget/widget.js` (queue) or `https://cdn.ok-sky.com/sdk/latest/widget.js` (sdk) */
  widgetUrl?: string;
  widgetHost?: string;
  /** queue form: every distinct widget URL when the page's loaders load different ones (duplicate loaders) */
  widgetUrls?: string[];
  /** where the loader snippet (queue) or `new OkskyChat` (sdk) is */
  location?: Location;
  /** how many loader snippets / SDK constructions for this tag were seen on the page */
  loaderCount: number;
  /** the calls that run (not commented out), in source or execution order */
  calls: TagCall[];
  /** calls found only inside comments (`//OkskyChat("loginKey", ...)`) */
  commentedCalls: TagCall[];
  /** the widget key: the last `key` call's value (queue) or WIDGET_ID (sdk); undefined when not constant */
  key?: string;
  /** every distinct constant key set on the page, in order */
  keys: string[];
  /** `loginKey` value split at commas and trimmed (queue); SDK: the keys of `login` */
  loginKeys: string[];
  /** the `loginKey` call(s) themselves (queue form) */
  loginKeyCalls: TagCall[];
  /** master keywords with their values, in order (a keyword set twice appears twice) */
  keywords: MasterKeyword[];
  /** SDK form: the SYSTEM_URL argument */
  systemUrl?: StaticValue;
  /** SDK form: `login` was given (object, possibly empty) */
  sdkLogin?: StaticValue;
  /** SDK form: `.show(...)` was called */
  shown?: boolean;
  /**
   * part of the tag is in a script that does not parse, read by the tolerant parser: no
   * missing-key finding may rest on it (RULES.md "A broken parse never invents findings")
   */
  guessed?: boolean;
}

/** A script that does not parse: nothing after the error runs. */
export interface ScriptSyntaxError {
  scriptIndex: number;
  message: string;
  location: Location;
  /** the error is caused by typographic quotes used as string delimiters */
  smartQuotes: boolean;
  /** the offending source line (bounded) */
  lineText: string;
  /** the script holds an OK SKY tag (loader, queue call or SDK) */
  holdsTag: boolean;
}

export interface OkskyPageEvidence {
  /** static tags from the page source (including scripts that fail to parse, via the tolerant path) */
  staticTags: OkskyTag[];
  /** runtime tags built from the probe's calls (empty when no probe ran) */
  runtimeTags: OkskyTag[];
  /** whether runtime evidence exists for this page at all (the probe ran) */
  probed: boolean;
  syntaxErrors: ScriptSyntaxError[];
}

/** The `query` of a `/login` POST, decoded. */
export interface LoginQuery {
  /**
   * ok: a non-empty query; empty: `query` present but empty (`{}`, `""`, `[]`, all values empty);
   * absent: the body has no `query`; unreadable: body missing, binary, truncated or not parseable.
   */
  status: 'ok' | 'empty' | 'absent' | 'unreadable';
  /** how `query` was encoded */
  format?: 'object' | 'json-string' | 'form';
  entries: { key: string; value: string }[];
  /** other top-level fields of the body, e.g. `key` */
  key?: string;
  /** why the body could not be read (unreadable) */
  reason?: string;
}

export interface LoginRequest {
  request: NetworkRequest;
  query: LoginQuery;
  pageIndex?: number;
}

/** The request kinds the OK SKY rules care about. */
export type OkskyRequestKind = 'widget-script' | 'login' | 'other';
