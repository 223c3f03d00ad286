import { apiDeps } from "@/lib/server/api/deps";
import { route } from "@/lib/server/api/handler";
import { getDb } from "@/lib/server/db";
import { startScan } from "@/lib/server/licenses/reclaim-scan";
import { scanStatus } from "@/lib/server/licenses/views";

/** What the progress bar polls: the running scan (if any) and the last finished one. */
export const GET = route({ auth: "read" }, async ({ user }) => scanStatus(await getDb(), user.orgId));

/** Starts a full-org scan, or answers 200 with the one already running (`started: false`); 202 when started. */
export const POST = route({ auth: "read" }, async ({ user }) => {
  // The walk runs in the background lane: a 100,000-person scan never holds up anyone's clicks.
  const webex = await apiDeps().webexForUser(user, "background");
  const { job, started } = await startScan(await getDb(), webex, user);
  return Response.json({ job, started }, { status: started ? 202 : 200 });
});
