/**
 * Rendering Channel Talk calls and values for evidence texts and tables, with personal values
 * (memberId, memberHash, email, mobileNumber, name) masked by the masker. Never prints a
 * personal value in clear unless the masker reveals.
 */
import type { Masker } from '../mask';
import type { StaticValue, TagCall } from '../model';
import { isPersonalKey } from './schema';

const DEFAULT_MAX = 300;

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, Math.max(0, max - 1))}…` : s;
}

function keyText(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
}

/** URLs (referrers, landing pages) can carry tokens in their query: keep origin and path only. */
export function withoutQuery(value: string): string {
  const m = /^(https?:\/\/[^?#\s]*)[?#]/i.exec(value);
  return m ? `${m[1]}?…` : value;
}

/** A value as source-like text; values under personal keys are masked. */
export function renderValue(v: StaticValue, masker: Masker, personal = false, depth = 0): string {
  if (depth > 6) return '…';
  switch (v.kind) {
    case 'string':
      return JSON.stringify(personal ? masker.show(v.value) : withoutQuery(v.value));
    case 'number':
      return personal ? masker.show(String(v.value)) : (v.raw ?? String(v.value));
    case 'boolean':
      return String(v.value);
    case 'null':
    case 'undefined':
      return v.kind;
    case 'function':
      return 'function';
    case 'unknown':
      // run-time expressions are code (`user.id`), not values
      return clip(v.raw ?? '?', 80);
    case 'array':
      return `[${v.items
        .slice(0, 20)
        .map((i) => renderValue(i, masker, personal, depth + 1))
        .join(', ')}${v.items.length > 20 ? ', …' : ''}]`;
    case 'object':
      return `{${v.entries
        .slice(0, 40)
        .map((e) =>
          e.key === '...' ? clip(e.value.raw ?? '...', 60) : `${keyText(e.key)}: ${renderValue(e.value, masker, personal || isPersonalKey(e.key), depth + 1)}`,
        )
        .join(', ')}${v.entries.length > 40 ? ', …' : ''}}`;
  }
}

/** `ChannelIO('boot', {pluginKey: "…", memberId: "A1****67"})` / `ChannelService.boot({...})`, bounded. */
export function renderCall(call: TagCall, masker: Masker, max = DEFAULT_MAX): string {
  const args = call.args.map((a) => renderValue(a, masker));
  const text =
    call.form === 'sdk-loader' && call.origin === 'static'
      ? `${call.global ?? 'ChannelService'}.${call.name}(${args.join(', ')})`
      : `ChannelIO(${[JSON.stringify(call.name), ...args].join(', ')})`;
  return clip(text, max);
}
