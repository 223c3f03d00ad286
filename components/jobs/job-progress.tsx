"use client";

import { ProgressBar } from "@/components/ui/progress-bar";
import type { JobView } from "@/lib/jobs/api-types";
import type { ItemState } from "@/lib/jobs/kinds";
import { formatDuration, jobProgress } from "@/lib/jobs/progress";
import { formatCount } from "@/lib/format";

/** Progress bar, the four counts (each a filter for the results below), rate and time left. */
export function JobProgress({ job, now, onPick, picked }: { job: JobView; now: number; onPick?: (state: ItemState | "all") => void; picked?: ItemState | "all" }) {
  const p = jobProgress(job.counts, { startedAt: job.startedAt ? Date.parse(job.startedAt) : null, now, skippedAtStart: job.skippedAtStart });
  const running = job.status === "running" || job.status === "queued";
  const stats: { state: ItemState | "all"; label: string; value: number; tone: string }[] = [
    { state: "done", label: "Done", value: job.counts.done, tone: "text-emerald-700" },
    { state: "failed", label: "Failed", value: job.counts.failed, tone: "text-rose-700" },
    { state: "skipped", label: "Skipped", value: job.counts.skipped, tone: "text-slate-700" },
    { state: "pending", label: "Left", value: p.left, tone: "text-slate-700" },
  ];
  return (
    <div className="space-y-3">
      <ProgressBar label={`${job.label}: progress`} value={p.finished} max={p.total} className="h-2.5" />
      <div className="flex flex-wrap items-baseline justify-between gap-x-6 gap-y-2">
        <dl className="flex flex-wrap gap-x-6 gap-y-2" data-testid="job-counts">
          {stats.map((s) => (
            <div key={s.state} className="min-w-16">
              <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{s.label}</dt>
              <dd className={`text-lg font-semibold tabular-nums ${s.tone}`}>
                {onPick ? (
                  <button
                    type="button"
                    onClick={() => onPick(s.state)}
                    aria-pressed={picked === s.state}
                    aria-label={`${s.label}: ${formatCount(s.value)}. Show these people`}
                    className="rounded px-0.5 underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-brand-500"
                  >
                    {formatCount(s.value)}
                  </button>
                ) : (
                  formatCount(s.value)
                )}
              </dd>
            </div>
          ))}
        </dl>
        <p className="text-sm text-slate-600">
          {p.percent} % · {formatCount(p.finished)} of {formatCount(p.total)}
          {running && p.perMinute ? ` · ${Math.round(p.perMinute)} per minute` : ""}
          {running && p.etaMs !== null ? ` · ${formatDuration(p.etaMs)} left` : ""}
        </p>
      </div>
    </div>
  );
}
