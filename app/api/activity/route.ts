import type { ActivityPage } from "@/lib/people/api-types";
import { auditQuerySchema } from "@/lib/people/audit-types";
import { route } from "@/lib/server/api/handler";
import { listAudit } from "@/lib/server/audit/audit";
import { refreshWebexAudit } from "@/lib/server/audit/webex-audit";

/**
 * The audit trail of the caller's organization, newest first, cursor paged: Roster's own rows merged with Webex's
 * admin audit events (changes made outside Roster) when the caller may see them (decision 016). The first page
 * brings the org's copy of Webex's log up to date if it is older than ROSTER_WEBEX_AUDIT_TTL_SECONDS.
 */
export const GET = route({ auth: "read", query: auditQuerySchema }, async ({ user, query, webex }): Promise<ActivityPage> => {
  const webexStatus = query.cursor ? await refreshWebexAudit(user, webex, { readOnly: true }) : await refreshWebexAudit(user, webex);
  const page = await listAudit(user.orgId, query, { includeWebex: webexStatus.state === "ok" || webexStatus.state === "stale" });
  return { ...page, webex: webexStatus };
});
