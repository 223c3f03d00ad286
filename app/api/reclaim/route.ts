import { reclaimJobBodySchema } from "@/lib/jobs/schemas";
import { reclaimQuerySchema } from "@/lib/licenses/reclaim-schemas";
import { apiDeps } from "@/lib/server/api/deps";
import { jsonResponse } from "@/lib/server/api/errors";
import { route } from "@/lib/server/api/handler";
import { getDb } from "@/lib/server/db";
import { jobView } from "@/lib/server/jobs/commands";
import { getJobEngine } from "@/lib/server/jobs/engine";
import { createReclaimJob } from "@/lib/server/jobs/preview";
import { latestScanResult } from "@/lib/server/licenses/reclaim-scan";
import { reclaimView } from "@/lib/server/licenses/views";

/** The cached scan's candidates under the given N values and filters, at most 1,000 rows (no Webex call). */
export const GET = route({ auth: "read", query: reclaimQuerySchema }, async ({ user, query }) => {
  const { reason, licenseId, ...criteria } = query;
  return reclaimView(await getDb(), user.orgId, criteria, { reason, licenseId });
});

/**
 * Starts a reclaim job for the reviewed people and licenses: it runs on the server (closing the tab changes
 * nothing), removes licenses with PATCH /licenses/users, and its results stay on the job's page. 202 + the job.
 */
export const POST = route({ auth: "write", body: reclaimJobBodySchema, maxBodyBytes: 4 * 1024 * 1024 }, async ({ user, body }) => {
  const db = await getDb();
  const scan = await latestScanResult(db, user.orgId);
  const known = new Map((scan?.result.candidates ?? []).map((c) => [c.id, { email: c.email, displayName: c.displayName, licenses: c.licenses }]));
  const id = await createReclaimJob(db, user, await apiDeps().sessionIdOf(user), body, known);
  await getJobEngine()?.kick(id);
  return jsonResponse({ job: await jobView(db, user, id) }, { status: 202 });
});
