import { queryOptions } from "@tanstack/react-query";
import type { ListResponse, License } from "@/lib/people/person";
import { fetchApi } from "./fetch-api";
import { retryDelay, shouldRetry } from "./retry";

export const licensesKeys = { all: ["licenses"] as const };

/** GET /api/licenses: a small list that rarely changes, used to turn IDs into names. */
export const licensesOptions = () =>
  queryOptions({
    queryKey: licensesKeys.all,
    queryFn: ({ signal }) => fetchApi<ListResponse<License>>("/api/licenses", { signal }),
    staleTime: 5 * 60_000,
    retry: shouldRetry,
    retryDelay,
  });
