import { z } from "zod";
import { route } from "@/lib/server/api/handler";
import { revertAuditRow } from "@/lib/server/directory/changes";
import { undoOrConflict } from "@/lib/server/directory/revert-response";
import { getDb } from "@/lib/server/db";

const params = z.object({ id: z.string().regex(/^\d{1,18}$/, "Invalid change ID") });

/**
 * Undo of one of Roster's own changes (an audit row of the person's history): its before-values through the safe
 * edit path with its after-values as `original`; 409 when a field was changed again since (nothing written).
 */
export const POST = route({ auth: "write", params }, async ({ webex, user, params }) =>
  undoOrConflict(async () => revertAuditRow(await getDb(), webex, user, params.id)),
);
