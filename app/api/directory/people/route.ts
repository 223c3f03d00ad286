import { directoryPeopleQuerySchema } from "@/lib/directory/schemas";
import { route } from "@/lib/server/api/handler";
import { getDb } from "@/lib/server/db";
import { directoryPeople } from "@/lib/server/directory/query";

/**
 * The people grid's index view: people matching a filter of the directory index, with facet counts, an exact
 * total, an org-wide sort and a page by offset (`indexed: false` when the org was never synced). Any administrator.
 */
export const GET = route({ auth: "read", query: directoryPeopleQuerySchema }, async ({ user, webex, query }) => directoryPeople(await getDb(), user, webex, query));
