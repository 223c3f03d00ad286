import { describe, expect, it } from "vitest";
import { MIN_ATTEMPT_MS, attemptTimeoutMs, budgetWaitBoundMs, fitsBeforeDeadline, minAttemptMs, secondsToWait, timeLeft } from "./deadline";

describe("the request deadline's arithmetic", () => {
  it("time left is unbounded without a deadline, and counts down (past zero) with one", () => {
    expect(timeLeft(undefined, 123)).toBe(Infinity);
    expect(timeLeft(10_000, 4_000)).toBe(6_000);
    expect(timeLeft(10_000, 12_000)).toBe(-2_000);
  });

  it("an attempt's timeout is the per-attempt timeout cut to the time left, never negative", () => {
    expect(attemptTimeoutMs(15_000, Infinity)).toBe(15_000);
    expect(attemptTimeoutMs(15_000, 25_000)).toBe(15_000);
    expect(attemptTimeoutMs(15_000, 9_500.7)).toBe(9_500);
    expect(attemptTimeoutMs(15_000, -10)).toBe(0);
  });

  it("a wait starts only when an attempt still fits after it", () => {
    const min = minAttemptMs(15_000);
    expect(min).toBe(MIN_ATTEMPT_MS);
    expect(minAttemptMs(300)).toBe(300);
    expect(fitsBeforeDeadline(60_000, Infinity, min)).toBe(true);
    expect(fitsBeforeDeadline(500, 1_500, min)).toBe(true);
    expect(fitsBeforeDeadline(501, 1_500, min)).toBe(false);
    // Webex says "Retry-After: 60" with 20 s left: no point waiting.
    expect(fitsBeforeDeadline(60_000, 20_000, min)).toBe(false);
  });

  it("a budget wait is bounded by the call's total-wait bound and by the deadline less one attempt", () => {
    expect(budgetWaitBoundMs(60_000, 0, Infinity, 1_000)).toBe(60_000);
    expect(budgetWaitBoundMs(60_000, 10_000, Infinity, 1_000)).toBe(50_000);
    expect(budgetWaitBoundMs(60_000, 0, 5_000, 1_000)).toBe(4_000);
    expect(budgetWaitBoundMs(60_000, 0, 500, 1_000)).toBe(0);
  });

  it("seconds to tell the admin are whole and at least one", () => {
    expect(secondsToWait(0)).toBe(1);
    expect(secondsToWait(1_001)).toBe(2);
    expect(secondsToWait(60_000)).toBe(60);
  });
});
