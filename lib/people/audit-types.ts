import { z } from "zod";
import { isTimeZone } from "@/lib/format";
import { safeString } from "@/lib/safe-string";
import type { FieldChange } from "./diff-person";

// The audit trail's shapes and query, shared by /api/activity, the activity page and the person page.

export const AUDIT_ACTIONS = [
  "person.create",
  "person.update",
  "person.licenses",
  "person.deactivate",
  "person.reactivate",
  "person.delete",
  "person.invite",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  "person.create": "Created person",
  "person.update": "Edited person",
  "person.licenses": "Changed licenses",
  "person.deactivate": "Deactivated person",
  "person.reactivate": "Reactivated person",
  "person.delete": "Deleted person",
  "person.invite": "Resent invitation",
};

export type AuditOutcome = "ok" | "error" | "pending" | "unknown";

/** A change still pending after this long will not be completed: its outcome is unknown. */
export const PENDING_UNKNOWN_AFTER_MS = 15 * 60_000;

export const AUDIT_OUTCOME_LABELS: Record<AuditOutcome, string> = {
  ok: "ok",
  error: "error",
  pending: "in progress",
  unknown: "outcome unknown",
};

/** The outcome shown for a stored row (`outcome` column, time it was written). */
export function auditOutcome(stored: string, atMs: number, nowMs: number): AuditOutcome {
  if (stored === "error") return "error";
  if (stored === "pending") return nowMs - atMs > PENDING_UNKNOWN_AFTER_MS ? "unknown" : "pending";
  return "ok";
}

/** Where a row comes from: Roster's own audit trail, or Webex's admin audit log (a change made outside Roster). */
export type AuditSource = "roster" | "webex";
export const AUDIT_SOURCES = ["roster", "webex"] as const;

/** What the admin is told about Webex's admin audit log beside the rows (decision 016). */
export type WebexAuditStatus =
  /** Read; `readAt`: every event before this time has been read (null: not read yet). */
  | { state: "ok"; readAt: string | null }
  /** The last read failed (not a refusal): what was read before is shown. */
  | { state: "stale"; readAt: string | null; message: string }
  /** Webex would not show this admin its audit log (role or scope), or refused it (403): no Webex rows. */
  | { state: "unavailable"; message: string }
  /** The server does not read Webex's audit log (ROSTER_WEBEX_AUDIT_TTL_SECONDS=0). */
  | { state: "off"; message: string };

export interface AuditEvent {
  id: string;
  source: AuditSource;
  at: string;
  actorId: string | null;
  actorEmail: string | null;
  action: AuditAction;
  targetId: string | null;
  targetEmail: string | null;
  changes: FieldChange[];
  unappliedLicenses: string[];
  note: string | null;
  /**
   * `pending`: Roster wrote its intent before the Webex call and is waiting for the answer; `unknown`: still pending
   * after PENDING_UNKNOWN_AFTER_MS, so the process that made the call most likely died before it could record the
   * outcome — Webex may or may not have carried it out (check the person).
   */
  outcome: AuditOutcome;
  status: number | null;
  message: string | null;
  trackingId: string | null;
  /** The bulk job that made the change, if any. */
  jobId: string | null;
  /** Webex rows: the names Webex gives (Roster rows resolve names from IDs at display time). */
  actorName: string | null;
  targetName: string | null;
  /** Webex rows: Webex's own description of the change ("Hal Helpdesk modified title of user …"). */
  summary: string | null;
  /** An Undo's row: the change it reverted (a feed row of /changes, or one of Roster's rows). */
  reverts?: { kind: "feed" | "roster"; id: string } | null;
}

/** The range of dates the activity filters take: the audit trail starts well after 2000. */
export const AUDIT_FIRST_DAY = "2000-01-01";
export const AUDIT_LAST_DAY = "2100-12-31";
const day = z.iso
  .date("Use a date like 2026-01-31")
  .refine((d) => d >= AUDIT_FIRST_DAY && d <= AUDIT_LAST_DAY, `Use a date from ${AUDIT_FIRST_DAY} to ${AUDIT_LAST_DAY}`);

export const auditQuerySchema = z
  .strictObject({
    actor: safeString().trim().min(1).max(320, "At most 320 characters").optional(),
    target: safeString().trim().min(1).max(320, "At most 320 characters").optional(),
    targetId: safeString().min(1).max(512).optional(),
    action: z.enum(AUDIT_ACTIONS, "Unknown action").optional(),
    source: z.enum(AUDIT_SOURCES, "Unknown source").optional(),
    from: day.optional(),
    to: day.optional(),
    /** The IANA time zone `from` and `to` are days of (the viewer's); UTC when absent. */
    tz: z.string().max(64).refine(isTimeZone, "Unknown time zone").optional(),
    /** `<microseconds>-<r|w><row key>` of the last row of the previous page (rows are ordered by time, then source). */
    cursor: z.string().regex(/^\d{1,18}-[rw]\d{1,18}$/, "Invalid cursor").optional(),
    limit: z.coerce.number("Must be a number").int("Must be a whole number").min(1, "At least 1").max(200, "At most 200").optional(),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.from > q.to) ctx.addIssue({ code: "custom", path: ["to"], message: "Must not be before the start date" });
  });
export type AuditQuery = z.infer<typeof auditQuerySchema>;
