"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { JobView } from "@/lib/jobs/api-types";
import { ACTION_LABELS, ACTIVE_STATUSES, FINISHED_STATUSES, type ItemState } from "@/lib/jobs/kinds";
import { DateTime } from "@/components/ui/date-time";
import { jobOptions, jobResultsUrl, useJobCommand, useJobItemsFollowProgress } from "@/lib/query/jobs";
import { usePersonLookups } from "@/lib/query/person-lookups";
import { JobItems } from "./job-items";
import { JobProgress } from "./job-progress";
import { JobStatusBadge } from "./job-status-badge";
import { formatCount } from "@/lib/format";

/** One job: progress (live while it runs), what an admin can do with it, and each person's outcome. */
export function JobPage({ initial, canWrite }: { initial: JobView; canWrite: boolean }) {
  const jobQuery = useQuery({ ...jobOptions(initial.id), initialData: initial });
  const job = jobQuery.data;
  // "Now" for the rate and time left: when the counts were read, so the figures agree with each other.
  const now = jobQuery.dataUpdatedAt || Date.parse(job.updatedAt);
  const command = useJobCommand(job.id);
  const { lookups } = usePersonLookups();
  const [state, setState] = useState<ItemState | "all">(job.counts.failed ? "failed" : "all");
  const [confirmCancel, setConfirmCancel] = useState(false);
  const active = ACTIVE_STATUSES.includes(job.status);
  const finished = FINISHED_STATUSES.includes(job.status);

  // While it runs, the people list follows the counts.
  useJobItemsFollowProgress(job, state);

  const run = (cmd: "pause" | "resume" | "cancel" | "retry") => command.mutate({ command: cmd }, { onSuccess: () => setConfirmCancel(false) });

  return (
    <div className="space-y-6">
      <section aria-labelledby="job-status-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="space-y-1">
            <h2 id="job-status-heading" className="flex flex-wrap items-center gap-2 text-base font-semibold text-slate-900">
              <span>{ACTION_LABELS[job.kind]}</span>
              <span role="status" aria-live="polite" data-testid="job-status">
                <JobStatusBadge job={job} />
              </span>
            </h2>
            <p className="text-sm text-slate-600">
              Started by {job.createdBy.name ?? job.createdBy.email}
              {job.startedAt ? (
                <>
                  {" "}
                  on <DateTime value={job.startedAt} />
                </>
              ) : (
                <>
                  {" "}
                  (created <DateTime value={job.createdAt} />)
                </>
              )}
              {job.finishedAt ? (
                <>
                  {" "}
                  · ended <DateTime value={job.finishedAt} />
                </>
              ) : null}{" "}
              · {formatCount(job.webexCalls)} Webex calls
            </p>
          </div>
          <div className="flex flex-wrap items-center gap-2">
            {canWrite && job.status === "paused" ? (
              <Button variant="primary" size="sm" onClick={() => run("resume")} disabled={command.isPending}>
                Resume
              </Button>
            ) : null}
            {canWrite && (job.status === "running" || job.status === "queued") ? (
              <Button size="sm" onClick={() => run("pause")} disabled={command.isPending}>
                Pause
              </Button>
            ) : null}
            {canWrite && active ? (
              <Button variant="danger" size="sm" onClick={() => setConfirmCancel(true)} disabled={command.isPending}>
                Cancel job…
              </Button>
            ) : null}
            {canWrite && finished && job.counts.failed > 0 ? (
              <Button variant="primary" size="sm" onClick={() => run("retry")} disabled={command.isPending}>
                Retry {formatCount(job.counts.failed)} failed
              </Button>
            ) : null}
            <a href={jobResultsUrl(job.id)} className={buttonClass("secondary", "sm")} download>
              Download results (CSV)
            </a>
          </div>
        </div>

        {job.waitingFor ? (
          <Alert tone="info" title="Waiting for its turn">
            Jobs of an organization run one after another (they share its Webex budget). This one starts when “{job.waitingFor.label}” ends.
          </Alert>
        ) : null}
        {job.status === "paused" && job.message ? <Alert tone="warning" title="Paused">{job.message}</Alert> : null}
        {job.status === "failed" && job.message ? <Alert tone="error" title="The job stopped">{job.message}</Alert> : null}
        {job.status === "cancelled" ? (
          <Alert tone="info" title="Cancelled">
            {job.message ?? "Cancelled."} People already changed stay changed; the rest were not touched.
          </Alert>
        ) : null}
        {command.isError ? <ApiErrorAlert error={command.error} title="That did not work" /> : null}

        <JobProgress job={job} now={now} onPick={setState} picked={state} />

        {job.webexJob ? (
          <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700" data-testid="webex-resend-counts">
            Webex&apos;s resend for the whole organization: {formatCount(job.webexJob.sent)} sent, {formatCount(job.webexJob.skipped)} skipped (invited in the last 24 hours),{" "}
            {formatCount(job.webexJob.failed)} failed, of {formatCount(job.webexJob.total)} invite-pending people.
          </p>
        ) : null}
        {active ? <p className="text-xs text-slate-500">This runs on the server: closing this page does not stop it.</p> : null}
      </section>

      <JobItems jobId={job.id} state={state} onState={setState} lookups={lookups} caption={`People in “${job.label}” and their outcome`} />

      <Dialog
        open={confirmCancel}
        onClose={() => setConfirmCancel(false)}
        size="sm"
        title="Cancel this job?"
        description="The person being changed right now is finished; nobody else is touched. People already changed stay changed."
        busy={command.isPending}
        footer={
          <>
            <Button onClick={() => setConfirmCancel(false)}>Keep running</Button>
            <Button variant="danger-solid" onClick={() => run("cancel")} disabled={command.isPending}>
              Cancel the job
            </Button>
          </>
        }
      >
        <p className="text-sm text-slate-700">
          {formatCount(job.counts.pending + job.counts.running)} of {formatCount(job.counts.pending + job.counts.running + job.counts.done + job.counts.failed + job.counts.skipped)} people have not been
          processed yet.
        </p>
      </Dialog>
    </div>
  );
}
