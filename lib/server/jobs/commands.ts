import "server-only";
import type { JobView } from "@/lib/jobs/api-types";
import { FINISHED_STATUSES } from "@/lib/jobs/kinds";
import type { JobCommand, StartBody } from "@/lib/jobs/schemas";
import { ApiError } from "@/lib/server/api/errors";
import type { Db } from "@/lib/server/db";
import type { SessionUser } from "@/lib/server/session";
import type { WebexClient } from "@/lib/server/webex/client";
import { getJobEngine } from "./engine";
import { countItems, getJob, nextQueued, retryFailed, skipPending, transition, type JobRow } from "./store";
import { jobViews } from "./views";

// What an admin can do to a job: start a previewed one, pause, resume, cancel, retry the failed items. Each is a
// guarded state change; the engine notices it between items (cancel and pause let the in-flight item finish).

const conflict = (message: string) => new ApiError(409, message);

export async function loadJob(db: Db, user: SessionUser, id: string): Promise<JobRow> {
  const job = await getJob(db, user.orgId, id);
  // Another org's job is indistinguishable from no job.
  if (!job) throw new ApiError(404, "No such job in your organization.");
  return job;
}

export async function jobView(db: Db, user: SessionUser, id: string): Promise<JobView> {
  const job = await loadJob(db, user, id);
  return (await jobViews(db, user.orgId, [job]))[0]!;
}

export async function runCommand(
  db: Db,
  webex: WebexClient,
  user: SessionUser,
  sessionId: string | null,
  id: string,
  command: JobCommand,
  body: StartBody,
): Promise<JobView> {
  const job = await loadJob(db, user, id);
  const finished = FINISHED_STATUSES.includes(job.status);
  switch (command) {
    case "start":
      await start(db, webex, user, sessionId, job, body);
      break;
    case "pause":
      if (job.status === "draft") throw conflict("This job has not started.");
      if (finished) throw conflict("This job has already finished.");
      if (job.status === "paused") break;
      if (!(await transition(db, id, ["queued", "running"], "paused", { message: `Paused by ${user.email}.` }))) throw conflict("This job changed meanwhile; reload it.");
      break;
    case "resume":
      if (job.status !== "paused") throw conflict(job.status === "draft" ? "This job has not started." : "Only a paused job can be resumed.");
      // The job goes on with the resuming admin's session (the one that started it may have ended).
      if (!(await transition(db, id, ["paused"], "queued", { message: null, ...(sessionId ? { sessionId } : {}) }))) throw conflict("This job changed meanwhile; reload it.");
      break;
    case "cancel":
      if (job.status === "draft") throw conflict("This job has not started; just close the preview.");
      if (finished) throw conflict(`This job has already ${job.status === "cancelled" ? "been cancelled" : "finished"}: there is nothing to cancel.`);
      if (!(await transition(db, id, ["queued", "running", "paused"], "cancelled", { message: `Cancelled by ${user.email}.`, finished: true }))) {
        throw conflict("This job changed meanwhile; reload it.");
      }
      await skipPending(db, id, "Not run: the job was cancelled.");
      break;
    case "retry": {
      if (!finished) throw conflict("Only a finished job's failed items can be retried.");
      const failed = await countItems(db, id, ["failed"]);
      if (failed === 0) throw conflict("No item failed: there is nothing to retry.");
      if (!(await transition(db, id, FINISHED_STATUSES, "queued", { message: null, clearFinished: true, ...(sessionId ? { sessionId } : {}) }))) {
        throw conflict("This job changed meanwhile; reload it.");
      }
      await retryFailed(db, id);
      break;
    }
  }
  if (command === "start" || command === "resume" || command === "retry") await getJobEngine()?.kick(id);
  if (command === "cancel" || command === "pause") {
    // The org's slot may be free now: let its next queued job go.
    const next = await nextQueued(db, user.orgId);
    if (next) await getJobEngine()?.kick(next);
  }
  return jobView(db, user, id);
}

async function start(db: Db, webex: WebexClient, user: SessionUser, sessionId: string | null, job: JobRow, body: StartBody): Promise<void> {
  if (job.status !== "draft") throw conflict("This job has already been started.");
  const pending = await countItems(db, job.id, ["pending"]);
  if (pending === 0) throw conflict("Nothing to do: everyone in this preview is skipped.");
  if (job.kind === "delete" && body.confirm !== pending) {
    throw new ApiError(400, `To delete, type the number of people who will be deleted (${pending}).`, { confirm: `Type ${pending} to confirm` });
  }
  if (job.kind === "license-add" && job.params.licenseId) {
    // The pool may have changed since the preview: check it again now.
    const license = (await webex.listLicenses()).find((l) => l.id === job.params.licenseId);
    if (!license) throw conflict("This license is no longer in the organization.");
    const remaining = Math.max(0, (license.totalUnits ?? 0) - (license.consumedUnits ?? 0));
    if (pending > remaining) {
      if (!body.onlyWhatFits) {
        throw new ApiError(409, `This needs ${pending} units of ${license.name ?? "the license"} and ${remaining} are left. Run only the ${remaining} that fit, or free units first.`, {
          onlyWhatFits: `Only ${remaining} fit`,
        });
      }
      if (remaining === 0) throw conflict(`No unit of ${license.name ?? "the license"} is left.`);
      await skipPending(db, job.id, "Not run: no unit of the license was left for this person.", { afterRank: remaining });
    }
  }
  if (!(await transition(db, job.id, ["draft"], "queued", { message: null, ...(sessionId ? { sessionId } : {}) }))) {
    throw conflict("This job has already been started.");
  }
}
