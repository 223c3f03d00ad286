import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect } from "react";
import type { RowOutcome } from "@/lib/import/plan";
import type { ImportPreview, JobItemsPage, JobPreview, JobsList, JobView } from "@/lib/jobs/api-types";
import { ACTIVE_STATUSES, type ItemState } from "@/lib/jobs/kinds";
import type { JobCommand, PreviewBody, StartBody } from "@/lib/jobs/schemas";
import { fetchApi, searchString, sendApi, sendFile } from "./fetch-api";

export const jobKeys = {
  all: ["jobs"] as const,
  list: (active: boolean) => ["jobs", "list", active] as const,
  detail: (id: string) => ["jobs", "detail", id] as const,
  items: (id: string, state: ItemState | "all", outcome?: RowOutcome) => ["jobs", "items", id, state, outcome ?? "any"] as const,
};

const isActive = (j: JobView | undefined) => Boolean(j && ACTIVE_STATUSES.includes(j.status));

/** The org's jobs; polled while any is active (every 2 s) and now and then otherwise (a colleague may start one). */
export const jobsListOptions = (active = false) =>
  queryOptions({
    queryKey: jobKeys.list(active),
    queryFn: ({ signal }) => fetchApi<JobsList>(`/api/jobs${searchString({ active: active ? "1" : undefined })}`, { signal }),
    refetchInterval: (q) => (q.state.data?.items.some(isActive) ? 2_000 : 15_000),
  });

/** One job, polled every second while it is queued, running or paused. */
export const jobOptions = (id: string) =>
  queryOptions({
    queryKey: jobKeys.detail(id),
    queryFn: ({ signal }) => fetchApi<JobView>(`/api/jobs/${encodeURIComponent(id)}`, { signal }),
    refetchInterval: (q) => (isActive(q.state.data) ? 1_000 : false),
  });

export const jobItemsOptions = (id: string, state: ItemState | "all", opts: { outcome?: RowOutcome; limit?: number } = {}) =>
  infiniteQueryOptions({
    queryKey: jobKeys.items(id, state, opts.outcome),
    queryFn: ({ signal, pageParam }) =>
      fetchApi<JobItemsPage>(
        `/api/jobs/${encodeURIComponent(id)}/items${searchString({ state, outcome: opts.outcome, after: pageParam ?? undefined, limit: opts.limit ?? 100 })}`,
        { signal },
      ),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.next,
  });

export const previewJob = (body: PreviewBody) => sendApi<JobPreview>("POST", "/api/jobs/preview", body);

/** The plan of a CSV file, as a draft import job (the file is sent as it is on disk). */
export const previewImport = (file: File) => sendFile<ImportPreview>(`/api/import/preview${searchString({ name: file.name })}`, file);

export const jobCommand = (id: string, command: JobCommand, body?: StartBody) =>
  sendApi<JobView>("POST", `/api/jobs/${encodeURIComponent(id)}/${command}`, body);

/** start / pause / resume / cancel / retry, keeping every cached view of the job in step. */
export function useJobCommand(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ command, body }: { command: JobCommand; body?: StartBody }) => jobCommand(id, command, body),
    onSuccess: (job) => {
      qc.setQueryData(jobKeys.detail(id), job);
      void qc.invalidateQueries({ queryKey: jobKeys.all });
    },
  });
}

export const jobResultsUrl = (id: string) => `/api/jobs/${encodeURIComponent(id)}/results`;

/**
 * Starts a previewed (draft) job; the jobs list and the navigation's running count reload. The caller shows a 401
 * itself (its dialog keeps the preview), so it does not leave for sign-in.
 */
export function useStartJobMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body?: StartBody }) => jobCommand(id, "start", body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: jobKeys.all }),
    meta: { handlesSessionEnd: true },
  });
}

/** While a job runs, the list of its people follows its counts: reloaded whenever they move. */
export function useJobItemsFollowProgress(job: JobView, state: ItemState | "all") {
  const qc = useQueryClient();
  const progressKey = `${job.status}:${job.counts.done}:${job.counts.failed}:${job.counts.skipped}`;
  useEffect(() => {
    void qc.invalidateQueries({ queryKey: jobItemsOptions(job.id, state).queryKey });
  }, [progressKey, qc, job.id, state]);
}

/** Reads a job that has left the running list, keeping every cached view of it in step; resolves to the job. */
export function useReadEndedJob(): (id: string) => Promise<JobView> {
  const qc = useQueryClient();
  return useCallback(
    async (id: string) => {
      const job = await fetchApi<JobView>(`/api/jobs/${encodeURIComponent(id)}`);
      qc.setQueryData(jobKeys.detail(id), job);
      void qc.invalidateQueries({ queryKey: jobKeys.all });
      return job;
    },
    [qc],
  );
}
