"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { toast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog } from "@/components/ui/dialog";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { ReclaimRow } from "@/lib/licenses/reclaim";
import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { ACTIVE_STATUSES } from "@/lib/jobs/kinds";
import { jobOptions } from "@/lib/query/jobs";
import { useStartReclaim } from "@/lib/query/reclaim";

/**
 * Review → confirm → a reclaim job on the server. The admin picks which licenses to take back; the job removes
 * them person by person with Webex's license-assignment API (nothing else about a person can change), goes on if
 * this page is closed, and keeps its per-person results on its own page.
 */
export function ReclaimReviewDialog({
  open,
  people,
  licenseName,
  initialLicenses,
  onClose,
}: {
  open: boolean;
  people: ReclaimRow[];
  licenseName: (id: string) => string;
  initialLicenses: string[];
  onClose: (changed: boolean) => void;
}) {
  const held = useMemo(() => {
    const m = new Map<string, number>();
    for (const p of people) for (const l of p.licenses) m.set(l, (m.get(l) ?? 0) + 1);
    return [...m.entries()].sort((a, b) => licenseName(a[0]).localeCompare(licenseName(b[0])));
  }, [people, licenseName]);
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(initialLicenses.length ? initialLicenses : held.map(([id]) => id)));
  const start = useStartReclaim();
  const jobId = start.data?.job.id ?? null;
  const phase = start.isPending ? "starting" : start.isSuccess ? "started" : "review";
  const startError = start.error;
  const job = useQuery({ ...jobOptions(jobId ?? "-"), enabled: Boolean(jobId) });

  const items = people.map((p) => ({ personId: p.id, licenseIds: p.licenses.filter((l) => chosen.has(l)) })).filter((i) => i.licenseIds.length);
  const units = items.reduce((n, i) => n + i.licenseIds.length, 0);

  function run() {
    start.mutate(items, {
      onSuccess: ({ job: started }) => toast.info(`Reclaim started: ${started.label}`, { description: "It runs on the server; you can leave this page." }),
    });
  }

  const counts = job.data?.counts;
  const finished = counts ? counts.done + counts.failed + counts.skipped : 0;
  const running = job.data ? ACTIVE_STATUSES.includes(job.data.status) : true;

  const footer =
    phase === "started" ? (
      <>
        {jobId ? (
          <Link href={`/jobs/${jobId}`} className="text-sm font-medium text-brand-600 underline">
            Open the job
          </Link>
        ) : null}
        <Button variant="primary" onClick={() => onClose(true)}>
          {running ? "Close (it goes on)" : "Done"}
        </Button>
      </>
    ) : (
      <>
        <Button onClick={() => onClose(false)} disabled={phase === "starting"}>Cancel</Button>
        <Button variant="primary" onClick={run} disabled={!items.length || phase === "starting"}>
          Remove {units} license{units === 1 ? "" : "s"} from {items.length} {items.length === 1 ? "person" : "people"}
        </Button>
      </>
    );

  return (
    <Dialog
      open={open}
      onClose={() => onClose(phase === "started")}
      busy={phase === "starting"}
      size="xl"
      title={phase === "started" ? (running ? "Removing licenses…" : "Licenses removed") : "Review: remove licenses"}
      description={
        phase === "started"
          ? "This runs on the server: you can close this window or the page, and follow it under Jobs."
          : "Only the licenses you tick are removed, with Webex's license-assignment API: nothing else about a person can change."
      }
      footer={footer}
    >
      {phase !== "started" ? (
        <div className="space-y-4">
          {startError ? <ApiErrorAlert error={startError} title="The reclaim did not start" /> : null}
          <fieldset>
            <legend className="mb-2 text-sm font-semibold text-slate-900">Licenses to remove</legend>
            <ul className="grid gap-2 sm:grid-cols-2">
              {held.map(([id, n]) => (
                <li key={id}>
                  <label className="flex cursor-pointer items-center gap-2 rounded-md border border-slate-200 px-3 py-2 text-sm hover:bg-slate-50">
                    <Checkbox
                      checked={chosen.has(id)}
                      onChange={(e) =>
                        setChosen((s) => {
                          const next = new Set(s);
                          if (e.target.checked) next.add(id);
                          else next.delete(id);
                          return next;
                        })
                      }
                    />
                    <span className="min-w-0 flex-1 truncate">{licenseName(id)}</span>
                    <span className="text-xs tabular-nums text-slate-500">frees {n}</span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          {!items.length ? <Alert tone="warning" title="Tick at least one license to remove." /> : null}
          <div>
            <h3 className="mb-2 text-sm font-semibold text-slate-900">
              {items.length} {items.length === 1 ? "person" : "people"} affected
            </h3>
            <ul className="max-h-60 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200 text-sm">
              {people.map((p) => {
                const lose = p.licenses.filter((l) => chosen.has(l));
                return (
                  <li key={p.id} className="flex flex-wrap items-baseline justify-between gap-2 px-3 py-2">
                    <span>
                      <span className="font-medium">{p.displayName}</span> <span className="text-slate-500">{p.email}</span>
                    </span>
                    <span className="text-xs text-slate-600">{lose.length ? lose.map(licenseName).join(", ") : "nothing (keeps all)"}</span>
                  </li>
                );
              })}
            </ul>
          </div>
        </div>
      ) : (
        <div className="space-y-4">
          <ProgressBar label="People processed" value={finished} max={job.data?.counts ? items.length : null} />
          <p className="text-sm text-slate-700" aria-live="polite" data-testid="reclaim-summary">
            {counts
              ? `${finished} of ${items.length} processed: ${counts.done} done, ${counts.skipped} with nothing to do, ${counts.failed} failed.`
              : "Starting…"}
          </p>
          {job.data?.status === "paused" && job.data.message ? <Alert tone="warning" title="Paused">{job.data.message}</Alert> : null}
          {counts?.failed ? (
            <Alert tone="error" title={`${counts.failed} could not be changed`}>
              The job&apos;s page lists who, why, and the Webex tracking IDs; it can retry just those.
            </Alert>
          ) : null}
        </div>
      )}
    </Dialog>
  );
}
