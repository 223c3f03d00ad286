import "server-only";
import { recordAudit } from "@/lib/server/audit/audit";
import { isWebexError } from "@/lib/server/webex/errors";
import type { ActivationJobError } from "@/lib/server/webex/models";
import type { JobContext } from "./context";
import { finishItem, listItems, setJobState, startItem, type ItemRow } from "./store";

// Resend invitations through Webex's own bulk job (POST /identity/organizations/{orgId}/jobs/sendActivationEmails).
// That API takes no list of people: it resends to every invite-pending user of the org, one job per org at a
// time. Roster's job tracks the people the admin selected as its items and reports what Webex did for each;
// the preview says plainly that everyone invite-pending in the org gets the email.
//
// The POST is never repeated blindly: its job id is saved as soon as Webex answers. If the process dies between
// the POST and that save, the next run POSTs again; Webex suppresses a second invitation within 24 hours (the
// errors list says so), so nobody receives two.

export type ResendStep = { done: true } | { done: false; againInMs: number };

const POLL_MS = 2_000;

/** One step: start Webex's job if needed, wait for it (up to `deadline`), then settle every item. */
export async function runResend(ctx: JobContext, deadline: number): Promise<ResendStep> {
  const { db, job, webex } = ctx;
  let state = { ...job.state };
  if (!state.webexJobId) {
    state = { ...state, webexJobPosted: true };
    await setJobState(db, job.id, state);
    try {
      const started = await webex.startActivationEmailJob();
      state = { ...state, webexJobId: started.id };
      await setJobState(db, job.id, state);
    } catch (err) {
      // Another resend is running for the org (started elsewhere): try again when it has had time to finish.
      if (isWebexError(err) && err.status === 409) return { done: false, againInMs: 15_000 };
      throw err;
    }
  }
  const webexJobId = state.webexJobId!;
  for (;;) {
    const status = await webex.getActivationEmailJob(webexJobId);
    if (status.latestExecutionStatus === "COMPLETED" || (status.latestExecutionExitCode && status.latestExecutionExitCode !== "UNKNOWN")) {
      const errors = await webex.listActivationEmailJobErrors(webexJobId);
      const c = status.counts ?? {};
      state = {
        ...state,
        webexJob: {
          sent: c.userResendInviteSent ?? 0,
          skipped: c.userResendInviteSkipped ?? 0,
          failed: c.userResendInviteFailed ?? 0,
          total: c.totalUsers ?? 0,
        },
      };
      await setJobState(db, job.id, state);
      await settleItems(ctx, errors, status.latestExecutionExitCode === "FAILED");
      return { done: true };
    }
    if (Date.now() + POLL_MS > deadline) return { done: false, againInMs: POLL_MS };
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** "… ; Error with user@example.com." → user@example.com */
export function emailOfError(e: ActivationJobError): string | null {
  for (const m of e.error?.message ?? []) {
    const match = /Error with\s+(\S+?)\.?\s*$/i.exec(m.description ?? "");
    if (match?.[1]) return match[1].toLowerCase();
  }
  return null;
}

function describe(e: ActivationJobError): { suppressed: boolean; message: string } {
  const m = e.error?.message?.[0];
  if (m?.code === "ATLAS-600199" || /last 24 hours/i.test(m?.description ?? "")) {
    return { suppressed: true, message: "Not resent: Webex already sent an invitation in the last 24 hours." };
  }
  const text = (m?.description ?? "Webex could not resend the invitation").replace(/\s*;\s*Error with\s+\S+\s*$/i, "");
  return { suppressed: false, message: `${text}${m?.code ? ` (${m.code})` : ""}` };
}

async function settleItems(ctx: JobContext, errors: ActivationJobError[], jobFailed: boolean): Promise<void> {
  const byEmail = new Map<string, ActivationJobError>();
  for (const e of errors) {
    const email = emailOfError(e);
    if (email) byEmail.set(email, e);
  }
  let after: number | undefined;
  for (;;) {
    const page: ItemRow[] = await listItems(ctx.db, ctx.job.id, { state: "pending", after, limit: 500 });
    if (!page.length) return;
    for (const item of page) {
      after = item.seq;
      const err = item.email ? byEmail.get(item.email.toLowerCase()) : undefined;
      const failure = err ? describe(err) : jobFailed ? { suppressed: false, message: "Webex's resend job failed." } : null;
      await startItem(ctx.db, ctx.job.id, item.seq);
      await finishItem(ctx.db, ctx.job.id, item.seq, {
        state: failure ? (failure.suppressed ? "skipped" : "failed") : "done",
        message: failure?.message ?? "Invitation resent.",
        trackingId: err?.trackingId ?? null,
        result: { changes: [] },
      });
      await recordAudit({
        user: ctx.actor,
        action: "person.invite",
        targetId: item.personId,
        targetEmail: item.email,
        detail: { changes: [], note: failure ? undefined : "Webex resent the activation email." },
        error: failure ? Object.assign(new Error(failure.message), { status: failure.suppressed ? 304 : 400 }) : undefined,
        jobId: ctx.job.id,
      });
    }
  }
}
