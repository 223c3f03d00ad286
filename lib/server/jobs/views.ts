import "server-only";
import type { JobItemView, JobView } from "@/lib/jobs/api-types";
import type { Db } from "@/lib/server/db";
import { itemCounts, runningJobOf, type ItemRow, type JobCounts, type JobRow } from "./store";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toJobView(job: JobRow, counts: JobCounts, waitingFor: JobView["waitingFor"] = null): JobView {
  return {
    id: job.id,
    kind: job.kind,
    label: job.label,
    status: job.status,
    message: job.message,
    createdBy: { id: job.createdById, email: job.createdByEmail, name: job.createdByName },
    createdAt: job.createdAt.toISOString(),
    startedAt: iso(job.startedAt),
    finishedAt: iso(job.finishedAt),
    updatedAt: job.updatedAt.toISOString(),
    counts: counts.counts,
    skippedAtStart: counts.skippedAtStart,
    webexCalls: job.webexCalls,
    params: { ...(job.params.licenseId ? { licenseId: job.params.licenseId } : {}), ...(job.params.roleId ? { roleId: job.params.roleId } : {}) },
    waitingFor: job.status === "queued" && waitingFor && waitingFor.id !== job.id ? waitingFor : null,
    webexJob: job.state.webexJob ?? null,
  };
}

/** Views of several jobs of one org: one query for all their counts, one for what a queued job waits for. */
export async function jobViews(db: Db, orgId: string, jobs: readonly JobRow[]): Promise<JobView[]> {
  const counts = await itemCounts(db, jobs.map((j) => j.id));
  const running = jobs.some((j) => j.status === "queued") ? await runningJobOf(db, orgId) : null;
  return jobs.map((j) => toJobView(j, counts.get(j.id)!, running));
}

export function toItemView(item: ItemRow): JobItemView {
  return {
    seq: item.seq,
    personId: item.personId,
    email: item.email,
    displayName: item.displayName,
    state: item.state,
    attempts: item.attempts,
    changes: item.result?.changes ?? item.plan?.changes ?? [],
    message: item.message,
    status: item.status,
    trackingId: item.trackingId,
    row: item.plan?.row ?? null,
    outcome: item.plan?.outcome ?? null,
  };
}
