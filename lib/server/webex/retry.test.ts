// @vitest-environment node
import { describe, expect, it } from "vitest";
import { MAX_ATTEMPTS, backoffMs, isRetryable, parseRetryAfter, withinBudget } from "./retry";

const NOW = Date.parse("2026-01-01T00:00:00Z");

describe("parseRetryAfter", () => {
  it("reads delta-seconds", () => {
    expect(parseRetryAfter("5", NOW, 999)).toBe(5000);
    expect(parseRetryAfter(" 0 ", NOW, 999)).toBe(0);
    expect(parseRetryAfter("1.5", NOW, 999)).toBe(1500);
  });

  it("reads HTTP-dates, future and past", () => {
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:10 GMT", NOW, 999)).toBe(10_000);
    expect(parseRetryAfter("Wed, 31 Dec 2025 23:59:00 GMT", NOW, 999)).toBe(0);
  });

  it("falls back on missing, empty, garbage and negative values", () => {
    for (const v of [null, undefined, "", "   ", "soon", "-5", "5s", "1e3", "NaN", "12:00", "Infinity"]) {
      expect(parseRetryAfter(v, NOW, 1234), String(v)).toBe(1234);
    }
  });

  it("caps huge values and huge fallbacks", () => {
    expect(parseRetryAfter("3600", NOW, 1, 60_000)).toBe(60_000);
    expect(parseRetryAfter("99999999999999999999999", NOW, 1, 60_000)).toBe(60_000);
    expect(parseRetryAfter("Fri, 01 Jan 2100 00:00:00 GMT", NOW, 1, 60_000)).toBe(60_000);
    expect(parseRetryAfter(null, NOW, 10 ** 9, 60_000)).toBe(60_000);
  });
});

describe("backoffMs", () => {
  it("doubles per attempt, with equal jitter, up to a cap", () => {
    expect(backoffMs(1, () => 0)).toBe(250);
    expect(backoffMs(1, () => 1)).toBe(500);
    expect(backoffMs(3, () => 0)).toBe(1000);
    expect(backoffMs(3, () => 1)).toBe(2000);
    expect(backoffMs(30, () => 1)).toBe(15_000);
    expect(backoffMs(30, () => 0)).toBe(7_500);
  });

  it("spreads values between the bounds", () => {
    const seen = new Set(Array.from({ length: 50 }, () => backoffMs(2)));
    for (const v of seen) {
      expect(v).toBeGreaterThanOrEqual(500);
      expect(v).toBeLessThanOrEqual(1000);
    }
    expect(seen.size).toBeGreaterThan(5);
  });
});

describe("isRetryable", () => {
  it("always retries refusals (429/423/503), whatever the method", () => {
    for (const m of ["GET", "PUT", "DELETE", "POST", "PATCH"] as const) {
      for (const s of [429, 423, 503]) expect(isRetryable(s, m)).toBe(true);
    }
  });

  it("retries 500/502/504 and transport failures only for idempotent methods", () => {
    for (const s of [500, 502, 504, "network", "timeout"] as const) {
      expect(isRetryable(s, "GET")).toBe(true);
      expect(isRetryable(s, "PUT")).toBe(true);
      expect(isRetryable(s, "DELETE")).toBe(true);
      expect(isRetryable(s, "POST")).toBe(false);
      expect(isRetryable(s, "PATCH")).toBe(false);
    }
  });

  it("never retries client errors", () => {
    for (const s of [400, 401, 403, 404, 409, 410, 415, 428, 501]) expect(isRetryable(s, "GET")).toBe(false);
  });
});

describe("withinBudget", () => {
  it("bounds total wait and attempts", () => {
    expect(withinBudget({ attempt: 1, waitedMs: 0, maxTotalWaitMs: 60_000, delayMs: 60_000 })).toBe(true);
    expect(withinBudget({ attempt: 1, waitedMs: 1, maxTotalWaitMs: 60_000, delayMs: 60_000 })).toBe(false);
    expect(withinBudget({ attempt: MAX_ATTEMPTS, waitedMs: 0, maxTotalWaitMs: 60_000, delayMs: 1 })).toBe(false);
  });
});
