/**
 * Test support for the Channel Talk rule tables: pages built from real page source (the official
 * loader snippet, `ChannelIO(...)` calls, the npm loader) or from probe calls, run through the
 * real extractor and deriver, so every rule test also exercises extraction.
 * Not a rule (the leading `_` keeps it out of the registry).
 */
import { deriveChannelTalk } from '../../channeltalk/derive';
import type { Page, TagCall } from '../../model';
import { fromJson } from '../../static-value';
import type { PageSpec } from '../rule-tester';

/** The official inline loader snippet (Channel Talk install guide), verbatim. */
export const LOADER_SNIPPET =
  '(function(){var w=window;if(w.ChannelIO){return w.console.error("ChannelIO script included twice.");}var ch=function(){ch.c(arguments);};ch.q=[];ch.c=function(args){ch.q.push(args);};w.ChannelIO=ch;function l(){if(w.ChannelIOInitialized){return;}w.ChannelIOInitialized=true;var s=document.createElement("script");s.type="text/javascript";s.async=true;s.src="https://cdn.channel.io/plugin/ch-plugin-web.js";var x=document.getElementsByTagName("script")[0];if(x.parentNode){x.parentNode.insertBefore(s,x);}}if(document.readyState==="complete"){l();}else{w.addEventListener("DOMContentLoaded",l);w.addEventListener("load",l);}})();';

export const PLUGIN_KEY = '3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

export interface CtPageSpec extends PageSpec {
  /** inline scripts (each becomes one `<script>`) */
  scripts?: string[];
  scriptUrls?: string[];
  /** calls the probe saw: `[command, ...args]`, args as the page passed them */
  runtime?: [string, ...unknown[]][];
}

let counter = 0;

/** A Page as the HTML parser and the probe would give it. */
export function ctRawPage(spec: CtPageSpec = {}): Page {
  const id = `ct${++counter}`;
  const runtimeCalls: TagCall[] = (spec.runtime ?? []).map(([name, ...args], i) => ({
    vendor: 'channeltalk',
    form: 'snippet',
    name,
    args: args.map((a) => fromJson(a)),
    global: 'ChannelIO',
    origin: 'runtime',
    raw: JSON.stringify([name, ...args]),
    time: 1_700_000_000_000 + i,
  }));
  let line = 10;
  return {
    id,
    url: spec.url ?? `https://shop.example.jp/${id}`,
    state: { value: spec.state ?? 'unknown', source: 'inferred', hints: [] },
    scripts: (spec.scripts ?? []).map((text) => {
      const s = { text, line, column: 9 };
      line += text.split('\n').length + 2;
      return s;
    }),
    scriptUrls: spec.scriptUrls ?? [],
    runtimeCalls,
  };
}

/** A rule-tester page whose `channeltalk` evidence is derived from the given source / probe calls. */
export function ctPage(spec: CtPageSpec = {}): PageSpec {
  const { scripts: _s, scriptUrls: _u, runtime: _r, ...rest } = spec;
  return { ...rest, extra: { ...rest.extra, channeltalk: deriveChannelTalk(ctRawPage(spec)) } };
}

/** Page source: the loader snippet followed by `body` (one inline script). */
export function snippet(body: string, spec: CtPageSpec = {}): PageSpec {
  return ctPage({ ...spec, scripts: [`${LOADER_SNIPPET}\n${body}`] });
}

/** The loader snippet and `ChannelIO('boot', <option as JSON>)`. */
export function bootPage(option: unknown, spec: CtPageSpec = {}): PageSpec {
  return snippet(`ChannelIO('boot', ${JSON.stringify(option, null, 2)});`, spec);
}

/** The loader snippet, a boot and `ChannelIO('updateUser', <info>)`. */
export function updateUserPage(info: unknown, spec: CtPageSpec = {}): PageSpec {
  return snippet(`ChannelIO('boot', { pluginKey: '${PLUGIN_KEY}' });\nChannelIO('updateUser', ${JSON.stringify(info)});`, spec);
}

/** A boot whose profile is `profile` (and a plugin key). */
export function profilePage(profile: Record<string, unknown>, spec: CtPageSpec = {}): PageSpec {
  return bootPage({ pluginKey: PLUGIN_KEY, memberId: 'M00012345', memberHash: 'f'.repeat(64), profile }, spec);
}

/** A page where only the probe saw the calls (the tag is injected by a tag manager). */
export function runtimePage(calls: [string, ...unknown[]][], spec: CtPageSpec = {}): PageSpec {
  return ctPage({ ...spec, runtime: calls });
}
