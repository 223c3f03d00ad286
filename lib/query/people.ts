import { queryOptions } from "@tanstack/react-query";
import type { PeoplePage } from "@/lib/people/person";
import type { PeopleQueryParams } from "@/lib/people/people-view";
import { fetchApi, searchString } from "./fetch-api";

export const peopleKeys = {
  all: ["people"] as const,
  lists: () => [...peopleKeys.all, "list"] as const,
  list: (params: PeopleQueryParams) => [...peopleKeys.lists(), params] as const,
};

/** One page of GET /api/people. The server prefetch uses the same key (lib/server/people/prefetch-people.ts). */
export function peopleListOptions(params: PeopleQueryParams) {
  return queryOptions({
    queryKey: peopleKeys.list(params),
    queryFn: ({ signal }) => fetchApi<PeoplePage>(`/api/people${searchString(params)}`, { signal }),
    staleTime: 60_000,
  });
}
