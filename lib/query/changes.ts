import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { ChangesPage, RevertResponse } from "@/lib/directory/changes";
import { activityKeys } from "./activity";
import { directoryKeys } from "./directory";
import { ApiRequestError, fetchApi, searchString, sendApi } from "./fetch-api";
import { licensesKeys } from "./licenses";
import { peopleKeys } from "./people";
import { personKeys } from "./person";

export interface ChangesParams {
  kind?: string;
  field?: string;
  q?: string;
  person?: string;
  from?: string;
  to?: string;
  tz?: string;
  cursor?: string;
  limit?: number;
}

/** Under "directory": a new sync generation refreshes the feed (lib/query/directory.ts). */
export const changesKeys = {
  all: [...directoryKeys.all, "changes"] as const,
  list: (params: ChangesParams) => [...changesKeys.all, params] as const,
};

export const changesOptions = (params: ChangesParams) =>
  queryOptions({
    queryKey: changesKeys.list(params),
    queryFn: ({ signal }) => fetchApi<ChangesPage>(`/api/changes${searchString(params)}`, { signal }),
    staleTime: 10_000,
  });

export const changesExportUrl = (params: ChangesParams) => {
  const filters: ChangesParams = { ...params };
  delete filters.cursor;
  delete filters.limit;
  return `/api/changes/export${searchString(filters)}`;
};

/** The message an Undo's failure shows: a 409 says the field moved on in Webex. */
export function undoErrorMessage(err: unknown): string {
  if (err instanceof ApiRequestError && err.status === 409) {
    return /already undone/i.test(err.message) ? err.message : "Not undone: this field was changed again in Webex since; reload to see the current value.";
  }
  if (err instanceof ApiRequestError && err.status === 403) return "Not undone: your admin role may not change people.";
  return err instanceof Error ? err.message : "Not undone: Roster could not reach the server.";
}

function afterUndo(qc: ReturnType<typeof useQueryClient>, personId: string | null) {
  void qc.invalidateQueries({ queryKey: changesKeys.all });
  void qc.invalidateQueries({ queryKey: activityKeys.all });
  void qc.invalidateQueries({ queryKey: peopleKeys.all });
  void qc.invalidateQueries({ queryKey: licensesKeys.all });
  if (personId) void qc.invalidateQueries({ queryKey: personKeys.detail(personId) });
}

/** Undo of a feed row (POST /api/changes/{id}/revert). */
export function useRevertChange() {
  const qc = useQueryClient();
  return useMutation<RevertResponse, Error, { id: string; personId: string }>({
    mutationFn: ({ id }) => sendApi<RevertResponse>("POST", `/api/changes/${encodeURIComponent(id)}/revert`),
    onSuccess: (_r, { personId }) => afterUndo(qc, personId),
    onError: (_e, { personId }) => afterUndo(qc, personId),
  });
}

/** Undo of one of Roster's own changes (POST /api/activity/{id}/revert). */
export function useRevertAudit() {
  const qc = useQueryClient();
  return useMutation<unknown, Error, { id: string; personId: string }>({
    mutationFn: ({ id }) => sendApi("POST", `/api/activity/${encodeURIComponent(id)}/revert`),
    onSuccess: (_r, { personId }) => afterUndo(qc, personId),
    onError: (_e, { personId }) => afterUndo(qc, personId),
  });
}
