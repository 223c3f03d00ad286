import { usageQuerySchema } from "@/lib/directory/usage-schemas";
import { route } from "@/lib/server/api/handler";
import { getDb } from "@/lib/server/db";
import { licenseUsage } from "@/lib/server/directory/usage";

/**
 * License usage by department, location or manager (issue 15), from Roster's directory index: units held, share
 * of each license's pool, holders idle 30/90 days. `indexed: false` when the org was never synced. Any administrator.
 */
export const GET = route({ auth: "read", query: usageQuerySchema }, async ({ user, webex, query }) => licenseUsage(await getDb(), user, webex, query));
