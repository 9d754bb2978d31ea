/** Configuration from the environment (the same variables for `serve` and the token commands). */
import { z } from 'zod';

const int = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);
const num = (def: number, min: number, max: number) => z.coerce.number().min(min).max(max).default(def);
const list = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

export const EnvSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: int(8787, 0, 65535),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().min(1).optional(),
  /** extension ids (32 letters a–p) or full origins (chrome-extension://ID, moz-extension://UUID) */
  EXTENSION_ORIGINS: list,
  /** other browser origins allowed to call the API (https://support.example.com) */
  CORS_ORIGINS: list,
  /** per-token requests per second (refill rate); 0 disables rate limiting */
  RATE_LIMIT_PER_SEC: num(20, 0, 1e9),
  /** per-token burst size */
  RATE_LIMIT_BURST: int(100, 1, 1e9),
  /** base URL used in share links (default: the URL the request came in on) */
  PUBLIC_URL: z.string().url().optional(),
  SHARE_TTL_SECONDS: int(7 * 24 * 3600, 60, 30 * 24 * 3600),
  SHUTDOWN_TIMEOUT_MS: int(10_000, 0, 600_000),
  /**
   * how long cached tokens and snapshots live. Unset: 0 (exact, invalidated on revoke/delete) on the
   * embedded engine, where only this process writes; 1000 on PostgreSQL, where another instance's
   * revoke/delete is seen within this time. No default here: the engine decides (Store).
   */
  CACHE_TTL_MS: z.coerce.number().int().min(0).max(3_600_000).optional(),
});

export interface CompanionConfig {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl?: string;
  corsOrigins: string[];
  rateLimit: { ratePerSec: number; burst: number };
  publicUrl?: string;
  shareTtlSeconds: number;
  shutdownTimeoutMs: number;
  cacheTtlMs?: number;
}

/** An extension id alone means its chrome-extension:// origin. */
export function normaliseOrigin(o: string): string | undefined {
  if (/^[a-p]{32}$/.test(o)) return `chrome-extension://${o}`;
  try {
    const u = new URL(o);
    if (!['http:', 'https:', 'chrome-extension:', 'moz-extension:'].includes(u.protocol)) return undefined;
    return u.origin !== 'null' ? u.origin : `${u.protocol}//${u.host}`;
  } catch {
    return undefined;
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): CompanionConfig {
  const parsed = EnvSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')));
  if (!parsed.success) {
    const what = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid environment: ${what}`);
  }
  const e = parsed.data;
  const origins: string[] = [];
  for (const o of [...e.EXTENSION_ORIGINS, ...e.CORS_ORIGINS]) {
    const n = normaliseOrigin(o);
    if (!n) throw new Error(`invalid origin in EXTENSION_ORIGINS/CORS_ORIGINS: ${o}`);
    origins.push(n);
  }
  return {
    host: e.HOST,
    port: e.PORT,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    corsOrigins: origins,
    rateLimit: { ratePerSec: e.RATE_LIMIT_PER_SEC, burst: e.RATE_LIMIT_BURST },
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    shareTtlSeconds: e.SHARE_TTL_SECONDS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    cacheTtlMs: e.CACHE_TTL_MS,
  };
}
