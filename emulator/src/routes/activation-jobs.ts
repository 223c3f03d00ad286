import { randomUUID } from "node:crypto";
import { requireAdmin, requireScope, requireWriter } from "../auth";
import { decodeId, encodeId } from "../ids";
import { ApiError, type Reply } from "../http";
import { decodeCursor, encodeCursor, maxParam, nextLink } from "../query";
import { callerOf, type Ctx, type EmulatorState } from "../state";
import type { Person } from "../types";

// Webex's bulk activation-email resend job (POST /identity/organizations/{orgId}/jobs/sendActivationEmails):
// it resends the invitation to *every* eligible (invite-pending) user of the org — the API takes no list of
// people — runs asynchronously, and only one can run per org at a time. A user who received an invitation in
// the last 24 hours is skipped and listed in the job's errors (code ATLAS-600199), as the spec's example shows.

const DAY_MS = 24 * 3600_000;
/** Simulated run time: a fixed start-up plus a little per eligible user. */
const BASE_MS = 300;
const PER_USER_MS = 2;

interface ErrorItem {
  itemNumber: number;
  trackingId: string;
  error: { key: string; message: { description: string; code: string; locationId: null }[] };
}

export interface ActivationJob {
  id: string;
  instanceId: number;
  trackingId: string;
  sourceUserId: string;
  startedAt: number;
  finishAt: number;
  endedAt?: number;
  eligible: Person[];
  counts: { userResendInviteSent: number; userResendInviteFailed: number; userResendInviteSkipped: number; totalUsers: number };
  errors: ErrorItem[];
}

const iso = (ms: number) => new Date(ms).toISOString();
const uuidOf = (personId: string) => decodeId("PEOPLE", personId) ?? personId;

/** Applies the job's effect once its time is up: invitations sent, or skipped when sent in the last 24 hours. */
function settle(state: EmulatorState, job: ActivationJob, now = Date.now()): void {
  if (job.endedAt !== undefined || now < job.finishAt) return;
  job.endedAt = now;
  for (const person of job.eligible) {
    if (!state.store.person(person.id) || !person.invitePending) continue; // deleted or activated meanwhile
    job.counts.totalUsers++;
    const last = person.invitedAt ? Date.parse(person.invitedAt) : 0;
    if (now - last < DAY_MS) {
      job.counts.userResendInviteSkipped++;
      job.errors.push({
        itemNumber: job.errors.length + 1,
        trackingId: `${job.trackingId}_${job.errors.length + 1}`,
        error: {
          key: "304",
          message: [
            {
              description: `Re-send invite for ${uuidOf(person.id)} by ${uuidOf(job.sourceUserId)} is suppressed as the user ${uuidOf(person.id)} has already received an invitation email in last 24 hours ; Error with ${person.emails[0] ?? ""}.`,
              code: "ATLAS-600199",
              locationId: null,
            },
          ],
        },
      });
      continue;
    }
    person.invitedAt = iso(now);
    person.invitesSent = (person.invitesSent ?? 0) + 1;
    job.counts.userResendInviteSent++;
  }
}

function jobJson(state: EmulatorState, job: ActivationJob): Record<string, unknown> {
  settle(state, job);
  const done = job.endedAt !== undefined;
  const exitCode = !done ? "UNKNOWN" : job.errors.length > 0 ? "COMPLETED_WITH_ERRORS" : "COMPLETED";
  const elapsed = ((job.endedAt ?? Date.now()) - job.startedAt) / 1000;
  return {
    name: "resendinviteemail",
    id: job.id,
    trackingId: job.trackingId,
    sourceUserId: job.sourceUserId,
    sourceCustomerId: state.store.org.id,
    targetCustomerId: state.store.org.id,
    instanceId: job.instanceId,
    jobExecutionStatus: [
      {
        id: job.instanceId,
        startTime: iso(job.startedAt),
        ...(done ? { endTime: iso(job.endedAt!) } : {}),
        lastUpdated: iso(job.endedAt ?? Date.now()),
        statusMessage: done ? "COMPLETED" : "STARTED",
        exitCode,
        createdTime: iso(job.startedAt),
        timeElapsed: `PT${elapsed.toFixed(3)}S`,
      },
    ],
    latestExecutionStatus: done ? "COMPLETED" : "STARTED",
    latestExecutionExitCode: exitCode,
    counts: job.counts,
    allowAdminInviteEmails: true,
  };
}

function checkOrgPath(ctx: Ctx): void {
  if (ctx.params.orgId !== ctx.state.store.org.id) {
    throw new ApiError(403, "The organization in the path is not the caller's organization.");
  }
}

export function startActivationJob(ctx: Ctx): Reply {
  const caller = callerOf(ctx);
  requireWriter(caller, "resend activation emails");
  checkOrgPath(ctx);
  const { state } = ctx;
  for (const job of state.activationJobs.values()) {
    settle(state, job);
    if (job.endedAt === undefined) {
      throw new ApiError(409, "A bulk activation email resend job is already running for this organization.");
    }
  }
  const eligible: Person[] = [];
  state.store.scan(0, (p) => {
    if (p.type === "person" && p.invitePending) eligible.push(p);
    return true;
  });
  const now = Date.now();
  const job: ActivationJob = {
    id: encodeId("JOB_ID", randomUUID()),
    instanceId: state.activationJobs.size + 1,
    trackingId: ctx.trackingId,
    sourceUserId: caller.person.id,
    startedAt: now,
    finishAt: now + BASE_MS + PER_USER_MS * eligible.length,
    eligible,
    counts: { userResendInviteSent: 0, userResendInviteFailed: 0, userResendInviteSkipped: 0, totalUsers: 0 },
    errors: [],
  };
  state.activationJobs.set(job.id, job);
  // Settle on time even if nobody asks for the status (unref: never keeps the process alive).
  setTimeout(() => settle(state, job), job.finishAt - now + 5).unref?.();
  return { status: 202, body: jobJson(state, job) };
}

function findJob(ctx: Ctx): ActivationJob {
  const caller = callerOf(ctx);
  requireScope(caller, "spark-admin:people_write", "spark-admin:people_read");
  requireAdmin(caller, "read activation email jobs");
  checkOrgPath(ctx);
  const job = ctx.state.activationJobs.get(ctx.params.jobId ?? "");
  if (!job) throw new ApiError(404, "Job not found.");
  return job;
}

export function activationJobStatus(ctx: Ctx): Reply {
  return { status: 200, body: jobJson(ctx.state, findJob(ctx)) };
}

export function activationJobErrors(ctx: Ctx): Reply {
  const job = findJob(ctx);
  settle(ctx.state, job);
  const max = maxParam(ctx.url, "max", 50, 1000);
  const after = decodeCursor(ctx.url.searchParams.get("cursor"));
  const items = job.errors.filter((e) => e.itemNumber > after).slice(0, max);
  const last = items[items.length - 1];
  const headers: Record<string, string> = {};
  if (last && last.itemNumber < job.errors.length) headers.Link = nextLink(ctx.req, ctx.url, "cursor", encodeCursor(last.itemNumber));
  return { status: 200, body: { items }, headers };
}
