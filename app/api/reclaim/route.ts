import { reclaimBodySchema, reclaimQuerySchema } from "@/lib/licenses/reclaim-schemas";
import { route } from "@/lib/server/api/handler";
import { getDb } from "@/lib/server/db";
import { reclaimLicenses } from "@/lib/server/licenses/reclaim";
import { reclaimView } from "@/lib/server/licenses/views";

/** The cached scan's candidates under the given N values and filters, at most 1,000 rows (no Webex call). */
export const GET = route({ auth: "read", query: reclaimQuerySchema }, async ({ user, query }) => {
  const { reason, licenseId, ...criteria } = query;
  return reclaimView(await getDb(), user.orgId, criteria, { reason, licenseId });
});

/** Removes the chosen licenses from the chosen people through the safe edit path; one result per person. */
export const POST = route({ auth: "write", body: reclaimBodySchema }, async ({ webex, user, body }) => ({
  results: await reclaimLicenses(await getDb(), webex, user, body.items),
}));
