import { csvFileName } from "@/lib/csv";
import { reclaimCsv } from "@/lib/licenses/reclaim-csv";
import { reclaimQuerySchema } from "@/lib/licenses/reclaim-schemas";
import { ApiError } from "@/lib/server/api/errors";
import { route } from "@/lib/server/api/handler";
import { getDb } from "@/lib/server/db";
import { reclaimView } from "@/lib/server/licenses/views";
import { referenceLicenses } from "@/lib/server/reference";

/**
 * The reclaim candidates under the given N values and filters as CSV, for managers to approve: every matching
 * person (not only the page's first 1,000), with the criteria and the scan's time in each row. Reads the stored
 * scan; the only Webex call is the org's shared license catalogue for the names (decision 012), usually cached.
 */
export const GET = route({ auth: "read", query: reclaimQuerySchema }, async ({ user, webex, query }) => {
  const { reason, licenseId, ...criteria } = query;
  const view = await reclaimView(await getDb(), user.orgId, criteria, { reason, licenseId }, Date.now(), Number.POSITIVE_INFINITY);
  if (!view.scan) throw new ApiError(409, "There is no finished scan to export yet. Start a scan, then export its results.");
  const names = new Map((await referenceLicenses(user, webex)).items.map((l) => [l.id, l.name ?? "Unnamed license"]));
  const csv = reclaimCsv(view.rows, {
    criteria,
    filters: { reason, licenseId },
    scanFinishedAt: view.scan.finishedAt,
    licenseName: (id) => names.get(id) ?? `Unknown license (${id})`,
  });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${csvFileName("reclaim-candidates")}"`,
      "X-Roster-People": String(view.rows.length),
    },
  });
});
