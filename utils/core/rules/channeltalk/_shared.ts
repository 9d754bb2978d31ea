/**
 * What the Channel Talk rules share: the page's derived evidence, evidence records with personal
 * values masked. Not a rule (the leading `_` keeps it out of the registry).
 */
import { channelTalkOf, type ChannelTalkPageEvidence } from '../../channeltalk/derive';
import { renderCall } from '../../channeltalk/render';
import type { Evidence, MaskedValue, TagCall } from '../../model';
import type { AnalyzedPage, RuleContext } from '../types';

/** 001 顧客データ (Channel Talk customer data). */
export const DOC_001 = '001';
/** Channel Talk's public web SDK (types of `@channel.io/channel-web-sdk-loader`, developers.channel.io). */
export const DOC_SDK = 'channeltalk-sdk';

/** The page's Channel Talk evidence, or undefined when there is none. */
export function evidenceOf(page: AnalyzedPage | undefined): ChannelTalkPageEvidence | undefined {
  return channelTalkOf(page);
}

/** One evidence record for a call: where it is, what it says (masked), and masked personal values. */
export function callEvidence(ctx: RuleContext, call: TagCall, values?: MaskedValue[], note?: string): Evidence {
  const text = renderCall(call, ctx.masker);
  const ev: Evidence = { source: call.origin === 'runtime' ? 'runtime' : 'static', text: note ? `${note} — ${text}` : text };
  if (call.location) ev.location = call.location;
  if (values && values.length > 0) ev.values = values;
  return ev;
}

/** `ChannelIO('boot', …)` or `ChannelService.boot(…)`, as the page writes it. */
export function callName(call: TagCall): string {
  return call.form === 'sdk-loader' && call.origin === 'static' ? `${call.global ?? 'ChannelService'}.${call.name}(…)` : `ChannelIO('${call.name}', …)`;
}

/** The calls that write the user (`boot`, `updateUser`), in order. */
export function userCalls(ev: ChannelTalkPageEvidence): TagCall[] {
  return ev.calls.filter((c) => c.name === 'boot' || c.name === 'updateUser');
}
