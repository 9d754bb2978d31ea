/** Random bearer tokens and ids; tokens are stored only as SHA-256 hashes. */
import { createHash, randomBytes } from 'node:crypto';

export const WORKSPACE_TOKEN_PREFIX = 'rk_';
export const SHARE_TOKEN_PREFIX = 'rks_';
/** 32 random bytes in base64url = 43 characters */
export const TOKEN_RE = /^rk_[A-Za-z0-9_-]{43}$/;
export const SHARE_TOKEN_RE = /^rks_[A-Za-z0-9_-]{43}$/;

export function newToken(prefix: string): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Opaque ids: a prefix and 16 random bytes (base64url). */
export function newId(prefix: string): string {
  return prefix + randomBytes(16).toString('base64url');
}
