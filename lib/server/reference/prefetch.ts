import "server-only";

import type { QueryClient } from "@tanstack/react-query";
import { licensesKeys } from "@/lib/query/licenses";
import { locationsKeys } from "@/lib/query/locations";
import { rolesKeys } from "@/lib/query/roles";
import type { WebexClient } from "@/lib/server/webex/client";
import { referenceLicenses, referenceLocations, referenceRoles, type Reader } from "./index";

/**
 * Licenses, roles and locations for a server render, under the query keys and in the shapes the browser's
 * GET /api/licenses|roles|locations answer (lib/query), so the browser reuses them after hydration instead of
 * asking again. A failure is left out (the browser then asks and shows the error itself).
 */
export function prefetchReferenceData(client: QueryClient, reader: Reader, webex: WebexClient): Promise<unknown> {
  return Promise.allSettled([
    client.prefetchQuery({ queryKey: licensesKeys.all, queryFn: () => referenceLicenses(reader, webex) }),
    client.prefetchQuery({ queryKey: rolesKeys.all, queryFn: async () => ({ items: await referenceRoles(reader, webex) }) }),
    client.prefetchQuery({ queryKey: locationsKeys.all, queryFn: async () => ({ items: await referenceLocations(reader, webex) }) }),
  ]);
}

/**
 * Waits for a page's prefetch `work` at most `budgetMs`: what is not there by then (Webex busy, retrying) is left
 * to the browser, which shows progress, errors and Retry itself, instead of the whole page hanging.
 */
export async function settleWithin(work: Promise<unknown>, budgetMs: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([work, new Promise((resolve) => (timer = setTimeout(resolve, budgetMs)))]);
  clearTimeout(timer);
}
