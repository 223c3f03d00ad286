import "server-only";

export const DEFAULT_MAX_TOTAL_WAIT_MS = 60_000;
/** A single Retry-After longer than this is treated as this (Webex sometimes says minutes). */
export const MAX_RETRY_AFTER_MS = 60_000;
export const BACKOFF_BASE_MS = 500;
export const BACKOFF_MAX_MS = 15_000;
export const MAX_ATTEMPTS = 10;

/**
 * Retry-After as milliseconds from `nowMs`: delta-seconds ("120", "1.5") or an HTTP-date.
 * Missing, garbage or negative values give `fallbackMs`; everything is capped at `capMs`.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  nowMs: number,
  fallbackMs: number,
  capMs: number = MAX_RETRY_AFTER_MS,
): number {
  const cap = (ms: number) => Math.min(Math.max(0, Math.ceil(ms)), capMs);
  if (value == null) return cap(fallbackMs);
  const v = value.trim();
  if (!v) return cap(fallbackMs);
  if (/^\d+(\.\d+)?$/.test(v)) {
    const seconds = Number(v);
    return Number.isFinite(seconds) ? cap(seconds * 1000) : cap(fallbackMs);
  }
  if (/^[+-]?\d/.test(v)) return cap(fallbackMs); // "-5", "5s", "1e3": not a delta and not a date
  // HTTP-date: IMF-fixdate (and the obsolete forms Date.parse understands). Require a letter so that
  // odd numeric strings are not taken for dates.
  if (!/[a-z]/i.test(v)) return cap(fallbackMs);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return cap(fallbackMs);
  return cap(at - nowMs); // a date in the past means "now"
}

/**
 * Exponential backoff with "equal jitter": half the step fixed, half random, so retries from many callers
 * spread out but never collapse to zero. attempt is 1 for the first retry.
 */
export function backoffMs(
  attempt: number,
  random: () => number = Math.random,
  baseMs: number = BACKOFF_BASE_MS,
  maxMs: number = BACKOFF_MAX_MS,
): number {
  const step = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

export type HttpMethod = "GET" | "PUT" | "DELETE" | "POST" | "PATCH";

export function isIdempotent(method: HttpMethod): boolean {
  return method === "GET" || method === "PUT" || method === "DELETE";
}

/** Statuses that tell us to slow the whole org down (and come back after Retry-After). */
export function isThrottle(status: number): boolean {
  return status === 429 || status === 423 || status === 503;
}

/**
 * Whether a failed attempt may be repeated. `status` is the HTTP status, or "network" / "timeout" when fetch
 * itself failed. 429/423/503 mean the request was refused, so any method may repeat it; 500/502/504 and
 * transport failures may have done the work, so only idempotent methods repeat them.
 */
export function isRetryable(status: number | "network" | "timeout", method: HttpMethod): boolean {
  if (status === "network" || status === "timeout") return isIdempotent(method);
  if (isThrottle(status)) return true;
  if (status === 500 || status === 502 || status === 504) return isIdempotent(method);
  return false;
}

export interface RetryDecisionInput {
  attempt: number; // attempts made so far (1 after the first)
  waitedMs: number; // time already spent on this logical call
  maxTotalWaitMs: number;
  delayMs: number; // what we would wait before the next attempt
}

/** The next attempt happens only if it fits in the bounded total wait. */
export function withinBudget({ attempt, waitedMs, maxTotalWaitMs, delayMs }: RetryDecisionInput): boolean {
  return attempt < MAX_ATTEMPTS && waitedMs + delayMs <= maxTotalWaitMs;
}
