/**
 * Reading boot options, `updateUser` infos and profile values from StaticValues, and the value
 * checks of 001 (データタイプ, データキー) and the SDK types (E.164, camelCase).
 *
 * A StaticValue of kind `unknown` (a run-time expression) is never judged: the checks return
 * `undefined` for it ("cannot tell").
 */
import type { StaticValue, TagCall } from '../model';

export type ObjectValue = Extract<StaticValue, { kind: 'object' }>;

/** `...spread` and `[computed]` entries: the object may hold keys the source does not show. */
export function isOpaqueKey(key: string): boolean {
  return key === '...' || key.startsWith('[');
}

export function asObject(v: StaticValue | undefined): ObjectValue | undefined {
  return v && v.kind === 'object' ? v : undefined;
}

/** The value of `key` (the last one, as JavaScript keeps the last duplicate key). */
export function entry(obj: StaticValue | undefined, key: string): StaticValue | undefined {
  const o = asObject(obj);
  if (!o) return undefined;
  for (let i = o.entries.length - 1; i >= 0; i--) if (o.entries[i].key === key) return o.entries[i].value;
  return undefined;
}

/** The object may carry keys the source does not show (spread, computed key). */
export function hasOpaqueEntries(obj: StaticValue | undefined): boolean {
  const o = asObject(obj);
  return !!o && o.entries.some((e) => isOpaqueKey(e.key));
}

/**
 * Whether `key` is certainly absent (or `undefined`/`null`, which the SDK drops) from the option.
 * `false` when it is present or when the option is not known well enough to tell.
 */
export function certainlyMissing(option: StaticValue | undefined, key: string): boolean {
  if (option === undefined || option.kind === 'undefined' || option.kind === 'null') return true;
  if (option.kind !== 'object') return false;
  const v = entry(option, key);
  if (v === undefined) return !hasOpaqueEntries(option);
  return v.kind === 'undefined' || v.kind === 'null';
}

/** The option object of a `boot` / `updateUser` call (its first argument). */
export function optionOf(call: TagCall): StaticValue | undefined {
  return call.args[0];
}

export interface ProfileEntry {
  /** `profile` or `profileOnce` (updateUser) */
  container: 'profile' | 'profileOnce';
  key: string;
  value: StaticValue;
  call: TagCall;
}

/** The entries of `profile` and `profileOnce` of a boot / updateUser call (opaque entries left out). */
export function profileEntries(call: TagCall): ProfileEntry[] {
  const option = optionOf(call);
  const out: ProfileEntry[] = [];
  for (const container of ['profile', 'profileOnce'] as const) {
    const obj = asObject(entry(option, container));
    if (!obj) continue;
    for (const e of obj.entries) if (!isOpaqueKey(e.key)) out.push({ container, key: e.key, value: e.value, call });
  }
  return out;
}

/** The constant text of a string or number value (numbers as written in the source when known). */
export function textOf(v: StaticValue | undefined): string | undefined {
  if (!v) return undefined;
  if (v.kind === 'string') return v.value;
  if (v.kind === 'number') return v.raw !== undefined && /^[+-]?[\d.]+$/.test(v.raw) ? v.raw.replace(/^\+/, '') : String(v.value);
  return undefined;
}

const MAX_SHOWN = 120;

/** A short, language-neutral rendering of a non-personal value for evidence texts. */
export function showValue(v: StaticValue): string {
  let s: string;
  switch (v.kind) {
    case 'string':
      s = JSON.stringify(v.value);
      break;
    case 'number':
      s = v.raw ?? String(v.value);
      break;
    case 'boolean':
      s = String(v.value);
      break;
    case 'null':
    case 'undefined':
      s = v.kind;
      break;
    case 'object':
      s = v.raw ?? `{${v.entries.map((e) => e.key).join(', ')}}`;
      break;
    case 'array':
      s = v.raw ?? `[${v.items.length}]`;
      break;
    default:
      s = v.raw ?? v.kind;
  }
  return s.length > MAX_SHOWN ? `${s.slice(0, MAX_SHOWN)}…` : s;
}

// ---------------------------------------------------------------------------------------------
// Date / Datetime (001: 日時データを使用する場合は timestamp を millisecond 単位形式で送信)

const DOCUMENTED_DATE_KEYS = new Set(['lastCheckoutCompletedAt', 'lastSeenAt', 'createdAt', 'updatedAt']);

/** A documented Date key, or a key ending in `At` / `_at` / `Date` / `_date` (`birthDate`, `last_login_at`). */
export function isDateKey(key: string): boolean {
  if (DOCUMENTED_DATE_KEYS.has(key)) return true;
  return /[a-z0-9]At$/.test(key) || /_at$/i.test(key) || /[a-z0-9]Date$/.test(key) || /_date$/i.test(key) || /^date$/i.test(key);
}

export type TimestampProblem =
  /** a 9–11 digit number: seconds since the epoch */
  | 'seconds'
  /** a 15–17 digit number: microseconds */
  | 'microseconds'
  /** the timestamp is sent as a string of digits */
  | 'number-string'
  /** an ISO 8601 / `2024/01/01` / `2024年1月1日` / other date text */
  | 'date-string'
  /** `20240101` as a number */
  | 'compact-date'
  /** anything else that is not a timestamp (true, 42, "tomorrow") */
  | 'not-timestamp';

export interface TimestampVerdict {
  problem: TimestampProblem;
  /** language-neutral description of the format seen: `seconds`, `ISO 8601 (Z)`, `YYYY/MM/DD` */
  format: string;
  /** the millisecond value to send, when it can be computed (date texts without a zone are read as JST) */
  suggestion?: number;
  /** the suggestion assumed Japan time (+09:00) because the value had no time zone */
  assumedJst?: boolean;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
const SLASH = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const JAPANESE = /^(\d{4})年(\d{1,2})月(\d{1,2})日(?:\s*(\d{1,2})[:時](\d{2})分?(?:[:](\d{2})|(\d{2})秒)?)?$/;

function jstMs(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  return Date.UTC(y, mo - 1, d, h, mi, s) - 9 * 3600 * 1000;
}

function classifyNumber(n: number, fromString: boolean): TimestampVerdict | undefined {
  if (!Number.isFinite(n)) return { problem: 'not-timestamp', format: String(n) };
  const a = Math.abs(n);
  if (Number.isInteger(n) && a >= 1e11 && a < 1e14) {
    return fromString ? { problem: 'number-string', format: 'string of milliseconds', suggestion: n } : undefined;
  }
  if (a >= 1e8 && a < 1e11) return { problem: 'seconds', format: fromString ? 'string of seconds' : 'seconds', suggestion: Math.round(n * 1000) };
  if (Number.isInteger(n) && a >= 1e14 && a < 1e17) return { problem: 'microseconds', format: 'microseconds', suggestion: Math.trunc(n / 1000) };
  if (Number.isInteger(n) && n >= 19000101 && n <= 21001231) {
    const y = Math.trunc(n / 10000);
    const mo = Math.trunc(n / 100) % 100;
    const d = n % 100;
    const ms = jstMs(y, mo, d);
    if (ms !== undefined) return { problem: 'compact-date', format: 'YYYYMMDD', suggestion: ms, assumedJst: true };
  }
  return { problem: 'not-timestamp', format: fromString ? 'string' : 'number' };
}

/**
 * Whether a Date/Datetime profile value is a millisecond timestamp. `undefined`: fine, or cannot
 * tell (run-time value, null which resets the field, an empty text); otherwise what is wrong.
 */
export function checkTimestamp(v: StaticValue): TimestampVerdict | undefined {
  switch (v.kind) {
    case 'number':
      return classifyNumber(v.value, false);
    case 'boolean':
      return { problem: 'not-timestamp', format: 'boolean' };
    case 'string': {
      const t = v.value.normalize('NFKC').trim();
      if (t === '') return undefined;
      if (/^[+-]?\d+(?:\.\d+)?$/.test(t)) return classifyNumber(Number(t), true);
      let m = ISO.exec(t);
      if (m) {
        const zone = m[8];
        const hasTime = m[4] !== undefined;
        const format = `ISO 8601${hasTime ? '' : ' (date only)'}${zone ? ` (${zone.toUpperCase()})` : ' (no time zone)'}`;
        if (zone) {
          const ms = Date.parse(t.replace(' ', 'T').replace(/z$/, 'Z').replace(/([+-]\d{2})(\d{2})$/, '$1:$2').replace(/([+-]\d{2})$/, '$1:00'));
          return { problem: 'date-string', format, ...(Number.isFinite(ms) ? { suggestion: ms } : {}) };
        }
        const ms = jstMs(+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
        return { problem: 'date-string', format, ...(ms !== undefined ? { suggestion: ms, assumedJst: true } : {}) };
      }
      m = SLASH.exec(t);
      if (m) {
        const ms = jstMs(+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
        return { problem: 'date-string', format: m[4] ? 'YYYY/MM/DD hh:mm' : 'YYYY/MM/DD', ...(ms !== undefined ? { suggestion: ms, assumedJst: true } : {}) };
      }
      m = JAPANESE.exec(t);
      if (m) {
        const ms = jstMs(+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? m[7] ?? 0));
        return { problem: 'date-string', format: 'YYYY年M月D日', ...(ms !== undefined ? { suggestion: ms, assumedJst: true } : {}) };
      }
      if (/\d/.test(t) && Number.isFinite(Date.parse(t))) {
        const zoned = /(?:GMT|UTC|Z|[+-]\d{2}:?\d{2})\b/i.test(t);
        return { problem: 'date-string', format: 'date text', ...(zoned ? { suggestion: Date.parse(t) } : {}) };
      }
      return { problem: 'not-timestamp', format: 'string' };
    }
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Profile keys (001 データキー; SDK types: "Field names must be in camelCase")

export type KeyProblem = 'profile-prefix' | 'non-ascii' | 'space' | 'hyphen' | 'snake-case' | 'dot' | 'upper-first' | 'digit-first' | 'symbol';

export interface KeyVerdict {
  problem: KeyProblem;
  /** a camelCase key to use instead, when one can be derived (never for Japanese keys) */
  suggestion?: string;
}

const CAMEL = /^[a-z][a-zA-Z0-9]*$/;

function camelize(key: string): string | undefined {
  const parts = key.split(/[\s_\-.]+/).filter((p) => p !== '');
  if (parts.length === 0) return undefined;
  const words = parts.map((p) => (/^[A-Z0-9]+$/.test(p) ? p.toLowerCase() : p));
  const out = words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  return CAMEL.test(out) ? out : undefined;
}

/** `undefined` when the key is camelCase ASCII letters and digits; otherwise what is wrong with it. */
export function checkProfileKey(key: string): KeyVerdict | undefined {
  if (CAMEL.test(key)) return undefined;
  if (key.startsWith('profile.')) {
    const rest = key.slice('profile.'.length);
    return { problem: 'profile-prefix', ...(CAMEL.test(rest) ? { suggestion: rest } : {}) };
  }
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(key)) return { problem: 'non-ascii' };
  const suggestion = camelize(key);
  const s = suggestion ? { suggestion } : {};
  if (/\s/.test(key)) return { problem: 'space', ...s };
  if (key.includes('-')) return { problem: 'hyphen', ...s };
  if (key.includes('_')) return { problem: 'snake-case', ...s };
  if (key.includes('.')) return { problem: 'dot', ...s };
  if (/^[A-Z]/.test(key) && /^[A-Za-z0-9]+$/.test(key)) return { problem: 'upper-first', ...s };
  if (/^[0-9]/.test(key)) return { problem: 'digit-first' };
  return { problem: 'symbol' };
}

// ---------------------------------------------------------------------------------------------
// mobileNumber (SDK types: "The `mobileNumber` field must follow the `E.164` format")

const E164 = /^\+[1-9]\d{6,14}$/;

/** E.164 (`+` country code and number, no separators). `+810…` (Japan with the trunk 0 kept) is not valid. */
export function isE164(s: string): boolean {
  return E164.test(s) && !s.startsWith('+810');
}

/**
 * A Japanese number as written at home: 11 digits for mobile / IP / M2M numbers (070, 080, 090,
 * 050, 020, 060), 10 digits for a landline (0 and a 1–9 area code, never 010: that is Japan's
 * international prefix). Other domestic forms (a Korean 010-1234-5678) are not Japanese: their
 * country code cannot be guessed.
 */
export function isJapaneseDomestic(digits: string): boolean {
  return /^0[256789]0\d{8}$/.test(digits) || (/^0[1-9]\d{8}$/.test(digits) && !digits.startsWith('010'));
}

/** The E.164 form of a Japanese (or already international) number written another way, if derivable. */
export function toE164(s: string): string | undefined {
  const t = s.normalize('NFKC').trim();
  const digits = t.replace(/[\s\-‐－()（）.]/g, '');
  // +81 with the domestic trunk 0 kept (+81-090-…) is a common mistake: drop the 0
  if (/^\+?810\d{9,10}$/.test(digits)) return `+81${digits.replace(/^\+?810/, '')}`;
  if (/^\+[1-9]\d{6,14}$/.test(digits)) return digits;
  if (!/^\d+$/.test(digits)) return undefined;
  if (isJapaneseDomestic(digits)) return `+81${digits.slice(1)}`;
  if (/^81[1-9]\d{8,9}$/.test(digits)) return `+${digits}`;
  return undefined;
}
