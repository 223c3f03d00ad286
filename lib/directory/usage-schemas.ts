import { z } from "zod";
import { webexIdSchema } from "@/lib/people/schemas";
import { USAGE_GROUPINGS } from "./usage";

/** GET /api/licenses/usage and its CSV export. */
export const usageQuerySchema = z.object({
  by: z.enum(USAGE_GROUPINGS).default("department"),
  licenseId: webexIdSchema.optional(),
  /** Manager grouping only: "1" counts reports of reports too. */
  indirect: z.enum(["0", "1"]).optional(),
});
export type UsageQuery = z.infer<typeof usageQuerySchema>;
