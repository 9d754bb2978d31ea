/**
 * The snapshot's record of a page's Channel Talk tag (`SnapshotChannelTalkTag`): what `renkei
 * analyze --format json` prints, what `compare` reads and the companion stores. Personal values
 * are masked with fingerprints; no clear value can enter (StoredMaskedValue has no `clear`).
 */
import type { Masker } from '../mask';
import type { StaticValue } from '../model';
import { isPlaceholder } from '../placeholder';
import type { SnapshotTag } from '../snapshot';
import type { ChannelTalkPageEvidence } from './derive';
import { entry, optionOf, profileEntries, textOf } from './values';

export type SnapshotChannelTalkTag = Extract<SnapshotTag, { vendor: 'channeltalk' }>;

const MAX_KEYS = 500;
const MAX_KEY_CHARS = 200;
const MAX_COMMANDS = 50;

function memberIdKind(v: StaticValue | undefined): string {
  if (!v || v.kind === 'undefined' || v.kind === 'null') return 'absent';
  if (v.kind === 'unknown') return 'unknown';
  const t = textOf(v);
  if (t === undefined) return v.kind;
  const p = isPlaceholder(t);
  if (p) return p.kind === 'empty' ? 'empty' : 'placeholder';
  return v.kind;
}

/**
 * One tag per page that carries Channel Talk (none when it does not): the embed form, where the
 * calls come from, the plugin key, the (last) boot's memberId masked, whether it has memberHash,
 * the profile keys sent by boot and updateUser, and the commands.
 */
export function channelTalkSnapshotTags(evidence: ChannelTalkPageEvidence | undefined, masker: Masker): SnapshotChannelTalkTag[] {
  if (!evidence || !evidence.present) return [];
  const boot = evidence.boots[evidence.boots.length - 1];
  const form = boot?.form === 'sdk-loader' || (!boot && evidence.forms[0] === 'sdk-loader') ? 'sdk-loader' : 'snippet';
  const tag: SnapshotChannelTalkTag = {
    vendor: 'channeltalk',
    form,
    origin: evidence.callsOrigin === 'runtime' ? 'runtime' : 'static',
    bootCount: evidence.boots.length,
  };
  const commands = [...new Set(evidence.calls.map((c) => c.name))].slice(0, MAX_COMMANDS).map((c) => c.slice(0, 100));
  if (commands.length > 0) tag.commands = commands;
  if (boot) {
    const option = optionOf(boot);
    const pluginKey = entry(option, 'pluginKey');
    if (pluginKey?.kind === 'string' && pluginKey.value.length <= 200) tag.pluginKey = pluginKey.value;
    const memberId = entry(option, 'memberId');
    tag.memberIdKind = option?.kind === 'object' ? memberIdKind(memberId) : 'unknown';
    const text = textOf(memberId);
    if (text !== undefined && text !== '') {
      const m = masker.mask(text);
      tag.memberId = { masked: m.masked.slice(0, 64), fingerprint: m.fingerprint };
    }
    if (option?.kind === 'object') {
      const hash = entry(option, 'memberHash');
      tag.hasMemberHash = !!hash && hash.kind !== 'undefined' && hash.kind !== 'null' && !(hash.kind === 'string' && hash.value.trim() === '');
    }
  }
  const keys = new Set<string>();
  for (const call of [...evidence.boots, ...evidence.updateUsers]) {
    for (const e of profileEntries(call)) {
      if (keys.size >= MAX_KEYS) break;
      keys.add(e.key.slice(0, MAX_KEY_CHARS));
    }
  }
  if (keys.size > 0) tag.profileKeys = [...keys];
  return [tag];
}
