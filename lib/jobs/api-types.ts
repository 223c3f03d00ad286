import type { LicenseNeed, RowOutcome } from "@/lib/import/plan";
import type { FieldChange } from "@/lib/people/diff-person";
import type { ItemState, JobKind, JobStatus } from "./kinds";
import type { ItemCounts } from "./progress";

// One type per API response, shared by the server function that builds it and the browser query that reads it.

export interface JobView {
  id: string;
  kind: JobKind;
  label: string;
  status: JobStatus;
  /** Why the job is paused or failed, or a note on how it ended. */
  message: string | null;
  createdBy: { id: string; email: string; name: string | null };
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
  counts: ItemCounts;
  /** Items skipped when the job was previewed (already had it, not eligible…): not part of the rate. */
  skippedAtStart: number;
  webexCalls: number;
  params: { licenseId?: string; roleId?: string };
  /** Queued behind this running job of the same org. */
  waitingFor: { id: string; label: string } | null;
  /** Resend invitations: what Webex's own job reported for the whole org. */
  webexJob: { sent: number; skipped: number; failed: number; total: number } | null;
}

export interface JobItemView {
  seq: number;
  personId: string | null;
  email: string | null;
  displayName: string | null;
  state: ItemState;
  attempts: number;
  /** Before → after as previewed (draft) or as Webex stored it (done). */
  changes: FieldChange[];
  message: string | null;
  status: number | null;
  trackingId: string | null;
  /** CSV import: the row in the file and what its preview decided. */
  row: number | null;
  outcome: RowOutcome | null;
}

export interface JobItemsPage {
  items: JobItemView[];
  /** Pass as `after` for the next page; null at the end. */
  next: number | null;
}

/** A license pool against what a license-add job needs. */
export interface PoolCheck {
  licenseId: string;
  name: string;
  needed: number;
  remaining: number;
  /** How many of the job's people fit (= needed when the pool is big enough). */
  fits: number;
}

export interface JobPreview {
  job: JobView;
  /** People the job would change. */
  willChange: number;
  /** Why the others are skipped, most common first. */
  skipped: { reason: string; count: number }[];
  pool: PoolCheck | null;
  /** Resend invitations: Webex resends to every invite-pending person of the org, not just the selection. */
  orgWideInvitePending: number | null;
  /** Notes the admin must read before running (e.g. the org-wide scope of resending invitations). */
  notes: string[];
  /** A target on Roster's index (issue 15): how many people matched, and the index's time (ms); null otherwise. */
  fromIndex?: { count: number; asOf: number } | null;
}

/** POST /api/import/preview: the plan of a CSV file, as a draft import job. */
export interface ImportPreview {
  job: JobView;
  fileName: string;
  rows: number;
  counts: Record<RowOutcome, number>;
  licenses: LicenseNeed[];
  /** Columns the file has that an import cannot change (Control Hub's read-only ones). */
  ignoredColumns: string[];
  /** Webex calls the plan took (one walk of the org, plus licenses, roles and locations). */
  webexCalls: number;
  /** Whether the walk carried Calling data (the file sets a Location or Extension). */
  callingData: boolean;
}

export interface JobsList {
  items: JobView[];
}
