import { cn } from "./cn";

/**
 * An accessible progress bar. Without `max` (unknown total) it is indeterminate: no aria-valuenow, a moving
 * stripe, and the label carries the count so far.
 */
export function ProgressBar({ value, max, label, className }: { value: number; max?: number | null; label: string; className?: string }) {
  const known = typeof max === "number" && max > 0;
  const pct = known ? Math.min(100, Math.round((value / max) * 100)) : null;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={known ? 0 : undefined}
      aria-valuemax={known ? 100 : undefined}
      aria-valuenow={pct ?? undefined}
      aria-valuetext={known ? `${pct} %` : "In progress"}
      className={cn("relative h-2 w-full overflow-hidden rounded-full bg-slate-200", className)}
    >
      {known ? (
        <div className="h-full rounded-full bg-brand-500" style={{ width: `${pct}%` }} />
      ) : (
        <div className="absolute inset-y-0 w-1/3 animate-pulse rounded-full bg-brand-500" style={{ left: "33%" }} />
      )}
    </div>
  );
}
