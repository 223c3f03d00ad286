import { jobsQuerySchema } from "@/lib/jobs/schemas";
import { route } from "@/lib/server/api/handler";
import { getDb } from "@/lib/server/db";
import { listJobs } from "@/lib/server/jobs/store";
import { jobViews } from "@/lib/server/jobs/views";

/** The org's jobs, newest first (`active=1`: queued, running and paused only). Read-only admins may look. */
export const GET = route({ auth: "read", query: jobsQuerySchema }, async ({ user, query }) => {
  const db = await getDb();
  const jobs = await listJobs(db, user.orgId, { active: query.active === "1", limit: query.limit });
  return { items: await jobViews(db, user.orgId, jobs) };
});
