/**
 * Limits of the public API, from server/env.ts (API_RATE_LIMIT_PER_SECOND, API_RATE_LIMIT_BURST,
 * API_BODY_LIMIT_BYTES). Kept on globalThis because Next loads each route handler with its own
 * module copy, and a rate limit must be one budget per key for the whole process.
 */
import { env } from "../env";
import { TokenBucketLimiter } from "./rate-limit";

export interface ApiLimits {
  bodyLimitBytes: number;
  ratePerSecond: number;
  burst: number;
}

interface ApiState {
  limits: ApiLimits;
  limiter: TokenBucketLimiter;
  /** The browser collector, per client address: anyone can read a publishable key off a page. */
  collectorLimiter: TokenBucketLimiter;
}

/** Per client address at the collector: a busy page view burst fits, a flood does not. */
export const COLLECTOR_PER_ADDRESS = { ratePerSecond: 10, burst: 40 };

const globalForApi = globalThis as unknown as { scorecraftApiV1?: ApiState };

function state(): ApiState {
  if (!globalForApi.scorecraftApiV1) {
    const limits: ApiLimits = {
      bodyLimitBytes: env.API_BODY_LIMIT_BYTES,
      ratePerSecond: env.API_RATE_LIMIT_PER_SECOND,
      burst: env.API_RATE_LIMIT_BURST,
    };
    globalForApi.scorecraftApiV1 = {
      limits,
      limiter: new TokenBucketLimiter(limits.ratePerSecond, limits.burst),
      collectorLimiter: collectorLimiter(),
    };
  }
  return globalForApi.scorecraftApiV1;
}

export function apiLimits(): ApiLimits {
  return state().limits;
}

export function apiRateLimiter(): TokenBucketLimiter {
  return state().limiter;
}

export function collectorAddressLimiter(): TokenBucketLimiter {
  return state().collectorLimiter;
}

function collectorLimiter() {
  return new TokenBucketLimiter(COLLECTOR_PER_ADDRESS.ratePerSecond, COLLECTOR_PER_ADDRESS.burst);
}

/** Tests (and nothing else) change the limits; the buckets start full again. */
export function configureApiLimits(overrides: Partial<ApiLimits>): void {
  const current = state();
  const limits = { ...current.limits, ...overrides };
  globalForApi.scorecraftApiV1 = {
    limits,
    limiter: new TokenBucketLimiter(limits.ratePerSecond, limits.burst),
    collectorLimiter: collectorLimiter(),
  };
}
