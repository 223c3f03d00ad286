import "server-only";
import { diffPerson } from "@/lib/people/diff-person";
import { ApiError } from "@/lib/server/api/errors";
import { recordAudit } from "@/lib/server/audit/audit";
import { roleCode } from "@/lib/server/auth/roles";
import type { SessionUser } from "@/lib/server/session";
import type { WebexClient } from "@/lib/server/webex/client";
import { isWebexError } from "@/lib/server/webex/errors";

/**
 * DELETE is permanent. The org's last Full Administrator is refused here with an explanation (Webex would
 * refuse too, less clearly). The audit row keeps what the person had, licenses included.
 * A DELETE that Webex carried out but whose answer was lost is repeated by the client (DELETE is idempotent)
 * and then answers 404: the person is gone, which is what was asked, so it counts as deleted (`alreadyGone`).
 */
export async function deletePersonAudited(
  webex: WebexClient,
  user: SessionUser,
  id: string,
  opts: { jobId?: string } = {},
): Promise<{ alreadyGone: boolean }> {
  const jobId = opts.jobId;
  const current = await webex.getPerson(id, { callingData: true });
  const target = { targetId: id, targetEmail: current.emails?.[0] ?? null };
  const detail = { changes: diffPerson(current, {}) };
  const fullAdmin = (current.roles ?? []).find((r) => roleCode(r) === "id_full_admin");
  if (fullAdmin) {
    const admins = await webex.listPeople({ roles: [fullAdmin], max: 2 });
    if (admins.items.filter((p) => p.id !== id).length === 0) {
      const err = new ApiError(
        409,
        "This is the organization's last Full Administrator, so they cannot be deleted. Make someone else a Full Administrator first.",
      );
      await recordAudit({ user, action: "person.delete", ...target, detail, error: err, jobId });
      throw err;
    }
  }
  try {
    await webex.deletePerson(id);
  } catch (err) {
    if (isWebexError(err) && err.status === 404) {
      await recordAudit({ user, action: "person.delete", ...target, detail: { ...detail, note: "Webex answered 404 on a repeated DELETE: the person is gone." }, jobId });
      return { alreadyGone: true };
    }
    await recordAudit({ user, action: "person.delete", ...target, detail, error: err, jobId });
    throw err;
  }
  await recordAudit({ user, action: "person.delete", ...target, detail, jobId });
  return { alreadyGone: false };
}
