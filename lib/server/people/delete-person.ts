import "server-only";
import { diffPerson } from "@/lib/people/diff-person";
import { ApiError } from "@/lib/server/api/errors";
import { beginAudit, recordAudit } from "@/lib/server/audit/audit";
import { roleCode } from "@/lib/server/auth/roles";
import type { SessionUser } from "@/lib/server/session";
import type { WebexClient } from "@/lib/server/webex/client";
import type { Person } from "@/lib/server/webex/models";
import { isWebexError } from "@/lib/server/webex/errors";

export const ALREADY_DELETED_NOTE = "Already deleted: Webex no longer had this person when Roster asked.";

/**
 * DELETE is permanent. The org's last Full Administrator is refused here with an explanation (Webex would
 * refuse too, less clearly). The audit row keeps what the person had, licenses included.
 *
 * Every attempt leaves an audit row (decision 006): a failed read before the DELETE is recorded as such, and an
 * intent row (`pending`) is written before the DELETE and completed after it, so a process that dies in between
 * still leaves a row ("outcome unknown").
 *
 * "Already gone" counts as deleted (`alreadyGone`, recorded as a success with ALREADY_DELETED_NOTE): a DELETE
 * that Webex carried out but whose answer was lost is repeated by the client (DELETE is idempotent) and then
 * answers 404; an admin who retries the whole request after a timeout, or deletes a person someone else just
 * deleted, gets 404 on the read before it. Either way the person is gone, which is what was asked.
 */
export async function deletePersonAudited(
  webex: WebexClient,
  user: SessionUser,
  id: string,
  opts: { jobId?: string } = {},
): Promise<{ alreadyGone: boolean }> {
  const jobId = opts.jobId;
  let current: Person;
  try {
    current = await webex.getPerson(id, { callingData: true });
  } catch (err) {
    if (isWebexError(err) && err.status === 404) {
      await recordAudit({ user, action: "person.delete", targetId: id, detail: { changes: [], note: ALREADY_DELETED_NOTE }, jobId });
      return { alreadyGone: true };
    }
    await recordAudit({ user, action: "person.delete", targetId: id, detail: { changes: [], note: "Not deleted: the person could not be read from Webex first." }, error: err, jobId });
    throw err;
  }
  const target = { targetId: id, targetEmail: current.emails?.[0] ?? null };
  const detail = { changes: diffPerson(current, {}) };
  const fullAdmin = (current.roles ?? []).find((r) => roleCode(r) === "id_full_admin");
  if (fullAdmin) {
    const admins = await webex.listPeople({ roles: [fullAdmin], max: 2 }).catch(async (err: unknown) => {
      await recordAudit({ user, action: "person.delete", ...target, detail: { ...detail, note: "Not deleted: Webex could not say who else is a Full Administrator." }, error: err, jobId });
      throw err;
    });
    if (admins.items.filter((p) => p.id !== id).length === 0) {
      const err = new ApiError(
        409,
        "This is the organization's last Full Administrator, so they cannot be deleted. Make someone else a Full Administrator first.",
      );
      await recordAudit({ user, action: "person.delete", ...target, detail, error: err, jobId });
      throw err;
    }
  }
  const intent = await beginAudit({ user, action: "person.delete", ...target, detail, jobId });
  try {
    await webex.deletePerson(id);
  } catch (err) {
    if (isWebexError(err) && err.status === 404) {
      await intent.finish({ detail: { ...detail, note: ALREADY_DELETED_NOTE } });
      return { alreadyGone: true };
    }
    await intent.finish({ detail, error: err });
    throw err;
  }
  await intent.finish({ detail });
  return { alreadyGone: false };
}
