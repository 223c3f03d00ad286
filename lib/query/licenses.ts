import { queryOptions } from "@tanstack/react-query";
import type { ListResponse, License } from "@/lib/people/person";
import { fetchApi } from "./fetch-api";

export const licensesKeys = { all: ["licenses"] as const };

/**
 * GET /api/licenses: a small list that rarely changes, used to turn IDs into names and show capacity. The server
 * answers from the org's shared reference data (decision 012), so these counts may be a couple of minutes old.
 */
export const licensesOptions = () =>
  queryOptions({
    queryKey: licensesKeys.all,
    queryFn: ({ signal }) => fetchApi<ListResponse<License> & { fetchedAt?: number }>("/api/licenses", { signal }),
    staleTime: 5 * 60_000,
  });

/** The same list with counts Webex gives now (`?fresh=1`): for a capacity check right before assigning licenses. */
export const freshLicensesOptions = () =>
  queryOptions({
    ...licensesOptions(),
    queryFn: ({ signal }) => fetchApi<ListResponse<License> & { fetchedAt?: number }>("/api/licenses?fresh=1", { signal }),
    staleTime: 0,
  });
