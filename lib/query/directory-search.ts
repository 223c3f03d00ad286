import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { DirectorySearchResponse } from "@/lib/directory/search";
import { searchIntent } from "@/lib/people/people-view";
import type { PeoplePage } from "@/lib/people/person";
import { fetchApi, searchString } from "./fetch-api";

export type { DirectorySearchResponse };

/** Jump to person from the index. The key starts with "directory": a new sync generation refreshes it. */
export const directorySearchOptions = (q: string) =>
  queryOptions({
    queryKey: ["directory", "search", q] as const,
    queryFn: ({ signal }) => fetchApi<DirectorySearchResponse>(`/api/directory/search${searchString({ q })}`, { signal }),
    enabled: q.trim().length > 0,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });

/**
 * Before the org's first sync: Webex's own search, as the people grid asks it (a display-name prefix, or an exact
 * email address). Null when the text cannot be asked yet (half an email address).
 */
export function liveSearchOptions(q: string) {
  const intent = searchIntent(q);
  const params = intent.kind === "email" ? { email: intent.email, max: 10 } : intent.kind === "name" ? { displayName: intent.displayName, max: 10 } : null;
  return queryOptions({
    queryKey: ["people", "palette", params] as const,
    queryFn: ({ signal }) => fetchApi<PeoplePage>(`/api/people${searchString(params ?? {})}`, { signal }),
    enabled: params !== null,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
}
