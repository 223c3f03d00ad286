"use client";

import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { DateTime } from "@/components/ui/date-time";
import { cn } from "@/components/ui/cn";
import { formatCount } from "@/lib/format";
import { useDirectoryStatus, useStartSync } from "@/lib/query/directory";

/**
 * The index's age, always beside anything shown from it ("From Roster's index of 2,000 people, as of 14 min ago"),
 * and "Sync now". Data from the index is never presented as live Webex data.
 */
export function IndexFreshness({ className }: { className?: string }) {
  const status = useDirectoryStatus();
  const start = useStartSync();
  const s = status.data;
  const running = s?.running ?? null;
  const failed = !running && s?.lastFinished?.status === "failed" ? s.lastFinished : null;
  return (
    <div className={cn("flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600", className)} data-testid="index-freshness">
      <p aria-live="polite">
        {!s ? (
          "Checking the directory index…"
        ) : running ? (
          <>
            Syncing with Webex… {formatCount(running.scanned)}
            {running.expected ? ` of ${formatCount(running.expected)}` : ""} people read
          </>
        ) : s.asOf === null ? (
          "Roster has not indexed this organization yet."
        ) : (
          <>
            From Roster&apos;s index of {formatCount(s.people)} people, as of <DateTime value={s.asOf} mode="relative" />
          </>
        )}
      </p>
      {failed && (
        <p className="text-rose-700" role="status">
          Last sync failed: {failed.error}
        </p>
      )}
      <Button
        size="sm"
        variant="secondary"
        onClick={() => start.mutate()}
        disabled={!s || Boolean(running) || start.isPending}
        aria-describedby={start.isError ? "sync-error" : undefined}
      >
        {running && <Spinner />}
        {running ? "Syncing…" : "Sync now"}
      </Button>
      {start.isError && (
        <p id="sync-error" className="text-rose-700" role="alert">
          Could not start a sync: {start.error.message}
        </p>
      )}
    </div>
  );
}
