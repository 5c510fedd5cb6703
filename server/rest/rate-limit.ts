/**
 * An in-process token bucket per API key: `burst` requests at once, refilled at `ratePerSecond`.
 * In-process is enough for the one-server deployments Scorecraft targets; several app servers
 * would each allow the rate (documented in the README).
 */
export interface TakeResult {
  ok: boolean;
  /** When refused: whole seconds until one token is back (for Retry-After). */
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  updatedMs: number;
}

/** Buckets idle this long are full again and can be forgotten. */
const IDLE_MS = 10 * 60_000;

export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweepMs = 0;

  constructor(
    readonly ratePerSecond: number,
    readonly burst: number,
  ) {}

  take(key: string, nowMs: number = Date.now()): TakeResult {
    this.sweep(nowMs);
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, updatedMs: nowMs };
    const elapsed = Math.max(0, nowMs - bucket.updatedMs) / 1000;
    bucket.tokens = Math.min(this.burst, bucket.tokens + elapsed * this.ratePerSecond);
    bucket.updatedMs = nowMs;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true, retryAfterSeconds: 0 };
    }
    const waitSeconds = (1 - bucket.tokens) / this.ratePerSecond;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitSeconds)) };
  }

  private sweep(nowMs: number) {
    if (nowMs - this.lastSweepMs < IDLE_MS) return;
    this.lastSweepMs = nowMs;
    for (const [key, bucket] of this.buckets) {
      if (nowMs - bucket.updatedMs > IDLE_MS) this.buckets.delete(key);
    }
  }
}
