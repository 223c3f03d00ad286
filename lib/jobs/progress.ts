import type { ItemState } from "./kinds";

export type ItemCounts = Record<ItemState, number>;

export const EMPTY_COUNTS: ItemCounts = { pending: 0, running: 0, done: 0, failed: 0, skipped: 0 };

export interface Progress {
  total: number;
  /** Items with an outcome (done, failed or skipped). */
  finished: number;
  /** Items still to do (waiting or in progress). */
  left: number;
  /** 0–100, whole. */
  percent: number;
  /** Items per minute since the job started, or null before there is anything to measure. */
  perMinute: number | null;
  /** Estimated milliseconds to finish, or null when unknown (not started, nothing done yet, or finished). */
  etaMs: number | null;
}

/**
 * Progress from item counts: the one place that derives it (decision 010 keeps no progress counter, only item
 * rows). Skipped items decided at preview time count as finished but not towards the rate.
 */
export function jobProgress(counts: ItemCounts, opts: { startedAt: number | null; now: number; skippedAtStart?: number }): Progress {
  const total = counts.pending + counts.running + counts.done + counts.failed + counts.skipped;
  const finished = counts.done + counts.failed + counts.skipped;
  const left = counts.pending + counts.running;
  const percent = total === 0 ? 100 : Math.floor((finished / total) * 100);
  const worked = finished - (opts.skippedAtStart ?? 0);
  const elapsed = opts.startedAt === null ? 0 : opts.now - opts.startedAt;
  const perMinute = elapsed >= 1000 && worked > 0 ? (worked / elapsed) * 60_000 : null;
  const etaMs = left > 0 && perMinute ? Math.round((left / perMinute) * 60_000) : null;
  return { total, finished, left, percent, perMinute, etaMs };
}

/** "about 3 minutes", "less than a minute" */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (ms < 60_000) return "less than a minute";
  if (minutes < 60) return `about ${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `about ${hours} hour${hours === 1 ? "" : "s"}${rest ? ` ${rest} min` : ""}`;
}
