import { apiDeps } from "@/lib/server/api/deps";
import { ApiError } from "@/lib/server/api/errors";
import { route } from "@/lib/server/api/handler";
import { getDb } from "@/lib/server/db";
import { SCAN_NEEDS_WRITE } from "@/lib/licenses/reclaim";
import { startScan } from "@/lib/server/licenses/reclaim-scan";
import { scanStatus } from "@/lib/server/licenses/views";

/** What the progress bar polls: the running scan (if any) and the last finished one. Any administrator. */
export const GET = route({ auth: "read" }, async ({ user }) => scanStatus(await getDb(), user.orgId));

/**
 * Starts a full-org scan, or answers 200 with the one already running (`started: false`); 202 when started. Only
 * administrators who can change people may start one (issue 12, finding 11): a scan costs people/1000 calls of the
 * org's shared budget, and only they can act on its result.
 */
export const POST = route({ auth: "read" }, async ({ user }) => {
  if (!user.canWrite) throw new ApiError(403, SCAN_NEEDS_WRITE);
  // The walk runs in the background lane: a 100,000-person scan never holds up anyone's clicks.
  const webex = await apiDeps().webexForUser(user, "background");
  const { job, started } = await startScan(await getDb(), webex, user);
  return Response.json({ job, started }, { status: started ? 202 : 200 });
});
