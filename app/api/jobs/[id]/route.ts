import { z } from "zod";
import { jobIdSchema } from "@/lib/jobs/schemas";
import { route } from "@/lib/server/api/handler";
import { getDb } from "@/lib/server/db";
import { jobView } from "@/lib/server/jobs/commands";

const params = z.object({ id: jobIdSchema });

/** One job with its progress (counted from its items). */
export const GET = route({ auth: "read", params }, async ({ user, params }) => jobView(await getDb(), user, params.id));
