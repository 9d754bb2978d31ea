/**
 * Everything the Channel Talk rules read about one page, derived once before the rules run and
 * stored by the analysis driver as `AnalyzedPage.channeltalk`.
 *
 * Static calls (page source) and runtime calls (what the probe saw execute) are kept apart; the
 * rules judge `calls`: the runtime calls when the probe saw Channel Talk run (they carry the
 * values the page actually computed), otherwise the static ones.
 */
import type { Page, TagCall } from '../model';
import { extractChannelTalk, type ChannelTalkLoader, type ChannelTalkSyntaxError } from './extract';

export interface ChannelTalkPageEvidence {
  /**
   * the SDK is present: the page loads it (loader snippet, SDK loader, plugin script) or calls
   * `ChannelIO` (requirement `channeltalk-tag`; the engine reads this field)
   */
  present: boolean;
  /** the embed forms seen (`snippet`, `sdk-loader`) */
  forms: ('snippet' | 'sdk-loader')[];
  loaders: ChannelTalkLoader[];
  /** calls found in the page source, in document order */
  staticCalls: TagCall[];
  /** calls the probe saw execute, in execution order */
  runtimeCalls: TagCall[];
  /** the probe reported Channel Talk calls for this page */
  probed: boolean;
  /** the calls the rules judge: `runtimeCalls` when probed, else `staticCalls` */
  calls: TagCall[];
  callsOrigin: 'static' | 'runtime' | 'none';
  /** `boot` calls among `calls` */
  boots: TagCall[];
  /** `updateUser` calls among `calls` */
  updateUsers: TagCall[];
  /** inline scripts holding Channel Talk code that do not parse */
  syntaxErrors: ChannelTalkSyntaxError[];
  /** static calls beyond the per-page bound were dropped */
  truncated?: boolean;
}

export function deriveChannelTalk(page: Page): ChannelTalkPageEvidence {
  const extraction = extractChannelTalk(page);
  const reported = (page.runtimeCalls ?? []).filter((c) => c.vendor === 'channeltalk');
  // the probe's calls are `runtime`; a call with origin `static` here was built from a file (the
  // CLI reads a boot-option JSON into `ChannelIO('boot', …)`): it is source evidence
  const runtimeCalls = reported.filter((c) => c.origin === 'runtime');
  const inputCalls = reported.filter((c) => c.origin !== 'runtime');
  const loaders = [...extraction.loaders];
  if (runtimeCalls.length > 0) {
    loaders.push({ form: runtimeCalls[0].form === 'sdk-loader' ? 'sdk-loader' : 'snippet', origin: 'runtime', how: 'runtime-call' });
  }
  const staticCalls = [...extraction.calls, ...inputCalls].sort(
    (a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.column ?? 0) - (b.location?.column ?? 0),
  );
  const probed = runtimeCalls.length > 0;
  const calls = probed ? runtimeCalls : staticCalls;
  const forms = new Set<'snippet' | 'sdk-loader'>();
  for (const l of loaders) forms.add(l.form);
  for (const c of [...staticCalls, ...runtimeCalls]) if (c.form === 'snippet' || c.form === 'sdk-loader') forms.add(c.form);
  const evidence: ChannelTalkPageEvidence = {
    // a broken script naming Channel Talk is a tag too (its syntax error is the finding)
    present: loaders.length > 0 || staticCalls.length > 0 || runtimeCalls.length > 0 || extraction.syntaxErrors.length > 0,
    forms: [...forms],
    loaders,
    staticCalls,
    runtimeCalls,
    probed,
    calls,
    callsOrigin: calls.length === 0 ? 'none' : probed ? 'runtime' : 'static',
    boots: calls.filter((c) => c.name === 'boot'),
    updateUsers: calls.filter((c) => c.name === 'updateUser'),
    syntaxErrors: extraction.syntaxErrors,
  };
  if (extraction.truncated) evidence.truncated = true;
  return evidence;
}

/** The Channel Talk evidence of an analysed page (undefined when the deriver did not run). */
export function channelTalkOf(page: object | undefined): ChannelTalkPageEvidence | undefined {
  const ev = (page as { channeltalk?: unknown } | undefined)?.channeltalk as ChannelTalkPageEvidence | undefined;
  return ev && typeof ev === 'object' && Array.isArray(ev.calls) ? ev : undefined;
}

/** Requirement `channeltalk-tag`: the page carries a Channel Talk tag (static or runtime). */
export function hasChannelTalkTag(page: object | undefined): boolean {
  return channelTalkOf(page)?.present === true;
}
