import { z } from "zod";
import { updateViewSchema, viewIdSchema } from "@/lib/directory/saved-views";
import { route } from "@/lib/server/api/handler";
import { getDb } from "@/lib/server/db";
import { deleteView, updateView } from "@/lib/server/directory/saved-views";

const params = z.object({ id: viewIdSchema });

/** Renames, re-queries or (un)shares a view: its owner for a personal one, any "write" admin for a shared one. */
export const PATCH = route({ auth: "read", params, body: updateViewSchema }, async ({ user, params, body }) =>
  updateView(await getDb(), user, params.id, body),
);

/** Deletes a view (same rule as PATCH). */
export const DELETE = route({ auth: "read", params }, async ({ user, params }) => {
  await deleteView(await getDb(), user, params.id);
  return null;
});
