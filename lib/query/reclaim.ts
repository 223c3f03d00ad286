import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import type { ReclaimViewResponse, ScanStatusResponse, StartScanResponse, ScanJob } from "@/lib/licenses/api-types";
import type { ReclaimCriteria } from "@/lib/licenses/reclaim";
import type { JobView } from "@/lib/jobs/api-types";
import type { ReclaimJobBody } from "@/lib/jobs/schemas";
import { downloadBlob, suggestedName } from "@/lib/download";
import { fetchApi, getForFile, searchString, sendApi } from "./fetch-api";
import { jobKeys } from "./jobs";
import { licensesKeys } from "./licenses";

export type { ReclaimViewResponse, ScanJob, ScanStatusResponse };

export interface ReclaimQuery extends ReclaimCriteria {
  reason?: string;
  licenseId?: string;
}

export const reclaimKeys = {
  all: ["reclaim"] as const,
  view: (q: ReclaimQuery) => ["reclaim", "view", q.inviteDays, q.inactiveDays, q.reason ?? "", q.licenseId ?? ""] as const,
  scan: ["reclaim", "scan"] as const,
};

export const reclaimViewOptions = (q: ReclaimQuery) =>
  queryOptions({
    queryKey: reclaimKeys.view(q),
    queryFn: ({ signal }) => fetchApi<ReclaimViewResponse>(`/api/reclaim${searchString(q)}`, { signal }),
    staleTime: 30_000,
  });

/** Polled once a second while a scan runs. */
export const scanStatusOptions = () =>
  queryOptions({
    queryKey: reclaimKeys.scan,
    queryFn: ({ signal }) => fetchApi<ScanStatusResponse>("/api/reclaim/scan", { signal }),
    refetchInterval: (q) => (q.state.data?.running ? 1000 : false),
  });

export const startScan = () => sendApi<StartScanResponse>("POST", "/api/reclaim/scan");

/** Starts a scan; the status shows it running at once (a small org's scan may finish before the next poll), then polls. */
export function useStartScan() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: startScan,
    onSuccess: ({ job }) => {
      qc.setQueryData<ScanStatusResponse>(reclaimKeys.scan, (old) => ({ lastFinished: null, ...old, running: job }));
      void qc.invalidateQueries({ queryKey: reclaimKeys.scan });
    },
  });
}

/**
 * The scan's status, polled while one runs (`initial`: what the page arrived with). When a scan finishes, the
 * candidates reload and `onFinished` hears how it ended. A scan is over when the running one is gone, or when a
 * scan we have not seen finished: a small org's scan can end before its "running" state is ever rendered (the
 * start's answer and the next poll arrive in one batch), and its result must load all the same.
 */
export function useScanCompletion(initial: ScanStatusResponse, onFinished: (status: ScanJob["status"] | undefined) => void) {
  const qc = useQueryClient();
  const scan = useQuery({ ...scanStatusOptions(), initialData: { running: initial.running, lastFinished: initial.lastFinished } });
  const running = Boolean(scan.data?.running);
  const lastStatus = scan.data?.lastFinished?.status;
  const lastFinishedId = scan.data?.lastFinished?.id ?? null;
  const wasRunning = useRef(Boolean(initial.running));
  const seenFinished = useRef(lastFinishedId);
  const notify = useRef(onFinished);
  useEffect(() => {
    notify.current = onFinished;
  });
  useEffect(() => {
    const newlyFinished = lastFinishedId !== null && lastFinishedId !== seenFinished.current;
    seenFinished.current = lastFinishedId;
    if (!running && (wasRunning.current || newlyFinished)) {
      void qc.invalidateQueries({ queryKey: reclaimKeys.all });
      notify.current(lastStatus);
    }
    wasRunning.current = running;
  }, [running, lastStatus, lastFinishedId, qc]);
  return scan;
}

/** Starts the reclaim as a job on the server: it goes on when the page is closed. */
export const startReclaim = (items: ReclaimJobBody["items"]) => sendApi<{ job: JobView }>("POST", "/api/reclaim", { items });

/** Starts a reclaim job; its page and the jobs list know it at once. */
export function useStartReclaim() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: startReclaim,
    onSuccess: ({ job }) => {
      qc.setQueryData(jobKeys.detail(job.id), job);
      void qc.invalidateQueries({ queryKey: jobKeys.all });
    },
  });
}

/** After a reclaim: the candidates and the licenses' capacity are out of date. */
export function useReclaimDone() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: reclaimKeys.all });
    void qc.invalidateQueries({ queryKey: licensesKeys.all });
  };
}

/** The candidates under these criteria and filters as CSV (every one, with the criteria and the scan's time). */
export async function downloadReclaimCsv(q: ReclaimQuery): Promise<{ people: number }> {
  const res = await getForFile(`/api/reclaim/export${searchString(q)}`);
  downloadBlob(suggestedName(res, "reclaim-candidates.csv"), await res.blob());
  return { people: Number(res.headers.get("x-roster-people") ?? 0) };
}
