import { queryOptions } from "@tanstack/react-query";
import type { DirectoryPeopleResponse } from "@/lib/directory/people-api";
import type { DirectoryQueryParams } from "@/lib/people/people-view";
import { fetchApi, searchString } from "./fetch-api";

export type { DirectoryPeopleResponse };

/**
 * The people grid's facets and index view (GET /api/directory/people). The key starts with "directory", so a new
 * generation of the index (useDirectoryStatus) refreshes it.
 */
export const directoryPeopleKeys = {
  all: ["directory", "people"] as const,
  query: (params: DirectoryQueryParams) => ["directory", "people", params] as const,
};

export function directoryPeopleOptions(params: DirectoryQueryParams) {
  return queryOptions({
    queryKey: directoryPeopleKeys.query(params),
    queryFn: ({ signal }) => fetchApi<DirectoryPeopleResponse>(`/api/directory/people${searchString(params)}`, { signal }),
    staleTime: 30_000,
  });
}
