import "server-only";
import { buildPutBody, findConflicts, unappliedLicenses, type FieldConflict } from "@/lib/people/apply-changes";
import { diffPerson, type FieldChange } from "@/lib/people/diff-person";
import type { PersonChanges, PersonOriginal } from "@/lib/people/schemas";
import { ApiError } from "@/lib/server/api/errors";
import { recordAudit } from "@/lib/server/audit/audit";
import type { SessionUser } from "@/lib/server/session";
import type { WebexClient } from "@/lib/server/webex/client";
import type { Person, PersonUpdate } from "@/lib/server/webex/models";
import type { AuditAction } from "@/lib/people/audit-types";
import { withPersonLock } from "./person-lock";

export interface SafeUpdateInput {
  /**
   * The admin's changes, or (bulk jobs) a function that derives them from the person as just read: then there
   * is nothing to conflict with, and running it twice changes nothing the second time.
   */
  changes: PersonChanges | ((current: Person) => PersonChanges);
  /** The admin's starting values of the changed fields; a field changed in Webex since is a conflict. */
  original?: PersonOriginal;
  /** The `lastModified` the admin started from (used for changed fields that have no `original`). */
  lastModified?: string;
}

export interface SafeUpdateResult {
  person: Person;
  /** What changed, as Webex stored it (empty when there was nothing to send). */
  changes: FieldChange[];
  /** Requested license IDs the person does not hold afterwards (Webex may skip exhausted ones silently). */
  unappliedLicenses: string[];
}

/** 409: the admin's fields were changed in Webex meanwhile. `conflicts` go to the browser with both values. */
export class PersonConflictError extends ApiError {
  constructor(
    readonly conflicts: FieldConflict[],
    readonly current: Person,
  ) {
    super(409, `Not saved: ${conflicts.map((c) => c.field).join(", ")} changed in Webex after the edit began.`);
    this.name = "PersonConflictError";
  }
}

/** Thrown after a failed PUT: the person was read again (Webex may have applied part of it). */
export class UpdateFailedError extends Error {
  constructor(
    readonly cause: unknown,
    readonly person: Person | null,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = "UpdateFailedError";
  }
}

function actionFor(changes: PersonChanges): AuditAction {
  const keys = Object.keys(changes);
  if (keys.length === 1 && keys[0] === "loginEnabled") return changes.loginEnabled ? "person.reactivate" : "person.deactivate";
  return "person.update";
}

/**
 * The one safe way to change a person. PUT /people/{id} is a full replacement, so:
 * 1. GET the current person *with callingData* (otherwise extension/location/work_extension are missing and
 *    a PUT would clear them);
 * 2. refuse with 409 if a changed field was changed in Webex since the admin loaded it;
 * 3. apply only the changes onto the current object, strip read-only fields, PUT it whole (callingData=true);
 * 4. GET again and report requested licenses Webex did not apply; audit every outcome.
 */
export async function safeUpdatePerson(
  webex: WebexClient,
  user: SessionUser | null,
  id: string,
  input: SafeUpdateInput,
  opts: { jobId?: string } = {},
): Promise<SafeUpdateResult> {
  return withPersonLock(`${webex.orgId}/${id}`, () => update(webex, user, id, input, opts.jobId));
}

async function update(webex: WebexClient, user: SessionUser | null, id: string, input: SafeUpdateInput, jobId?: string): Promise<SafeUpdateResult> {
  // Without a user (legacy callers of patchPerson) there is no actor to record.
  const audit = (entry: Omit<Parameters<typeof recordAudit>[0], "user">) => (user ? recordAudit({ ...entry, user, jobId }) : Promise.resolve());
  const current = await webex.getPerson(id, { callingData: true });
  const changes = typeof input.changes === "function" ? input.changes(current) : input.changes;
  const action = actionFor(changes);
  const target = { targetId: id, targetEmail: current.emails?.[0] ?? null };
  const requested = diffPerson(current, { ...current, ...nullsToUndefined(changes) }, Object.keys(changes));

  const conflicts = findConflicts(current, changes, input.original, input.lastModified);
  if (conflicts.length > 0) {
    const err = new PersonConflictError(conflicts, current);
    await audit({ action, ...target, detail: { changes: requested }, error: err });
    throw err;
  }
  if (requested.length === 0) return { person: current, changes: [], unappliedLicenses: [] }; // nothing to send

  const body = buildPutBody(current, changes) as PersonUpdate;
  if (typeof body.displayName !== "string" || body.displayName.trim() === "") {
    throw new ApiError(400, "A display name is required", { "changes.displayName": "Required" });
  }
  try {
    await webex.updatePerson(id, body, { callingData: true });
  } catch (err) {
    const after = await webex.getPerson(id, { callingData: true }).catch(() => null);
    const applied = after ? diffPerson(current, after, Object.keys(changes)) : [];
    await audit({
      action,
      ...target,
      detail: { changes: requested, note: applied.length > 0 ? `Webex applied part of it: ${applied.map((c) => c.field).join(", ")}` : undefined },
      error: err,
    });
    throw new UpdateFailedError(err, after);
  }
  const after = await webex.getPerson(id, { callingData: true });
  const unapplied = unappliedLicenses(changes.licenses, after.licenses);
  const stored = diffPerson(current, after, Object.keys(changes));
  await audit({
    action,
    ...target,
    detail: { changes: stored, ...(unapplied.length ? { unappliedLicenses: unapplied } : {}) },
  });
  return { person: after, changes: stored, unappliedLicenses: unapplied };
}

function nullsToUndefined(changes: PersonChanges): Record<string, unknown> {
  return Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v === null ? undefined : v]));
}
