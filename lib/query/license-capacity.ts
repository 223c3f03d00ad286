import { queryOptions } from "@tanstack/react-query";
import type { CapacityResponse, HistoryRow, HoldersResponse } from "@/lib/licenses/api-types";
import type { Holder } from "@/lib/licenses/holder";
import { fetchApi } from "./fetch-api";

export type { CapacityResponse, Holder, HistoryRow, HoldersResponse };

export const licenseKeys = {
  capacity: ["licenses", "capacity"] as const,
  holders: (id: string) => ["licenses", "holders", id] as const,
};

export const capacityOptions = () =>
  queryOptions({
    queryKey: licenseKeys.capacity,
    queryFn: ({ signal }) => fetchApi<CapacityResponse>("/api/licenses/capacity", { signal }),
    staleTime: 60_000,
  });

/**
 * The same query asking the server to go to Webex now (`?fresh=1`) instead of the org's shared catalogue (which
 * is up to ROSTER_REFERENCE_TTL_SECONDS old): the dashboard's Refresh, via queryClient.fetchQuery.
 */
export const freshCapacityOptions = () =>
  queryOptions({
    ...capacityOptions(),
    queryFn: ({ signal }) => fetchApi<CapacityResponse>("/api/licenses/capacity?fresh=1", { signal }),
    staleTime: 0,
  });

export const licenseHoldersOptions = (id: string) =>
  queryOptions({
    queryKey: licenseKeys.holders(id),
    queryFn: ({ signal }) => fetchApi<HoldersResponse>(`/api/licenses/${encodeURIComponent(id)}/holders`, { signal }),
    staleTime: 60_000,
  });
