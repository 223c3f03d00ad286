import { queryOptions } from "@tanstack/react-query";
import type { ActivityPage } from "@/lib/people/api-types";
import { fetchApi, searchString } from "./fetch-api";

export interface ActivityParams {
  actor?: string;
  target?: string;
  targetId?: string;
  action?: string;
  /** "roster" or "webex" (changes made outside Roster); absent = both. */
  source?: string;
  /** Days (YYYY-MM-DD) in `tz`, the viewer's time zone ("to" includes its whole day). */
  from?: string;
  to?: string;
  tz?: string;
  cursor?: string;
  limit?: number;
}

export type { ActivityPage };

export const activityKeys = {
  all: ["activity"] as const,
  list: (params: ActivityParams) => [...activityKeys.all, params] as const,
};

export const activityOptions = (params: ActivityParams) =>
  queryOptions({
    queryKey: activityKeys.list(params),
    queryFn: ({ signal }) => fetchApi<ActivityPage>(`/api/activity${searchString(params)}`, { signal }),
    staleTime: 10_000,
  });

export const activityExportUrl = (params: ActivityParams) => {
  const filters: ActivityParams = { ...params };
  delete filters.cursor;
  delete filters.limit;
  return `/api/activity/export${searchString(filters)}`;
};
