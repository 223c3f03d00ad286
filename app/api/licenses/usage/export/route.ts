import { csvFileName } from "@/lib/csv";
import { usageCsv } from "@/lib/directory/usage-csv";
import { usageQuerySchema } from "@/lib/directory/usage-schemas";
import { ApiError } from "@/lib/server/api/errors";
import { route } from "@/lib/server/api/handler";
import { getDb } from "@/lib/server/db";
import { licenseUsage } from "@/lib/server/directory/usage";

/** The same figures as GET /api/licenses/usage as CSV: one line per group and license. */
export const GET = route({ auth: "read", query: usageQuerySchema }, async ({ user, webex, query }) => {
  const usage = await licenseUsage(await getDb(), user, webex, query);
  if (!usage.indexed) throw new ApiError(409, "Roster has not indexed this organization yet. Press Sync now, then export.");
  return new Response(usageCsv(usage), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${csvFileName(`license-usage-by-${usage.by}`)}"`,
    },
  });
});
