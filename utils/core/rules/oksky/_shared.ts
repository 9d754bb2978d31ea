/**
 * What the OK SKY rules share: which tag ran, the identifying value, masking of personal values
 * in evidence, tenants of hosts and keys. Not a rule (the leading `_` keeps it out of the registry).
 */
import type { Evidence, EvidenceSource, MaskedValue, StaticValue, TagCall } from '../../model';
import type { LoginRequest, MasterKeyword, OkskyTag } from '../../oksky/types';
import { isPlaceholder } from '../../placeholder';
import type { AnalyzedPage, RuleContext } from '../types';

/** The 000 document id (OKSKYで会員情報連携を設定したがうまくいかない). */
export const DOC_000 = '000';
/** OK SKY's public JS SDK documentation. */
export const DOC_SDK = 'oksky-sdk-docs';

/**
 * The tags that actually ran: the runtime tags when the probe ran on the page (a page can say one
 * thing in its source and run another, e.g. a tag manager), else the static tags.
 */
export function executedTags(page: AnalyzedPage): { tags: OkskyTag[]; source: EvidenceSource } {
  if (page.oksky.probed) return { tags: page.oksky.runtimeTags, source: 'runtime' };
  return { tags: page.oksky.staticTags, source: 'static' };
}

/** The text JavaScript sends for a constant value, or undefined when only known at run time. */
export function valueText(v: StaticValue | undefined): string | undefined {
  if (!v) return undefined;
  switch (v.kind) {
    case 'string':
      return v.value;
    case 'number':
      return String(v.value);
    case 'boolean':
      return String(v.value);
    case 'null':
      return 'null';
    case 'undefined':
      return 'undefined';
    default:
      return undefined;
  }
}

/** The global the tag's calls go through (`OkskyChat` unless the tenant named it otherwise). */
export function globalName(tag: OkskyTag): string {
  return tag.global && /^[A-Za-z_$][\w$]*$/.test(tag.global) ? tag.global : 'OkskyChat';
}

/** The last value given to a master keyword (the one the widget sends). */
export function lastKeyword(tag: OkskyTag, name: string): MasterKeyword | undefined {
  let found: MasterKeyword | undefined;
  for (const k of tag.keywords) if (k.name === name && k.via !== 'sdk-user-infos') found = k;
  return found;
}

/** Names `loginKey` identifies the visitor by (queue: the comma-separated list; SDK: the keys of `login`). */
export function loginKeyNames(tag: OkskyTag): string[] {
  if (tag.form === 'sdk') {
    const names = tag.keywords.filter((k) => k.via === 'sdk-login').map((k) => k.name);
    return names.length > 0 ? [...new Set(names)] : tag.loginKeys.filter((n) => n.trim() !== '');
  }
  return tag.loginKeys.map((n) => n.trim()).filter((n) => n !== '');
}

/** The identifying keywords: each `loginKey` name with the keyword that gives it a value (if any). */
export function identifyingKeywords(tag: OkskyTag): { name: string; keyword?: MasterKeyword }[] {
  return loginKeyNames(tag).map((name) => ({ name, keyword: lastKeyword(tag, name) }));
}

function sdkLoginHasEntries(tag: OkskyTag): boolean {
  const l = tag.sdkLogin;
  return !!l && l.kind === 'object' && l.entries.length > 0;
}

/** The tag sends member linkage: a loginKey or master keywords (queue), or a non-empty SDK `login`. */
export function tagHasLinkage(tag: OkskyTag): boolean {
  if (tag.form === 'sdk') return sdkLoginHasEntries(tag) || tag.keywords.some((k) => k.via === 'sdk-login');
  return loginKeyNames(tag).length > 0 || tag.keywords.length > 0;
}

/** Constant string/number values of a page's tags that may be personal (placeholders are not). */
export function personalValues(tags: OkskyTag[]): string[] {
  const out = new Set<string>();
  for (const tag of tags) {
    // commented-out calls may hold a real member value too (000: //OkskyChat("customer_id", "0292564"))
    for (const c of tag.commentedCalls) {
      if (c.name === 'key' || c.name === 'loginKey') continue;
      for (const v of c.args) {
        if (v.kind === 'string' && !isPlaceholder(v.value)) out.add(v.value);
        if (v.kind === 'number' && v.raw && !isPlaceholder(v.raw)) out.add(v.raw);
      }
    }
    for (const k of tag.keywords) {
      const v = k.value;
      if (v.kind === 'string' && !isPlaceholder(v.value)) out.add(v.value);
      if (v.kind === 'number') {
        if (v.raw && !isPlaceholder(v.raw)) out.add(v.raw);
        if (!isPlaceholder(String(v.value))) out.add(String(v.value));
      }
    }
  }
  return [...out];
}

/** A value in message text: placeholders and empty values as they are (not personal), others masked. */
export function showValue(ctx: RuleContext, value: string): string {
  return isPlaceholder(value) ? value : ctx.masker.show(value);
}

/** Masked values for Evidence.values (placeholders are not personal and are left out). */
export function maskValues(ctx: RuleContext, values: (string | undefined)[]): MaskedValue[] {
  const out: MaskedValue[] = [];
  for (const v of values) if (v !== undefined && !isPlaceholder(v)) out.push(ctx.masker.mask(v));
  return out;
}

const QUOTES = `"'\`“”‘’＂＇″′`;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Mask personal values inside source text (a call's raw text, an offending line): quoted string
 * values and number literals are replaced by their masked form, code stays readable.
 */
export function maskInText(ctx: RuleContext, text: string, values: string[]): string {
  if (ctx.masker.reveal || values.length === 0) return text;
  let out = text;
  for (const v of [...values].sort((a, b) => b.length - a.length)) {
    if (v === '') continue;
    const e = escapeRe(v);
    const quoted = new RegExp(`([${QUOTES}])${e}(?=[${QUOTES}])`, 'g');
    out = out.replace(quoted, (_m, q: string) => `${q}${ctx.masker.show(v)}`);
    if (/^[-+]?[0-9][0-9a-zA-Z_.+-]*$/.test(v)) {
      out = out.replace(new RegExp(`(?<![\\w.${QUOTES}*])${e}(?![\\w.${QUOTES}*])`, 'g'), ctx.masker.show(v));
    }
  }
  return out;
}

function renderArg(v: StaticValue): string {
  switch (v.kind) {
    case 'string':
      return JSON.stringify(v.value);
    case 'number':
      return v.raw ?? String(v.value);
    case 'null':
      return 'null';
    case 'undefined':
      return 'undefined';
    case 'boolean':
      return String(v.value);
    default:
      return v.raw ?? '…';
  }
}

/** The call as text: its raw source when known, else a rendering (`OkskyChat("loginKey", "customer_id")`). */
export function callText(call: TagCall): string {
  if (call.raw) return call.raw.length > 500 ? `${call.raw.slice(0, 500)}…` : call.raw;
  const g = call.global ?? 'OkskyChat';
  if (call.form === 'sdk') return `${call.name === 'new' ? 'new ' : ''}${g}(${call.args.map(renderArg).join(', ')})`;
  return `${g}(${[JSON.stringify(call.name), ...call.args.map(renderArg)].join(', ')})`;
}

/** Evidence for one call: where it came from, where it is, its text with personal values masked. */
export function callEvidence(ctx: RuleContext, call: TagCall, personal: string[] = [], values: MaskedValue[] = []): Evidence {
  // known values first, then any literal value left in the text (a call rendered from the probe)
  const ev: Evidence = { source: call.origin, text: maskCallLiterals(ctx, maskInText(ctx, callText(call), personal)) };
  if (call.location) ev.location = call.location;
  if (values.length > 0) ev.values = values;
  return ev;
}

/** Evidence for a tag as a whole: its loader / widget URL and location. */
export function tagEvidence(tag: OkskyTag): Evidence {
  const ev: Evidence = { source: tag.origin, text: tag.widgetUrl ?? (tag.key ? `key: ${tag.key}` : `OK SKY ${tag.form} tag`) };
  if (tag.location) ev.location = tag.location;
  if (tag.widgetUrl) ev.url = tag.widgetUrl;
  return ev;
}

const WIDGET_DOMAINS = ['okskychat.net', 'oksky-chat.net'];

/** The tenant of a widget host (`kobuna-s-001.okskychat.net` → `kobuna-s-001`), for the tenant-per-host domains. */
export function tenantOfHost(host: string | undefined): string | undefined {
  if (!host) return undefined;
  const h = host.toLowerCase();
  for (const d of WIDGET_DOMAINS) {
    if (h.endsWith(`.${d}`)) {
      const label = h.slice(0, -d.length - 1);
      return label.includes('.') ? label.split('.').pop() : label;
    }
  }
  return undefined;
}

/** The widget's domain: the host without its tenant label (`okskychat.net`, `oksky-chat.net`, `cdn.ok-sky.com`). */
export function widgetDomain(host: string | undefined): string | undefined {
  if (!host) return undefined;
  const h = host.toLowerCase();
  for (const d of WIDGET_DOMAINS) if (h === d || h.endsWith(`.${d}`)) return d;
  return h;
}

/** The tenant prefix of a widget key (`kobuna-s-001-0D5ACD179B043831` → `kobuna-s-001`). */
export function tenantOfKey(key: string | undefined): string | undefined {
  if (!key) return undefined;
  const m = /^(.+)-([0-9A-Fa-f]{8,})$/.exec(key.trim());
  return m ? m[1].toLowerCase() : undefined;
}

/** Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions), bounded input. */
export function editDistance(a: string, b: string): number {
  const s = Array.from(a.slice(0, 200));
  const t = Array.from(b.slice(0, 200));
  const d: number[][] = [];
  for (let i = 0; i <= s.length; i++) d.push([i, ...new Array<number>(t.length).fill(0)]);
  for (let j = 0; j <= t.length; j++) d[0][j] = j;
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[s.length][t.length];
}

/** The defined keyword nearest to `name`: same ignoring case, else edit distance ≤ 2 (closest first). */
export function nearestName(name: string, candidates: string[]): string | undefined {
  const lower = name.toLowerCase();
  const ci = candidates.find((c) => c.toLowerCase() === lower);
  if (ci !== undefined) return ci;
  let best: { c: string; d: number } | undefined;
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase());
    if (d <= 2 && (!best || d < best.d)) best = { c, d };
  }
  return best?.c;
}

/** Host of a URL, or undefined for a URL that does not parse. */
export function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * The environment a host name suggests: a label such as `stg`, `staging`, `dev`, `test` means a
 * staging site, anything else production (the same guess as the recording wizard's label). Pages
 * of two environments in one session are a person checking both, not a visitor's journey.
 */
export function environmentOfHost(host: string | undefined): 'staging' | 'production' | undefined {
  if (!host) return undefined;
  return /(^|[.-])(stg|stag|staging|stage|dev|develop|test|testing|qa|uat|sandbox|preview)([.-]|\d|$)/.test(host.toLowerCase()) ? 'staging' : 'production';
}

/** Whether the value is a string with visible typographic quotes: used to write a corrected line. */
export function straightenQuotes(text: string): string {
  return text.replace(/[“”＂″]/g, '"').replace(/[‘’＇′]/g, "'");
}

/** A string safe to put in a message: bounded, one line. */
export function clip(text: string, max = 120): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > max ? `${one.slice(0, max)}…` : one;
}

/** Evidence for a `/login` request: the network saw it. */
export function loginRequestEvidence(r: LoginRequest, text: string): Evidence {
  return { source: 'network', requestId: r.request.id, url: r.request.url, text: clip(text, 300) };
}

/** The widget script loaded (requested, no error, status below 400). */
export function widgetLoaded(page: AnalyzedPage): boolean {
  return page.widgetRequests.some((r) => !r.error && (r.status === undefined || (r.status > 0 && r.status < 400)));
}

/**
 * How OK SKY identifies the visitor on this page: by the linkage value, or by its cookie.
 * The network's `/login` query wins over what the tag says; undefined when the page has no tag.
 */
export function identification(page: AnalyzedPage): 'linkage' | 'cookie' | undefined {
  const queries = page.loginRequests.map((r) => r.query.status);
  if (queries.includes('ok')) return 'linkage';
  if (queries.includes('empty')) return 'cookie';
  const { tags } = executedTags(page);
  const all = tags.length > 0 ? tags : page.oksky.staticTags;
  if (all.length === 0) return undefined;
  for (const tag of all) {
    if (!tagHasLinkage(tag)) continue;
    const ids = identifyingKeywords(tag);
    // linkage that identifies nobody (empty/placeholder value) behaves like no linkage for the room
    const real = ids.some(({ keyword }) => {
      if (!keyword) return false;
      const text = valueText(keyword.value);
      return text === undefined || !isPlaceholder(text);
    });
    if (real) return 'linkage';
  }
  return 'cookie';
}

/** Evidence pointing at a page of the session: its URL and the tag that shows `text` (source: the tag's). */
export function pageEvidence(page: AnalyzedPage, text: string): Evidence {
  const { tags, source } = executedTags(page);
  const tag = tags[0] ?? page.oksky.staticTags[0];
  const ev: Evidence = { source: tag ? tag.origin : source, url: page.page.url, text: clip(text, 300) };
  if (tag?.location) ev.location = tag.location;
  return ev;
}

/** Evidence of how the visitor was identified on a page: the `/login` request when the network decided, else the tag. */
export function identificationEvidence(page: AnalyzedPage, text: string): Evidence {
  const decisive = page.loginRequests.find((r) => r.query.status === 'ok') ?? page.loginRequests.find((r) => r.query.status === 'empty');
  if (decisive) return { source: 'network', requestId: decisive.request.id, url: page.page.url, text: clip(`${text} (login query: ${decisive.query.status})`, 300) };
  return pageEvidence(page, text);
}

const Q = `["'\`“”‘’＂＇″′]`;
const CALL_LITERAL = new RegExp(`(\\(\\s*${Q})([^"'\`“”‘’＂＇″′]{1,200})(${Q}\\s*,\\s*${Q})([^"'\`“”‘’＂＇″′]*)(?=${Q})`, 'g');
const PROP_LITERAL = new RegExp(`((?:\\b[A-Za-z_$][\\w$]*|${Q}[^"'\`“”‘’＂＇″′]*${Q})\\s*:\\s*${Q})([^"'\`“”‘’＂＇″′]*)(?=${Q})`, 'g');
const NOT_PERSONAL_NAMES = new Set(['key', 'loginKey', 'ga_client_code', 'src', 'type']);
/** a URL or a host name (SDK SYSTEM_URL, widget URL): not a personal value */
const URL_LIKE = /^(?:[a-z][a-z0-9+.-]*:)?\/\/|^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+\/?$/;

/**
 * Mask the values of `X("keyword", "value")` calls and `key: "value"` properties in a line of
 * source the extractor could not read (a script that does not parse): a member value may be
 * written there literally. Keyword names, widget keys and placeholders stay readable.
 */
export function maskCallLiterals(ctx: RuleContext, text: string): string {
  if (ctx.masker.reveal) return text;
  const hide = (name: string, value: string) =>
    NOT_PERSONAL_NAMES.has(name) || isPlaceholder(value) || URL_LIKE.test(value) ? value : ctx.masker.show(value);
  return text
    .replace(CALL_LITERAL, (_m, open: string, name: string, sep: string, value: string) => `${open}${name}${sep}${hide(name, value)}`)
    .replace(PROP_LITERAL, (m: string, head: string, value: string) => {
      const name = /^[A-Za-z_$][\w$]*/.exec(head)?.[0] ?? /^.([^"'`“”‘’＂＇″′]*)/.exec(head)?.[1] ?? '';
      return `${head}${hide(name, value)}`;
    });
}
