import { z } from "zod";
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

export interface AuditEvent {
  id: string;
  at: string;
  actorId: string | null;
  actorEmail: string | null;
  action: AuditAction;
  targetId: string | null;
  targetEmail: string | null;
  changes: FieldChange[];
  unappliedLicenses: string[];
  note: string | null;
  outcome: "ok" | "error";
  status: number | null;
  message: string | null;
  trackingId: string | null;
  /** The bulk job that made the change, if any. */
  jobId: string | null;
}

const day = z.iso.date("Use a date like 2026-01-31");

export const auditQuerySchema = z
  .strictObject({
    actor: z.string().trim().min(1).max(320, "At most 320 characters").optional(),
    target: z.string().trim().min(1).max(320, "At most 320 characters").optional(),
    targetId: z.string().min(1).max(512).optional(),
    action: z.enum(AUDIT_ACTIONS, "Unknown action").optional(),
    from: day.optional(),
    to: day.optional(),
    cursor: z.string().regex(/^\d{1,18}$/, "Invalid cursor").optional(),
    limit: z.coerce.number("Must be a number").int("Must be a whole number").min(1, "At least 1").max(200, "At most 200").optional(),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.from > q.to) ctx.addIssue({ code: "custom", path: ["to"], message: "Must not be before the start date" });
  });
export type AuditQuery = z.infer<typeof auditQuerySchema>;
