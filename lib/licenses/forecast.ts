// When does a license pool run out? A least-squares line through the consumed counts of the last 30 days,
// with the slope's standard error turned into an earliest/latest run-out date. Pure, so it is tested on
// synthetic histories (forecast.test.ts).

export interface HistoryPoint {
  /** Epoch milliseconds. */
  at: number;
  consumed: number;
  total: number;
}

export const DAY_MS = 86_400_000;
export const WINDOW_DAYS = 30;
export const MIN_HISTORY_DAYS = 2;
/** Two-sided ~95 % band for the slope (normal approximation; the point count is usually large). */
const Z = 1.96;

export type Forecast =
  | { kind: "collecting"; days: number; points: number }
  | { kind: "exhausted"; fit: Fit }
  | { kind: "stable"; fit: Fit; trend: "flat" | "shrinking" }
  | { kind: "runs-out"; fit: Fit; at: number; earliest: number; latest: number | null };

export interface Fit {
  /** Units per day. */
  slope: number;
  /** Standard error of the slope, units per day. */
  slopeError: number;
  /** Consumed at `origin` on the fitted line. */
  intercept: number;
  origin: number;
  /** Residual standard deviation, units. */
  residualSd: number;
  points: number;
  days: number;
  /** Latest observed values. */
  consumed: number;
  total: number;
}

export function fitLine(points: readonly HistoryPoint[]): Fit | null {
  const n = points.length;
  if (n < 2) return null;
  const origin = points[0]!.at;
  let sx = 0;
  let sy = 0;
  for (const p of points) {
    sx += (p.at - origin) / DAY_MS;
    sy += p.consumed;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    const dx = (p.at - origin) / DAY_MS - mx;
    sxx += dx * dx;
    sxy += dx * (p.consumed - my);
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let sse = 0;
  for (const p of points) {
    const r = p.consumed - (intercept + slope * ((p.at - origin) / DAY_MS));
    sse += r * r;
  }
  const residualSd = n > 2 ? Math.sqrt(sse / (n - 2)) : 0;
  const last = points[n - 1]!;
  return {
    slope,
    slopeError: residualSd / Math.sqrt(sxx),
    intercept,
    origin,
    residualSd,
    points: n,
    days: (last.at - origin) / DAY_MS,
    consumed: last.consumed,
    total: last.total,
  };
}

/**
 * The forecast for one pool, from its snapshots (any order). Uses the last 30 days before `now`.
 * - under two days of history → "collecting";
 * - already at or over the total → "exhausted";
 * - a slope that is not clearly positive (its 95 % band reaches zero, or under 0.01 unit/day) → "stable";
 * - otherwise the day the line reaches the total, with the band's earliest and latest (null = maybe never).
 */
export function forecastRunOut(history: readonly HistoryPoint[], now: number): Forecast {
  const from = now - WINDOW_DAYS * DAY_MS;
  const points = history.filter((p) => p.at >= from && p.at <= now).sort((a, b) => a.at - b.at);
  const span = points.length ? (points[points.length - 1]!.at - points[0]!.at) / DAY_MS : 0;
  if (points.length < 3 || span < MIN_HISTORY_DAYS) {
    return { kind: "collecting", days: Math.max(0, span), points: points.length };
  }
  const fit = fitLine(points)!;
  if (fit.total > 0 && fit.consumed >= fit.total) return { kind: "exhausted", fit };
  const low = fit.slope - Z * fit.slopeError;
  if (fit.slope < 0.01 || low <= 0) {
    return { kind: "stable", fit, trend: fit.slope < -0.01 && fit.slope + Z * fit.slopeError < 0 ? "shrinking" : "flat" };
  }
  // Run out from the latest observation forward (the line's level today, not an old intercept).
  const last = points[points.length - 1]!;
  const level = Math.max(last.consumed, fit.intercept + fit.slope * ((last.at - fit.origin) / DAY_MS));
  const left = Math.max(0, fit.total - level);
  const high = fit.slope + Z * fit.slopeError;
  return {
    kind: "runs-out",
    fit,
    at: last.at + (left / fit.slope) * DAY_MS,
    earliest: last.at + (left / high) * DAY_MS,
    latest: low > 0 ? last.at + (left / low) * DAY_MS : null,
  };
}

/** Units a day with sensible precision: 12, 3.4, 0.27. */
function rate(x: number): string {
  const a = Math.abs(x);
  return a >= 10 ? a.toFixed(0) : a >= 1 ? a.toFixed(1) : a.toFixed(2);
}

/** A sentence for the page; `fmt` turns epoch ms into a date label. */
export function describeForecast(f: Forecast, fmt: (ms: number) => string): string {
  switch (f.kind) {
    case "collecting":
      return `Still collecting history: ${f.days < 1 ? "under a day" : `${f.days.toFixed(1)} days`} so far. A forecast needs at least ${MIN_HISTORY_DAYS} days of snapshots.`;
    case "exhausted":
      return "This pool is already full: new assignments will fail until units are freed or purchased.";
    case "stable":
      return f.trend === "shrinking"
        ? `Usage is falling (about ${rate(f.fit.slope)} units a day): it will not run out at the current rate.`
        : "Usage is flat: it will not run out at the current rate.";
    case "runs-out":
      return `At about ${rate(f.fit.slope)} units a day (± ${rate(Z * f.fit.slopeError)}), it runs out around ${fmt(f.at)} — between ${fmt(f.earliest)} and ${f.latest === null ? "possibly never" : fmt(f.latest)}.`;
  }
}
