import { describe, expect, it } from "vitest";
import { EMPTY_COUNTS, formatDuration, jobProgress } from "./progress";

describe("jobProgress", () => {
  it("counts outcomes as finished and the rest as left", () => {
    const p = jobProgress({ ...EMPTY_COUNTS, done: 50, failed: 5, skipped: 5, pending: 39, running: 1 }, { startedAt: 0, now: 60_000 });
    expect(p).toMatchObject({ total: 100, finished: 60, left: 40, percent: 60 });
    expect(p.perMinute).toBe(60);
    expect(p.etaMs).toBe(40_000);
  });

  it("does not count people skipped at preview towards the rate", () => {
    const p = jobProgress({ ...EMPTY_COUNTS, done: 10, skipped: 90, pending: 100 }, { startedAt: 0, now: 60_000, skippedAtStart: 90 });
    expect(p.perMinute).toBe(10);
    expect(p.etaMs).toBe(600_000);
  });

  it("knows no rate or time left before anything was done, and none after the end", () => {
    expect(jobProgress({ ...EMPTY_COUNTS, pending: 10 }, { startedAt: null, now: 5 })).toMatchObject({ perMinute: null, etaMs: null, percent: 0 });
    expect(jobProgress({ ...EMPTY_COUNTS, done: 10 }, { startedAt: 0, now: 60_000 })).toMatchObject({ left: 0, etaMs: null, percent: 100 });
    expect(jobProgress(EMPTY_COUNTS, { startedAt: null, now: 0 }).percent).toBe(100);
  });

  it("never rounds up to 100 % while something is left", () => {
    expect(jobProgress({ ...EMPTY_COUNTS, done: 999, pending: 1 }, { startedAt: 0, now: 1 }).percent).toBe(99);
  });
});

describe("formatDuration", () => {
  it("speaks in minutes and hours", () => {
    expect(formatDuration(20_000)).toBe("less than a minute");
    expect(formatDuration(60_000)).toBe("about 1 minute");
    expect(formatDuration(25 * 60_000)).toBe("about 25 minutes");
    expect(formatDuration(125 * 60_000)).toBe("about 2 hours 5 min");
  });
});
