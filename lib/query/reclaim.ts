import { queryOptions } from "@tanstack/react-query";
import type { ReclaimViewResponse, ScanStatusResponse, StartScanResponse, ScanJob } from "@/lib/licenses/api-types";
import type { ReclaimCriteria } from "@/lib/licenses/reclaim";
import type { JobView } from "@/lib/jobs/api-types";
import type { ReclaimJobBody } from "@/lib/jobs/schemas";
import { downloadBlob, suggestedName } from "@/lib/download";
import { fetchApi, getForFile, searchString, sendApi } from "./fetch-api";
import { retryDelay, shouldRetry } from "./retry";

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
    retry: shouldRetry,
    retryDelay,
  });

/** Polled once a second while a scan runs. */
export const scanStatusOptions = () =>
  queryOptions({
    queryKey: reclaimKeys.scan,
    queryFn: ({ signal }) => fetchApi<ScanStatusResponse>("/api/reclaim/scan", { signal }),
    refetchInterval: (q) => (q.state.data?.running ? 1000 : false),
    retry: shouldRetry,
    retryDelay,
  });

export const startScan = () => sendApi<StartScanResponse>("POST", "/api/reclaim/scan");

/** Starts the reclaim as a job on the server: it goes on when the page is closed. */
export const startReclaim = (items: ReclaimJobBody["items"]) => sendApi<{ job: JobView }>("POST", "/api/reclaim", { items });

/** The candidates under these criteria and filters as CSV (every one, with the criteria and the scan's time). */
export async function downloadReclaimCsv(q: ReclaimQuery): Promise<{ people: number }> {
  const res = await getForFile(`/api/reclaim/export${searchString(q)}`);
  downloadBlob(suggestedName(res, "reclaim-candidates.csv"), await res.blob());
  return { people: Number(res.headers.get("x-roster-people") ?? 0) };
}
