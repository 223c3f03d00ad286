import { queryOptions } from "@tanstack/react-query";
import type { ListResponse, Location } from "@/lib/people/person";
import { fetchApi } from "./fetch-api";

export const locationsKeys = { all: ["locations"] as const };

/** GET /api/locations: a small list that rarely changes, used to turn IDs into names. */
export const locationsOptions = () =>
  queryOptions({
    queryKey: locationsKeys.all,
    queryFn: ({ signal }) => fetchApi<ListResponse<Location>>("/api/locations", { signal }),
    staleTime: 5 * 60_000,
  });
