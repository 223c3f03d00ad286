import { z } from "zod";
import { webexIdSchema } from "@/lib/people/schemas";
import { DEFAULT_CRITERIA, MAX_DAYS, MIN_DAYS } from "./reclaim";

const days = (fallback: number) =>
  z.coerce
    .number({ error: `A whole number of days, ${MIN_DAYS}–${MAX_DAYS}` })
    .int(`A whole number of days, ${MIN_DAYS}–${MAX_DAYS}`)
    .min(MIN_DAYS, `At least ${MIN_DAYS} days`)
    .max(MAX_DAYS, `At most ${MAX_DAYS} days`)
    .default(fallback);

/** GET /api/reclaim?inviteDays=&inactiveDays= */
export const reclaimQuerySchema = z.strictObject({
  inviteDays: days(DEFAULT_CRITERIA.inviteDays),
  inactiveDays: days(DEFAULT_CRITERIA.inactiveDays),
  reason: z.enum(["deactivated", "invite-pending", "inactive"], "One of deactivated, invite-pending, inactive").optional(),
  licenseId: webexIdSchema.optional(),
});
