import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import type { DirectoryStatus, StartSyncResponse } from "@/lib/directory/api-types";
import { fetchApi, sendApi } from "./fetch-api";

export type { DirectoryStatus };

/**
 * Every query computed from the directory index starts with "directory": when a sync commits a new generation,
 * invalidating `directoryKeys.all` refreshes them all (facets, usage by team, the change feed, the palette).
 */
export const directoryKeys = {
  all: ["directory"] as const,
  status: ["directory", "status"] as const,
};

/** Polled every 2 s while a sync runs, every minute otherwise (the "as of" text and a scheduled sync). */
export const directoryStatusOptions = () =>
  queryOptions({
    queryKey: directoryKeys.status,
    queryFn: ({ signal }) => fetchApi<DirectoryStatus>("/api/directory/sync", { signal }),
    refetchInterval: (q) => (q.state.data?.running ? 2000 : 60_000),
  });

/**
 * The index's status; when its generation moves (a sync finished, here or on schedule), every other directory
 * query reloads.
 */
export function useDirectoryStatus() {
  const qc = useQueryClient();
  const status = useQuery(directoryStatusOptions());
  const generation = status.data?.generation;
  const seen = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (generation === undefined) return;
    if (seen.current !== undefined && seen.current !== generation) {
      void qc.invalidateQueries({ queryKey: directoryKeys.all, predicate: (q) => q.queryKey[1] !== "status" });
    }
    seen.current = generation;
  }, [generation, qc]);
  return status;
}

/** "Sync now": the status shows the run at once, then polls. */
export function useStartSync() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => sendApi<StartSyncResponse>("POST", "/api/directory/sync"),
    onSuccess: ({ run }) => {
      qc.setQueryData<DirectoryStatus>(directoryKeys.status, (old) => (old ? { ...old, running: run } : old));
      void qc.invalidateQueries({ queryKey: directoryKeys.status });
    },
  });
}
