import "server-only";

// The arithmetic of an interactive request's one deadline (decision 015). An admin's request has a fixed time
// (ROSTER_REQUEST_DEADLINE_SECONDS from the moment it arrived) for all of its Webex calls together: request
// time, budget waits and retry sleeps included. Jobs and the reclaim scan have no deadline (their own policy).

/** Nothing is started that would leave the attempt after it less than this (or the per-attempt timeout if lower). */
export const MIN_ATTEMPT_MS = 1_000;

/** Milliseconds until `deadlineAt` (epoch ms); Infinity without a deadline. */
export function timeLeft(deadlineAt: number | undefined, nowMs: number): number {
  return deadlineAt === undefined ? Infinity : deadlineAt - nowMs;
}

/** The next attempt's timeout: the per-attempt timeout, cut to the time left (0 = no time for an attempt). */
export function attemptTimeoutMs(perAttemptMs: number, leftMs: number): number {
  return Math.max(0, Math.floor(Math.min(perAttemptMs, leftMs)));
}

/** The least time an attempt is given: MIN_ATTEMPT_MS, or the per-attempt timeout when that is shorter. */
export function minAttemptMs(perAttemptMs: number): number {
  return Math.min(MIN_ATTEMPT_MS, perAttemptMs);
}

/**
 * Whether a wait of `waitMs` (a backoff sleep, a Retry-After) may start: only when an attempt of at least
 * `minAttempt` still fits after it. Without a deadline (`leftMs` Infinity) every wait fits.
 */
export function fitsBeforeDeadline(waitMs: number, leftMs: number, minAttempt: number): boolean {
  return waitMs + minAttempt <= leftMs;
}

/**
 * How long one call may wait for the org's rate budget: what is left of its total-wait bound, and no longer than
 * leaves an attempt `minAttempt` before the deadline. Never negative.
 */
export function budgetWaitBoundMs(maxTotalWaitMs: number, waitedMs: number, leftMs: number, minAttempt: number): number {
  return Math.max(0, Math.min(maxTotalWaitMs - waitedMs, leftMs - minAttempt));
}

/** Whole seconds to tell an admin to wait (at least 1). */
export function secondsToWait(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
