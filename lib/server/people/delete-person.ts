import "server-only";
import { diffPerson } from "@/lib/people/diff-person";
import { ApiError } from "@/lib/server/api/errors";
import { recordAudit } from "@/lib/server/audit/audit";
import { roleCode } from "@/lib/server/auth/roles";
import type { SessionUser } from "@/lib/server/session";
import type { WebexClient } from "@/lib/server/webex/client";

/**
 * DELETE is permanent. The org's last Full Administrator is refused here with an explanation (Webex would
 * refuse too, less clearly). The audit row keeps what the person had, licenses included.
 */
export async function deletePersonAudited(webex: WebexClient, user: SessionUser, id: string): Promise<void> {
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
      await recordAudit({ user, action: "person.delete", ...target, detail, error: err });
      throw err;
    }
  }
  try {
    await webex.deletePerson(id);
  } catch (err) {
    await recordAudit({ user, action: "person.delete", ...target, detail, error: err });
    throw err;
  }
  await recordAudit({ user, action: "person.delete", ...target, detail });
}
