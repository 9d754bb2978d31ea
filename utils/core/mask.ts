/**
 * Personal values (member ids, names, e-mails) never appear in clear in outputs by default:
 * they are masked (`A1****93`) and carry a salted fingerprint so equality survives masking.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { MaskedValue } from './model';
import { isTemplateExpression } from './placeholder';

export function maskText(value: string): string {
  // an unrendered template expression is the template's text, not a personal value (placeholder.ts)
  if (isTemplateExpression(value)) return value;
  const chars = Array.from(value);
  if (chars.length === 0) return '';
  if (chars.length <= 4) return '*'.repeat(chars.length);
  if (chars.length <= 6) return `${chars[0]}****${chars[chars.length - 1]}`;
  return `${chars.slice(0, 2).join('')}****${chars.slice(-2).join('')}`;
}

export function fingerprint(value: string, salt: string): string {
  return `fp:${bytesToHex(sha256(utf8ToBytes(`${salt}\u0000${value}`))).slice(0, 16)}`;
}

/** A short public id of a salt: two snapshots' fingerprints are comparable when their salt ids match. */
export function saltId(salt: string): string {
  return bytesToHex(sha256(utf8ToBytes(`renkei-salt\u0000${salt}`))).slice(0, 8);
}

export interface Masker {
  salt: string;
  reveal: boolean;
  mask(value: string): MaskedValue;
  /** the text to show for a personal value: masked, or clear when revealing */
  show(value: string): string;
}

export function createMasker(salt: string, reveal = false): Masker {
  return {
    salt,
    reveal,
    mask(value) {
      const m: MaskedValue = { masked: maskText(value), fingerprint: fingerprint(value, salt) };
      if (reveal) m.clear = value;
      return m;
    },
    show(value) {
      return reveal ? value : maskText(value);
    },
  };
}

/** A random salt (per snapshot/session unless the user pins one for cross-snapshot equality). */
export function randomSalt(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return bytesToHex(bytes);
}
