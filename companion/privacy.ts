/**
 * The server's last line of defence for PRODUCT principle 4 ("nothing secret leaves the browser"):
 * a payload that carries something looking like a clear personal value or a secret is refused
 * with the path where it was found. Snapshots hold masked values and salted fingerprints only.
 *
 * The scan walks the RAW parsed JSON (before zod strips unknown keys), iteratively and bounded.
 */
export interface PrivacyIssue {
  path: (string | number)[];
  message: string;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
/** a LINE Channel secret (and many other API secrets): exactly 32 hex digits standing alone */
const HEX32 = /(?:^|[^0-9A-Za-z])[0-9a-fA-F]{32}(?![0-9A-Za-z])/g;
/** …except a content hash in a static asset's file name (`app.3f9a…6b5c.js`), which is not a secret */
const ASSET_HASH = /^\.(?:m?js|css|map|png|jpe?g|gif|svg|webp|ico|woff2?|ttf)(?:$|[?#"'\s)])/;

function hasHexSecret(s: string): boolean {
  HEX32.lastIndex = 0;
  for (let m = HEX32.exec(s); m; m = HEX32.exec(s)) {
    if (!ASSET_HASH.test(s.slice(m.index + m[0].length, m.index + m[0].length + 8))) return true;
  }
  return false;
}
const JWT = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\./;
const BEARER = /\bBearer\s+[A-Za-z0-9._~+/-]{16,}/i;
/** our own workspace / share tokens */
const OWN_TOKEN = /\brks?_[A-Za-z0-9_-]{43}\b/;
/**
 * a long run of token characters. `/` is not one of them: URL paths such as OK SKY's
 * `/rapi/v1/clients/kobuna-s-001-0D5ACD179B043831/login` are judged segment by segment (a widget
 * key is public, not a secret); real access tokens are long enough that a segment still trips it.
 */
const TOKEN_RUN = /[A-Za-z0-9+_=-]{40,}/g;
/** salted fingerprints are allowed, and only in this exact form */
const FINGERPRINT = /^fp:[0-9a-f]{8,64}$/;
/** characters PostgreSQL text cannot hold */
const NUL = '\u0000';

export const MAX_DEPTH = 64;
const MAX_NODES = 500_000;

/** long, mixed-class runs look like tokens (LINE channel access tokens, API keys); plain words and paths do not */
function looksLikeToken(s: string): boolean {
  TOKEN_RUN.lastIndex = 0;
  for (let m = TOKEN_RUN.exec(s); m; m = TOKEN_RUN.exec(s)) {
    const run = m[0];
    const lower = /[a-z]/.test(run);
    const upper = /[A-Z]/.test(run);
    const digit = /[0-9]/.test(run);
    if (lower && upper && digit) return true;
  }
  return false;
}

export function checkString(s: string, key?: string | number): string | undefined {
  if (s.includes(NUL)) return 'contains a NUL character';
  if (key === 'fingerprint') return FINGERPRINT.test(s) ? undefined : 'is not a salted fingerprint (fp:hex)';
  if (EMAIL.test(s)) return 'looks like an e-mail address: personal values must be masked';
  if (OWN_TOKEN.test(s)) return 'looks like a companion token';
  if (JWT.test(s) || BEARER.test(s)) return 'looks like an access token';
  if (hasHexSecret(s)) return 'looks like a secret (32 hexadecimal characters, e.g. a LINE Channel secret)';
  if (looksLikeToken(s)) return 'looks like a secret or access token (long random-looking string)';
  return undefined;
}

/** Find clear personal values and secrets in an untrusted JSON value. Empty list = clean. */
export function scanPrivacy(root: unknown, maxIssues = 20): PrivacyIssue[] {
  const issues: PrivacyIssue[] = [];
  const stack: { v: unknown; path: (string | number)[] }[] = [{ v: root, path: [] }];
  let nodes = 0;
  while (stack.length > 0 && issues.length < maxIssues) {
    const { v, path } = stack.pop()!;
    if (++nodes > MAX_NODES) {
      issues.push({ path: [], message: 'too many values' });
      break;
    }
    if (path.length > MAX_DEPTH) {
      issues.push({ path, message: `nested deeper than ${MAX_DEPTH} levels` });
      break;
    }
    if (typeof v === 'string') {
      const problem = checkString(v, path[path.length - 1]);
      if (problem) issues.push({ path, message: problem });
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: [...path, i] });
    } else if (v !== null && typeof v === 'object') {
      const obj = v as Record<string, unknown>;
      if ('clear' in obj && ('fingerprint' in obj || 'masked' in obj)) {
        issues.push({ path: [...path, 'clear'], message: 'a clear value next to a masked value: send masked values only' });
      }
      const keys = Object.keys(obj);
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i];
        const problem = k === 'fingerprint' ? (k.includes(NUL) ? 'contains a NUL character' : undefined) : checkString(k);
        if (problem) issues.push({ path: [...path, k], message: `key ${problem}` });
        stack.push({ v: obj[k], path: [...path, k] });
      }
    }
  }
  return issues;
}
