import "server-only";
import { dehydrate, type DehydratedState } from "@tanstack/react-query";
import { makeQueryClient } from "@/lib/query/client";
import { personKeys } from "@/lib/query/person";
import { webexForUser } from "@/lib/server/api/webex-for-user";
import { prefetchReferenceData, settleWithin } from "@/lib/server/reference/prefetch";
import type { SessionUser } from "@/lib/server/session";
import { WebexError } from "@/lib/server/webex/errors";

/** `name`: the person's display name (or email) for the page title, when Webex answered in time. */
export type PersonPrefetch = { state: DehydratedState; notFound: false; name: string | null } | { state: null; notFound: true };

/**
 * The person (with Calling data, live) and the license/role/location lookups (the org's shared reference data,
 * decision 012), fetched on the server so the page arrives complete. A 404 is reported; other failures are left to the browser, which shows them with Retry.
 */
export async function prefetchPerson(user: SessionUser, id: string, budgetMs = 4000): Promise<PersonPrefetch> {
  const client = makeQueryClient({ server: true, staleTime: 30_000 });
  const webex = webexForUser(user);
  let missing = false;
  const work = Promise.allSettled([
    client.prefetchQuery({
      queryKey: personKeys.detail(id),
      queryFn: async () => {
        try {
          return await webex.getPerson(id, { callingData: true });
        } catch (err) {
          if (err instanceof WebexError && (err.status === 404 || err.status === 400)) missing = true;
          throw err;
        }
      },
    }),
    prefetchReferenceData(client, user, webex),
  ]);
  await settleWithin(work, budgetMs);
  if (missing) return { state: null, notFound: true };
  const person = client.getQueryData<{ displayName?: string; emails?: string[] }>(personKeys.detail(id));
  return { state: dehydrate(client), notFound: false, name: person?.displayName || person?.emails?.[0] || null };
}
