import { z } from "zod";
import { SEARCH_QUERY_MAX } from "@/lib/directory/search";
import { safeString } from "@/lib/safe-string";
import { route } from "@/lib/server/api/handler";
import { getDb } from "@/lib/server/db";
import { searchDirectory } from "@/lib/server/directory/search";

const query = z.object({ q: safeString().trim().min(1, "Type a name or an email address").max(SEARCH_QUERY_MAX) });

/** Jump to person: the org's best 10 matches by name or email from Roster's index (never Webex). Any administrator. */
export const GET = route({ auth: "read", query }, async ({ user, query }) => searchDirectory(await getDb(), user.orgId, query.q));
