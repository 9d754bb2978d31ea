/**
 * Call budgets: no retry storms. A sliding window of calls (Chatwork allows 300 calls per
 * 5 minutes per token) plus a cool-down set by `Retry-After` or by `X-RateLimit-Remaining: 0`
 * and `X-RateLimit-Reset`. A call that would break the budget is refused locally and reported
 * as rate-limited with the wait, so the vendor never sees it.
 */
export interface Budget {
  /** undefined when a call may be made now (and counts it), else ms to wait */
  take(now: number): number | undefined;
  /** learn from a response: 429 Retry-After, X-RateLimit-* headers */
  observe(status: number, headers: Headers, now: number): void;
  /** seconds until the next call is allowed (0 when allowed) */
  retryAfterSec(now: number): number;
}

export class WindowBudget implements Budget {
  private readonly calls: number[] = [];
  private blockedUntil = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  private prune(now: number): void {
    while (this.calls.length > 0 && this.calls[0] <= now - this.windowMs) this.calls.shift();
  }

  take(now: number): number | undefined {
    if (now < this.blockedUntil) return this.blockedUntil - now;
    this.prune(now);
    if (this.calls.length >= this.limit) return this.calls[0] + this.windowMs - now;
    this.calls.push(now);
    return undefined;
  }

  observe(status: number, headers: Headers, now: number): void {
    const retry = headers.get('retry-after');
    if (status === 429 || status === 503) {
      let ms = 0;
      if (retry && /^\d+$/u.test(retry.trim())) ms = Number(retry.trim()) * 1000;
      else if (retry && !Number.isNaN(Date.parse(retry))) ms = Date.parse(retry) - now;
      // a 429 without Retry-After: wait a minute rather than hammering
      if (status === 429 && ms <= 0) ms = 60_000;
      this.blockedUntil = Math.max(this.blockedUntil, now + Math.min(ms, 86_400_000));
    }
    const remaining = headers.get('x-ratelimit-remaining');
    const reset = headers.get('x-ratelimit-reset');
    if (remaining !== null && /^\d+$/u.test(remaining.trim()) && Number(remaining) === 0 && reset && /^\d+$/u.test(reset.trim())) {
      const resetMs = Number(reset) * 1000;
      if (resetMs > now) this.blockedUntil = Math.max(this.blockedUntil, Math.min(resetMs, now + 86_400_000));
    }
  }

  retryAfterSec(now: number): number {
    const w = this.take0(now);
    return Math.ceil(w / 1000);
  }

  private take0(now: number): number {
    if (now < this.blockedUntil) return this.blockedUntil - now;
    this.prune(now);
    if (this.calls.length >= this.limit) return this.calls[0] + this.windowMs - now;
    return 0;
  }
}

/** Chatwork: 300 calls per 5 minutes (003, and Chatwork's API documentation). */
export const CHATWORK_LIMIT = { calls: 300, windowMs: 5 * 60_000 } as const;

const shared = new Map<string, Budget>();

/** The budget shared by every check of a service (and key, e.g. a Chatwork token fingerprint). */
export function sharedBudget(service: string, key = ''): Budget {
  const k = `${service}\u0000${key}`;
  let b = shared.get(k);
  if (!b) {
    b = service === 'chatwork' ? new WindowBudget(CHATWORK_LIMIT.calls, CHATWORK_LIMIT.windowMs) : new WindowBudget(60, 60_000);
    if (shared.size > 100) shared.clear();
    shared.set(k, b);
  }
  return b;
}
