import { describe, expect, it } from "vitest";
import { DAY_MS, describeForecast, fitLine, forecastRunOut, type HistoryPoint } from "./forecast";

const NOW = Date.UTC(2026, 10, 26, 12);

/** Hourly points over `days` days ending at NOW; consumed = f(daysAgo). */
function history(days: number, total: number, consumed: (t: number) => number, stepHours = 1): HistoryPoint[] {
  const out: HistoryPoint[] = [];
  for (let h = days * 24; h >= 0; h -= stepHours) {
    const at = NOW - h * 3_600_000;
    out.push({ at, total, consumed: consumed((at - (NOW - days * DAY_MS)) / DAY_MS) });
  }
  return out;
}

/** Deterministic pseudo-random noise in [-1, 1]. */
function noise(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return (s / 2_147_483_648) * 2 - 1;
  };
}

describe("forecastRunOut", () => {
  it("growing: runs out where the line meets the total", () => {
    const f = forecastRunOut(history(20, 1000, (d) => 500 + 10 * d), NOW);
    expect(f.kind).toBe("runs-out");
    if (f.kind !== "runs-out") return;
    expect(f.fit.slope).toBeCloseTo(10, 5);
    // 700 now, 300 left at 10/day → 30 days.
    expect((f.at - NOW) / DAY_MS).toBeCloseTo(30, 3);
    // A perfect line has no uncertainty.
    expect(f.earliest).toBeCloseTo(f.at, -3);
    expect(f.latest).not.toBeNull();
  });

  it("flat: will not run out", () => {
    const f = forecastRunOut(history(10, 1000, () => 640), NOW);
    expect(f).toMatchObject({ kind: "stable", trend: "flat" });
  });

  it("shrinking: will not run out, and says usage is falling", () => {
    const f = forecastRunOut(history(15, 1000, (d) => 900 - 5 * d), NOW);
    expect(f).toMatchObject({ kind: "stable", trend: "shrinking" });
    expect(describeForecast(f, String)).toMatch(/falling/);
  });

  it("noisy growth: a date with a band around it that contains the true run-out", () => {
    const rnd = noise(7);
    const f = forecastRunOut(history(30, 2000, (d) => Math.round(1000 + 20 * d + 40 * rnd())), NOW);
    expect(f.kind).toBe("runs-out");
    if (f.kind !== "runs-out") return;
    expect(f.fit.slope).toBeGreaterThan(18);
    expect(f.fit.slope).toBeLessThan(22);
    expect(f.fit.slopeError).toBeGreaterThan(0);
    const truth = NOW + (400 / 20) * DAY_MS; // 1600 now, 400 left at 20/day
    expect(f.earliest).toBeLessThan(f.at);
    expect(f.latest!).toBeGreaterThan(f.at);
    expect(f.earliest).toBeLessThanOrEqual(truth + DAY_MS);
    expect(f.latest!).toBeGreaterThanOrEqual(truth - DAY_MS);
  });

  it("noise without a trend is not a forecast of running out", () => {
    const rnd = noise(3);
    const f = forecastRunOut(history(14, 500, () => Math.round(300 + 30 * rnd())), NOW);
    expect(f.kind).toBe("stable");
  });

  it("too short: under two days is still collecting", () => {
    const f = forecastRunOut(history(1.5, 1000, (d) => 100 + 50 * d), NOW);
    expect(f.kind).toBe("collecting");
    expect(describeForecast(f, String)).toMatch(/still collecting/i);
    expect(forecastRunOut([], NOW)).toMatchObject({ kind: "collecting", points: 0 });
    expect(forecastRunOut(history(5, 10, () => 1, 72), NOW)).toMatchObject({ kind: "collecting" }); // 2 points
  });

  it("ignores history older than 30 days", () => {
    // Fast growth 60–30 days ago, flat since: the forecast sees only the flat part.
    const old = history(60, 10_000, (d) => (d < 30 ? 100 * d : 3000));
    expect(forecastRunOut(old, NOW)).toMatchObject({ kind: "stable", trend: "flat" });
  });

  it("exhausted pools say so", () => {
    expect(forecastRunOut(history(5, 100, () => 100), NOW).kind).toBe("exhausted");
  });

  it("fitLine needs two distinct times", () => {
    expect(fitLine([{ at: 1, consumed: 1, total: 2 }])).toBeNull();
    expect(fitLine([{ at: 1, consumed: 1, total: 2 }, { at: 1, consumed: 2, total: 2 }])).toBeNull();
  });
});
