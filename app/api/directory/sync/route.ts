import { apiDeps } from "@/lib/server/api/deps";
import { route } from "@/lib/server/api/handler";
import { getDb } from "@/lib/server/db";
import { startSync } from "@/lib/server/directory/sync";
import { directoryStatus } from "@/lib/server/directory/views";

/** The index's freshness and the running sync, if any (what the freshness line polls). Any administrator. */
export const GET = route({ auth: "read" }, async ({ user }) => directoryStatus(await getDb(), user.orgId));

/**
 * "Sync now": starts a sync of the org (202), or answers 200 with the one already running. Any administrator who can
 * read people may ask; the walk runs in the background lane of the org's budget, so it never holds up a click.
 */
export const POST = route({ auth: "read" }, async ({ user }) => {
  const webex = await apiDeps().webexForUser(user, "background");
  const { run, started } = await startSync(await getDb(), webex, user.orgId, { trigger: user.email });
  return Response.json({ run, started }, { status: started ? 202 : 200 });
});
