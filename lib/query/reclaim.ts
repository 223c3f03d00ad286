import { queryOptions } from "@tanstack/react-query";
import type { ReclaimCriteria, ReclaimRow } from "@/lib/licenses/reclaim";
import type { ReclaimBody } from "@/lib/licenses/reclaim-schemas";
import { ApiRequestError, fetchApi, searchString, type ApiErrorBody } from "./fetch-api";
import { retryDelay, shouldRetry } from "./retry";

export interface ScanJob {
  id: string;
  status: "running" | "succeeded" | "failed";
  createdBy: string | null;
  createdAt: number;
  finishedAt: number | null;
  progress: { scanned: number; pages: number; expected: number | null; candidates: number } | null;
  error: string | null;
}

export interface ScanStatusResponse {
  running: ScanJob | null;
  lastFinished: ScanJob | null;
}

export interface ReclaimViewResponse extends ScanStatusResponse {
  scan: null | { jobId: string; finishedAt: number; peopleScanned: number; licensedPeople: number; invitePending: number; webexCalls: number; durationMs: number };
  criteria: ReclaimCriteria;
  rows: ReclaimRow[];
  matching: number;
  people: number;
  limit: number;
  units: Record<string, number>;
}

export interface ReclaimQuery extends ReclaimCriteria {
  reason?: string;
  licenseId?: string;
}

export interface ReclaimPersonResult {
  personId: string;
  displayName: string | null;
  email: string | null;
  outcome: "removed" | "skipped" | "failed";
  removed: string[];
  notHeld: string[];
  message: string | null;
  trackingId: string | null;
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

async function postJson<T>(path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: "POST",
      headers: { Accept: "application/json", ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    throw new ApiRequestError({ status: 0, message: "Could not reach Roster. Check your network connection and try again." });
  }
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = (json as ApiErrorBody | null)?.error;
    throw new ApiRequestError(err && typeof err.message === "string" ? { ...err, status: err.status || res.status } : { status: res.status, message: `Roster answered ${res.status}` });
  }
  return json as T;
}

export const startScan = () => postJson<{ job: ScanJob; started: boolean }>("/api/reclaim/scan");

export const reclaimBatch = (items: ReclaimBody["items"]) => postJson<{ results: ReclaimPersonResult[] }>("/api/reclaim", { items });
