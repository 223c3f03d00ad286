import type { ChangesPage } from "@/lib/directory/changes";
import { changesQuerySchema } from "@/lib/directory/changes";
import { route } from "@/lib/server/api/handler";
import { refreshWebexAudit } from "@/lib/server/audit/webex-audit";
import { listChanges } from "@/lib/server/directory/changes";
import { getDb } from "@/lib/server/db";

/**
 * The change feed (issue 15): what each sync of the directory index saw changed in Webex since the one before,
 * newest first, keyset paged. The first page brings Webex's admin audit events up to date for attribution, when the
 * reader may see them (decision 016).
 */
export const GET = route({ auth: "read", query: changesQuerySchema }, async ({ user, query, webex }): Promise<ChangesPage> => {
  const status = await refreshWebexAudit(user, webex, { readOnly: query.cursor !== undefined });
  return listChanges(await getDb(), user.orgId, query, { includeWebex: status.state === "ok" || status.state === "stale" });
});
