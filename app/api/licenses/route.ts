import { z } from "zod";
import { route } from "@/lib/server/api/handler";
import { referenceLicenses } from "@/lib/server/reference";

const query = z.object({ fresh: z.enum(["1"]).optional() });

/**
 * The org's licenses with their counts, shared by its admins for a short time (decision 012). `?fresh=1` asks
 * Webex now: what the add-person form does right before it checks capacity.
 */
export const GET = route({ auth: "read", query }, async ({ user, webex, query }) => {
  const { items, fetchedAt } = await referenceLicenses(user, webex, { fresh: query.fresh === "1" });
  return { items, fetchedAt };
});
