import { createViewSchema } from "@/lib/directory/saved-views";
import { route } from "@/lib/server/api/handler";
import { getDb } from "@/lib/server/db";
import { createView, listViews } from "@/lib/server/directory/saved-views";

/** The signed-in admin's saved views and the org's shared ones. Any administrator. */
export const GET = route({ auth: "read" }, async ({ user }) => listViews(await getDb(), user));

/** Saves a view (personal; shared only for admins who may change people). 409 on a name the owner already uses. */
export const POST = route({ auth: "read", body: createViewSchema }, async ({ user, body }) =>
  Response.json(await createView(await getDb(), user, body), { status: 201 }),
);
