/** Token buckets per key (workspace token hash, or client address for unauthenticated calls). In memory, per instance. */
export interface RateLimitConfig {
  /** tokens added per second; 0 disables the limit */
  ratePerSec: number;
  /** bucket size (the burst allowed) */
  burst: number;
}

export class RateLimiter {
  private buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    readonly cfg: RateLimitConfig,
    private now: () => number = () => performance.now(),
    private maxKeys = 50_000,
  ) {}

  /** 0 when allowed, else the seconds to wait before the next request is allowed */
  take(key: string): number {
    if (this.cfg.ratePerSec <= 0) return 0;
    const now = this.now();
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= this.maxKeys) this.prune(now);
      b = { tokens: this.cfg.burst, at: now };
      this.buckets.set(key, b);
    } else {
      b.tokens = Math.min(this.cfg.burst, b.tokens + ((now - b.at) / 1000) * this.cfg.ratePerSec);
      b.at = now;
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.cfg.ratePerSec));
  }

  private prune(now: number): void {
    for (const [k, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * this.cfg.ratePerSec >= this.cfg.burst) this.buckets.delete(k);
    }
    // still full (an attack from many keys): drop the oldest half
    if (this.buckets.size >= this.maxKeys) {
      let n = this.buckets.size / 2;
      for (const k of this.buckets.keys()) {
        if (n-- <= 0) break;
        this.buckets.delete(k);
      }
    }
  }
}
