import "server-only";
import { logError } from "@/lib/server/log";
import type { CapacityResponse, LicenseDetailResponse, ReclaimViewResponse, ScanStatusResponse } from "@/lib/licenses/api-types";
import { byUtilisation, toCapacity, totalsBySubscription } from "@/lib/licenses/capacity";
import { DAY_MS, forecastRunOut } from "@/lib/licenses/forecast";
import { applyCriteria, unitsByLicense, type ReclaimCriteria, type ReclaimRow } from "@/lib/licenses/reclaim";
import { getDb, type Db } from "@/lib/server/db";
import { referenceLicenses, type Reader, type ReadOptions } from "@/lib/server/reference";
import type { WebexClient } from "@/lib/server/webex/client";
import { isWebexError } from "@/lib/server/webex/errors";
import { lastFinishedScan, latestScanResult, runningScan } from "./reclaim-scan";
import { snapshotTaskState } from "./snapshot-task";
import { licenseHistory, recordSnapshots } from "./snapshots";

// What the license pages and their /api routes return (types: lib/licenses/api-types.ts). Pages call these
// directly (never our own /api).

/** Snapshots are a side effect of viewing: a failure to store one must never break the page. */
async function snapshotQuietly(orgId: string, licenses: Parameters<typeof recordSnapshots>[2]): Promise<void> {
  try {
    await recordSnapshots(await getDb(), orgId, licenses);
  } catch (err) {
    logError("license snapshot failed", { orgId }, err);
  }
}

/** From the org's shared license catalogue (decision 012; fetching it stores the hourly snapshot). */
export async function capacityView(webex: WebexClient, reader: Reader, opts?: ReadOptions): Promise<CapacityResponse> {
  const { items, fetchedAt } = await referenceLicenses(reader, webex, opts);
  const licenses = items.map(toCapacity).sort(byUtilisation);
  return { licenses, subscriptions: totalsBySubscription(licenses), fetchedAt };
}

export const HISTORY_DAYS = 90;

/**
 * One license: its counts from the org's shared catalogue (decision 012) — asked of Webex only when the catalogue
 * does not list it (a license bought a moment ago, or none: then null) — its stored history and the forecast.
 */
export async function licenseDetailView(webex: WebexClient, reader: Reader, licenseId: string): Promise<LicenseDetailResponse | null> {
  const catalogue = await referenceLicenses(reader, webex);
  let license = catalogue.items.find((l) => l.id === licenseId);
  let fetchedAt = catalogue.fetchedAt;
  if (!license) {
    try {
      license = (await webex.getLicense(licenseId)).license;
    } catch (err) {
      if (isWebexError(err) && (err.status === 404 || err.status === 400)) return null;
      throw err;
    }
    fetchedAt = Date.now();
    await snapshotQuietly(webex.orgId, [license]);
  }
  const now = Date.now();
  const db = await getDb();
  const [history, task] = await Promise.all([licenseHistory(db, webex.orgId, licenseId, now - HISTORY_DAYS * DAY_MS), snapshotTaskState(db, webex.orgId)]);
  const snapshotSkipped =
    task?.lastSkipAt != null && task.lastSkipReason && (task.lastOkAt ?? 0) < task.lastSkipAt ? { at: task.lastSkipAt, reason: task.lastSkipReason } : null;
  return { license: toCapacity(license), history, forecast: forecastRunOut(history, now), fetchedAt, snapshotSkipped };
}

/** Rows per answer: a large org can have tens of thousands of candidates; the page narrows with filters. */
export const RECLAIM_ROW_LIMIT = 1000;

export interface ReclaimFilters {
  reason?: ReclaimRow["reasons"][number];
  licenseId?: string;
}

export async function reclaimView(db: Db, orgId: string, criteria: ReclaimCriteria, filters: ReclaimFilters = {}, now = Date.now(), limit = RECLAIM_ROW_LIMIT): Promise<ReclaimViewResponse> {
  const [running, lastFinished, latest] = await Promise.all([runningScan(db, orgId), lastFinishedScan(db, orgId), latestScanResult(db, orgId)]);
  const all = latest ? applyCriteria(latest.result.candidates, criteria, now) : [];
  const filtered = all.filter((r) => (!filters.reason || r.reasons.includes(filters.reason)) && (!filters.licenseId || r.licenses.includes(filters.licenseId)));
  filtered.sort((a, b) => a.displayName.localeCompare(b.displayName) || a.email.localeCompare(b.email));
  const { candidates: _c, ...stats } = latest?.result ?? { candidates: [] };
  void _c;
  return {
    running,
    lastFinished,
    scan: latest ? { jobId: latest.job.id, finishedAt: latest.job.finishedAt ?? latest.job.createdAt, ...(stats as Omit<NonNullable<ReclaimViewResponse["scan"]>, "jobId" | "finishedAt">) } : null,
    criteria,
    rows: filtered.slice(0, limit),
    matching: filtered.length,
    people: all.length,
    limit,
    units: Object.fromEntries(unitsByLicense(all)),
  };
}

/** Scan status only (cheap: what the progress bar polls). */
export async function scanStatus(db: Db, orgId: string): Promise<ScanStatusResponse> {
  const [running, lastFinished] = await Promise.all([runningScan(db, orgId), lastFinishedScan(db, orgId)]);
  return { running, lastFinished };
}
