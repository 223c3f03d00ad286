import { z } from "zod";
import { webexIdSchema } from "@/lib/people/schemas";
import type { HoldersResponse } from "@/lib/licenses/api-types";
import { toCapacity } from "@/lib/licenses/capacity";
import { route } from "@/lib/server/api/handler";
import { getDb } from "@/lib/server/db";
import { licenseHolders } from "@/lib/server/licenses/holders";
import { latestScanResult } from "@/lib/server/licenses/reclaim-scan";

const params = z.object({ id: webexIdSchema });

/** Everyone holding the license, with status and last activity (a walk of the org for a big pool: the long deadline). */
export const GET = route({ auth: "read", params, deadline: "long" }, async ({ webex, params, user }): Promise<HoldersResponse> => {
  // The last reclaim scan's head count tells whether walking the org is cheaper than looking holders up by ID.
  const scan = await latestScanResult(await getDb(), user.orgId).catch(() => null);
  const result = await licenseHolders(webex, params.id, { orgSizeHint: scan?.result.peopleScanned });
  return { license: toCapacity(result.license), holders: result.holders, source: result.source, webexCalls: result.webexCalls };
});
