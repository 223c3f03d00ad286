import { z } from "zod";
import { itemsQuerySchema, jobIdSchema } from "@/lib/jobs/schemas";
import { route } from "@/lib/server/api/handler";
import { getDb } from "@/lib/server/db";
import { loadJob } from "@/lib/server/jobs/commands";
import { listItems } from "@/lib/server/jobs/store";
import { toItemView } from "@/lib/server/jobs/views";

const params = z.object({ id: jobIdSchema });

/** A job's people and their outcomes, by outcome, in order (`after` = the last seq seen). */
export const GET = route({ auth: "read", params, query: itemsQuerySchema }, async ({ user, params, query }) => {
  const db = await getDb();
  await loadJob(db, user, params.id);
  const rows = await listItems(db, params.id, { state: query.state, outcome: query.outcome, after: query.after, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  return { items: page.map(toItemView), next: rows.length > query.limit ? page.at(-1)!.seq : null };
});
