import type { CapacityLevel, LicenseCapacity, SubscriptionTotals } from "./capacity";
import type { Forecast, HistoryPoint } from "./forecast";
import type { Holder } from "./holder";
import type { ReclaimCriteria, ReclaimRow } from "./reclaim";
import type { AuditOutcome } from "@/lib/people/audit-types";

// Response types of the licenses API, shared by the server function that builds them (lib/server/licenses/) and
// the browser code that reads them.

/** One tile of the overview: its data, or why it could not be loaded (the other tiles still show). */
export type Section<T> = { ok: true; data: T } | { ok: false; message: string };

/** GET /api/overview and the overview page (lib/server/licenses/overview.ts). */
export interface OverviewData {
  licenses: Section<{ counts: Record<"warning" | "critical" | "exhausted" | "overage", number>; attention: { id: string; name: string; level: CapacityLevel; utilisation: number | null }[]; total: number }>;
  reclaim: Section<null | { units: number; people: number; invitePending: number; scannedAt: number; inviteDays: number; inactiveDays: number }>;
  roles: Section<{ id: string; name: string; members: number }[]>;
  audit: Section<{ id: number; at: number; actor: string | null; action: string; target: string | null; outcome: AuditOutcome }[]>;
}

/** GET /api/licenses/capacity and the dashboard (capacityView). */
export interface CapacityResponse {
  licenses: LicenseCapacity[];
  subscriptions: SubscriptionTotals[];
  /** When Webex answered these figures (the catalogue is shared by the org's admins for a short time). */
  fetchedAt: number;
}

/** One stored snapshot of a license's counts. */
export interface HistoryRow extends HistoryPoint {
  users: number | null;
  workspaces: number | null;
}

/** GET /api/licenses/:id and the license page (licenseDetailView). */
export interface LicenseDetailResponse {
  license: LicenseCapacity;
  history: HistoryRow[];
  forecast: Forecast;
  fetchedAt: number;
  /** The periodic snapshot task's last round for the org when it was skipped (and why); null when it was not. */
  snapshotSkipped: { at: number; reason: string } | null;
}

/** GET /api/licenses/:id/holders. */
export interface HoldersResponse {
  license: LicenseCapacity;
  holders: Holder[];
  /** "assigned-to": GET /licenses/{id}?includeAssignedTo=user; "org-scan": every person's `licenses` (fallback). */
  source: "assigned-to" | "org-scan";
  webexCalls: number;
}

export type ScanStatus = "running" | "succeeded" | "failed";

export interface ScanProgress {
  scanned: number;
  pages: number;
  /** The previous scan's head count, as the progress bar's 100 % (null on the first scan). */
  expected: number | null;
  candidates: number;
}

/** One organization scan of the reclaim page (a row of the jobs table, without its result). */
export interface ScanJob {
  id: string;
  status: ScanStatus;
  createdBy: string | null;
  createdAt: number;
  finishedAt: number | null;
  progress: ScanProgress | null;
  error: string | null;
}

/** GET /api/reclaim/scan (scanStatus): what the progress bar polls. */
export interface ScanStatusResponse {
  running: ScanJob | null;
  lastFinished: ScanJob | null;
}

/** POST /api/reclaim/scan. */
export interface StartScanResponse {
  job: ScanJob;
  started: boolean;
}

/** GET /api/reclaim and the reclaim page (reclaimView). */
export interface ReclaimViewResponse extends ScanStatusResponse {
  scan: null | {
    jobId: string;
    finishedAt: number;
    peopleScanned: number;
    licensedPeople: number;
    invitePending: number;
    webexCalls: number;
    durationMs: number;
  };
  criteria: ReclaimCriteria;
  /** People matching the criteria and the reason/license filters, by name; at most `limit` of them. */
  rows: ReclaimRow[];
  /** How many match the criteria and filters (rows may be fewer). */
  matching: number;
  /** How many match the criteria alone (what `units` counts). */
  people: number;
  limit: number;
  /** licenseId → units reclaiming every row would free. */
  units: Record<string, number>;
}

export interface RoleMember {
  id: string;
  displayName: string;
  email: string;
  status: string | null;
  loginEnabled: boolean | null;
}

/** One admin role and its members (GET /api/roles/members, the roles page). */
export interface RoleWithMembers {
  id: string;
  name: string;
  members: RoleMember[];
}
