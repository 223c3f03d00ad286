import { z } from "zod";
import { route } from "@/lib/server/api/handler";
import { revertChange } from "@/lib/server/directory/changes";
import { undoOrConflict } from "@/lib/server/directory/revert-response";
import { getDb } from "@/lib/server/db";

const params = z.object({ id: z.string().regex(/^\d{1,18}$/, "Invalid change ID") });

/**
 * Undo of a feed row: its before-value through the safe edit path with its after-value as `original`. 409 when the
 * field was changed again in Webex since (nothing written); 400 with the reason when it cannot be undone.
 */
export const POST = route({ auth: "write", params }, async ({ webex, user, params }) =>
  undoOrConflict(async () => revertChange(await getDb(), webex, user, params.id)),
);
