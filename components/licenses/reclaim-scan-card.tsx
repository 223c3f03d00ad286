"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Spinner } from "@/components/ui/spinner";
import { formatCount } from "@/lib/licenses/capacity";
import type { ReclaimViewResponse, ScanJob } from "@/lib/query/reclaim";
import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { DateTime } from "@/components/ui/date-time";
import { SCAN_NEEDS_WRITE } from "@/lib/licenses/reclaim";
import { useIsClient } from "@/components/ui/use-is-client";

/**
 * The cached scan's age and figures, the running scan's progress, and the button that starts one. A read-only
 * administrator (`canStart` false) sees the button disabled and why, and the last scan's results as everyone does.
 */
export function ReclaimScanCard({
  scan,
  running,
  lastFinished,
  onStart,
  starting,
  startError,
  canStart,
}: {
  scan: ReclaimViewResponse["scan"];
  running: ScanJob | null;
  lastFinished: ScanJob | null;
  onStart: () => void;
  starting: boolean;
  startError: unknown;
  canStart: boolean;
}) {
  // Not clickable before hydration: a click then would do nothing at all.
  const ready = useIsClient();
  const p = running?.progress;
  const failed = lastFinished?.status === "failed" && (!scan || (lastFinished.finishedAt ?? 0) > scan.finishedAt) ? lastFinished : null;
  return (
    <section aria-labelledby="scan-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h2 id="scan-heading" className="text-base font-semibold text-slate-900">Organization scan</h2>
          {scan ? (
            <p className="mt-1 text-sm text-slate-600" data-testid="scan-age">
              Last scanned <DateTime value={scan.finishedAt} mode="relative" className="font-medium text-slate-900" /> (<DateTime value={scan.finishedAt} />):{" "}
              {formatCount(scan.peopleScanned)} people, {formatCount(scan.licensedPeople)} with licenses, {formatCount(scan.webexCalls)} Webex calls in{" "}
              {(scan.durationMs / 1000).toFixed(1)} s.
            </p>
          ) : (
            <p className="mt-1 text-sm text-slate-600">No scan yet. A scan reads every person once (1,000 per Webex call) and keeps the result here.</p>
          )}
          {!canStart ? (
            <p id="scan-needs-write" className="mt-1 text-xs text-slate-500" data-testid="scan-needs-write">
              {SCAN_NEEDS_WRITE}
            </p>
          ) : null}
        </div>
        <Button
          variant={scan ? "secondary" : "primary"}
          onClick={onStart}
          disabled={!ready || !canStart || Boolean(running) || starting}
          aria-describedby={canStart ? undefined : "scan-needs-write"}
        >
          {running || starting ? <Spinner /> : null}
          {running ? "Scanning…" : scan ? "Scan again" : "Scan now"}
        </Button>
      </div>
      {running ? (
        <div className="mt-4 space-y-1.5" data-testid="scan-progress">
          <ProgressBar label="Scan progress" value={p?.scanned ?? 0} max={p?.expected && p.expected > (p?.scanned ?? 0) ? p.expected : null} />
          <p className="text-sm text-slate-600" aria-live="polite">
            {formatCount(p?.scanned ?? 0)} {p?.expected ? `of about ${formatCount(p.expected)} ` : ""}people read, {formatCount(p?.candidates ?? 0)} candidates so far
            {running.createdBy ? ` · started by ${running.createdBy}` : ""}. You can leave this page; the scan keeps going.
          </p>
        </div>
      ) : null}
      {failed ? (
        <Alert tone="error" title="The last scan failed" className="mt-4">
          {failed.error ?? "Unknown error."} {scan ? "The figures below are from the previous successful scan." : ""}
        </Alert>
      ) : null}
      {startError ? <ApiErrorAlert error={startError} title="Could not start the scan" /> : null}
    </section>
  );
}
