import { z } from "zod";
import { isTimeZone } from "@/lib/format";
import { CLEARABLE_PERSON_FIELDS, type PersonChanges, type PersonOriginal, type WritablePersonField } from "@/lib/people/schemas";
import { safeString } from "@/lib/safe-string";
import { TRACKED_FIELDS, type FieldValue, type TrackedField } from "./types";

// The change feed (issue 15): what each sync saw changed in Webex since the one before (directory_changes), its
// query, the shapes /api/changes answers with, and which of its rows Undo can revert. Pure: server and browser.

export const CHANGE_KINDS = ["added", "removed", "changed"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const CHANGE_KIND_LABELS: Record<ChangeKind, string> = { added: "Added", removed: "Removed", changed: "Changed" };

/** The feed's field names as the admin reads them. */
export const TRACKED_FIELD_LABELS: Record<TrackedField, string> = {
  email: "Email",
  displayName: "Display name",
  firstName: "First name",
  lastName: "Last name",
  department: "Department",
  title: "Title",
  locationId: "Location",
  managerId: "Manager",
  licenses: "Licenses",
  roles: "Admin roles",
  loginEnabled: "Sign-in",
  invitePending: "Invitation pending",
};

/** Who made a change, where Roster's audit trail or Webex's admin audit events name them within the sync window. */
export interface ChangeActor {
  name: string | null;
  email: string | null;
  /** "roster": made through Roster (its audit row); "webex": Webex's admin audit log (Control Hub, scripts…). */
  source: "roster" | "webex";
}

/** One row of the feed. Times are ISO 8601. */
export interface ChangeItem {
  id: string;
  kind: ChangeKind;
  personId: string;
  email: string;
  displayName: string;
  field: TrackedField | null;
  before: FieldValue;
  after: FieldValue;
  /** The previous sync's time (the change happened after it); null only for a feed written without one. */
  seenFrom: string | null;
  /** The sync that saw it. */
  seenTo: string;
  actor: ChangeActor | null;
  revertedAt: string | null;
  revertedBy: string | null;
  /** Null when Undo can revert it; otherwise why not, in words for the admin. */
  notRevertable: string | null;
}

export interface ChangesPage {
  items: ChangeItem[];
  nextCursor: string | null;
}

export interface RevertResponse {
  change: ChangeItem;
  /** What Webex now holds of the reverted field(s), as the edit path reported it. */
  changes: { field: string; before: unknown; after: unknown }[];
  unappliedLicenses: string[];
}

const day = z.iso.date("Use a date like 2026-01-31").refine((d) => d >= "2000-01-01" && d <= "2100-12-31", "Use a date from 2000-01-01 to 2100-12-31");

export const changesQuerySchema = z
  .strictObject({
    kind: z.enum(CHANGE_KINDS, "Unknown kind").optional(),
    field: z.enum(TRACKED_FIELDS, "Unknown field").optional(),
    /** A person's People API ID (the person page's history). */
    person: safeString().min(1).max(512).optional(),
    /** Text in the name or email. */
    q: safeString().trim().min(1).max(320, "At most 320 characters").optional(),
    from: day.optional(),
    to: day.optional(),
    tz: z.string().max(64).refine(isTimeZone, "Unknown time zone").optional(),
    /** `<seen_to in microseconds>-<id>` of the previous page's last row. */
    cursor: z.string().regex(/^\d{1,18}-\d{1,18}$/, "Invalid cursor").optional(),
    limit: z.coerce.number("Must be a number").int("Must be a whole number").min(1, "At least 1").max(200, "At most 200").optional(),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.from > q.to) ctx.addIssue({ code: "custom", path: ["to"], message: "Must not be before the start date" });
  });
export type ChangesQuery = z.infer<typeof changesQuerySchema>;

/** The feed's field → the person field the edit path writes (null: Webex sets it itself). */
const WRITES: Record<TrackedField, WritablePersonField | null> = {
  email: "emails",
  displayName: "displayName",
  firstName: "firstName",
  lastName: "lastName",
  department: "department",
  title: "title",
  locationId: "locationId",
  managerId: "managerId",
  licenses: "licenses",
  roles: "roles",
  loginEnabled: "loginEnabled",
  invitePending: null,
};

export const NOT_REVERTABLE = {
  added:
    "A person added in Webex is not undone here: Undo restores field values. If they should not exist, delete them from their page.",
  removed: "A removed person cannot be restored through the Webex API (a new person would get a new ID and lose their history). Add them again if needed.",
  invitePending: "Webex sets this itself (the person accepted or was sent an invitation); it cannot be written.",
  reverted: "Already undone.",
  blankDisplayName: "Webex requires a display name, so it cannot be set back to empty.",
  blankEmail: "A person needs an email address, so it cannot be set back to empty.",
} as const;

type RevertSource = { kind: ChangeKind; field: TrackedField | null; before: FieldValue; after: FieldValue; revertedAt?: string | null };

/** Why a feed row cannot be reverted, or null when it can. */
export function notRevertableReason(c: RevertSource): string | null {
  if (c.revertedAt) return NOT_REVERTABLE.reverted;
  if (c.kind === "added") return NOT_REVERTABLE.added;
  if (c.kind === "removed") return NOT_REVERTABLE.removed;
  if (!c.field || WRITES[c.field] === null) return NOT_REVERTABLE.invitePending;
  if (c.field === "displayName" && (c.before === null || c.before === "")) return NOT_REVERTABLE.blankDisplayName;
  if (c.field === "email" && (c.before === null || c.before === "")) return NOT_REVERTABLE.blankEmail;
  return null;
}

const toPersonValue = (field: TrackedField, v: FieldValue): unknown => {
  if (field === "email") return typeof v === "string" && v !== "" ? [v] : [];
  if (field === "licenses" || field === "roles") return Array.isArray(v) ? v : [];
  return v;
};

/**
 * What Undo sends through the safe edit path for a feed row: the before-value as the change, the after-value as
 * `original` (so a field changed again in Webex since the sync is a 409 and nothing is overwritten). Null when the
 * row cannot be reverted (see notRevertableReason).
 */
export function revertEdit(c: RevertSource): { changes: PersonChanges; original: PersonOriginal } | null {
  if (notRevertableReason(c) !== null || !c.field) return null;
  const target = WRITES[c.field]!;
  let value = toPersonValue(c.field, c.before);
  // A blank value clears the field (null), where the edit path allows clearing it.
  if ((value === null || value === "") && CLEARABLE_PERSON_FIELDS.includes(target)) value = null;
  return {
    changes: { [target]: value } as PersonChanges,
    original: { [target]: toPersonValue(c.field, c.after) ?? null } as PersonOriginal,
  };
}

/** Fields a Roster audit row's change may be reverted on: every writable person field (the PATCH's). */
const REVERTABLE_AUDIT_ACTIONS = new Set(["person.update", "person.licenses", "person.deactivate", "person.reactivate"]);

/**
 * Undo of one of Roster's own changes (an audit row): its before-values as the changes, its after-values as
 * `original`. Null with a reason when it cannot be: creations and deletions, failed or unfinished changes, no fields.
 */
export function revertAuditEdit(e: {
  action: string;
  outcome: string;
  changes: { field: string; before: unknown; after: unknown }[];
}): { ok: true; changes: PersonChanges; original: PersonOriginal } | { ok: false; reason: string } {
  if (e.action === "person.create") return { ok: false, reason: "A creation is not undone here: delete the person from their page instead." };
  if (e.action === "person.delete") return { ok: false, reason: "A deleted person cannot be restored through the Webex API." };
  if (!REVERTABLE_AUDIT_ACTIONS.has(e.action)) return { ok: false, reason: "This change has no field values to restore." };
  if (e.outcome !== "ok") return { ok: false, reason: "Only a change that completed can be undone: check the person's current values instead." };
  if (e.changes.length === 0) return { ok: false, reason: "Nothing was changed, so there is nothing to undo." };
  const changes: Record<string, unknown> = {};
  const original: Record<string, unknown> = {};
  for (const c of e.changes) {
    let before = c.before ?? null;
    if ((before === null || before === "") && CLEARABLE_PERSON_FIELDS.includes(c.field)) before = null;
    if (c.field === "displayName" && (before === null || before === "")) return { ok: false, reason: NOT_REVERTABLE.blankDisplayName };
    if ((c.field === "licenses" || c.field === "roles" || c.field === "phoneNumbers" || c.field === "addresses" || c.field === "siteUrls" || c.field === "emails") && before === null) before = [];
    changes[c.field] = before;
    original[c.field] = c.after ?? null;
  }
  return { ok: true, changes: changes as PersonChanges, original: original as PersonOriginal };
}

/** The audit row's note on a revert, so the trail says what it undid. */
export function revertNote(ref: { kind: "feed" | "roster"; id: string }): string {
  return ref.kind === "feed" ? `Undo of change #${ref.id} (seen changed in Webex between two syncs).` : `Undo of Roster's change #${ref.id}.`;
}

/** A feed row's change as the person-field change the shared ChangeList describes (email → emails). */
export function asFieldChange(c: Pick<ChangeItem, "field" | "before" | "after">): { field: string; before: unknown; after: unknown } {
  if (c.field === "email") return { field: "emails", before: c.before ? [c.before] : [], after: c.after ? [c.after] : [] };
  return { field: c.field ?? "", before: c.before, after: c.after };
}
