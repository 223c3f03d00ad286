import "server-only";
import { dehydrate, type DehydratedState } from "@tanstack/react-query";
import { makeQueryClient } from "@/lib/query/client";
import { peopleListQuerySchema } from "@/lib/people/schemas";
import { directoryPeopleQuerySchema } from "@/lib/directory/schemas";
import { isIndexView, toDirectoryQuery, toPeopleQuery, type PeopleView } from "@/lib/people/people-view";
import { directoryPeopleKeys } from "@/lib/query/directory-people";
import { getDb } from "@/lib/server/db";
import { directoryPeople } from "@/lib/server/directory/query";
import { peopleKeys } from "@/lib/query/people";
import { listPeoplePage } from "@/lib/server/api/people";
import { webexForUser } from "@/lib/server/api/webex-for-user";
import { prefetchReferenceData, settleWithin } from "@/lib/server/reference/prefetch";
import type { SessionUser } from "@/lib/server/session";

/**
 * Server-side prefetch for /people: the first page (live, or from the index with the facet counts) and the name lookups (the org's shared reference data,
 * decision 012) arrive with the HTML, under the keys the browser uses, so it does not ask again after hydration.
 * It calls the same functions as the /api routes (never our own /api over HTTP). Anything that fails or
 * takes longer than `budgetMs` (Webex busy, retrying) is left out: the browser then fetches it and shows
 * progress, errors and Retry itself, instead of the whole page hanging.
 */
export async function prefetchPeopleDirectory(user: SessionUser, view: PeopleView, budgetMs = 4000): Promise<DehydratedState> {
  const client = makeQueryClient({ server: true, staleTime: 60_000 });
  const webex = webexForUser(user);
  // The index view asks no Webex page (its rows and counts come from the index, computed in memory).
  const params = isIndexView(view) ? null : toPeopleQuery(view);
  const parsed = params ? peopleListQuerySchema.safeParse(params) : null;
  const dirParams = toDirectoryQuery(view);
  const dirParsed = dirParams ? directoryPeopleQuerySchema.safeParse(dirParams) : null;

  const work = Promise.allSettled([
    parsed?.success && params
      ? client.prefetchQuery({ queryKey: peopleKeys.list(params), queryFn: () => listPeoplePage(webex, user, parsed.data) })
      : Promise.resolve(),
    dirParsed?.success && dirParams
      ? client.prefetchQuery({ queryKey: directoryPeopleKeys.query(dirParams), queryFn: async () => directoryPeople(await getDb(), user, webex, dirParsed.data) })
      : Promise.resolve(),
    prefetchReferenceData(client, user, webex),
  ]);
  await settleWithin(work, budgetMs);
  // Only successful queries are dehydrated (the default): errors are never frozen into the HTML.
  return dehydrate(client);
}
