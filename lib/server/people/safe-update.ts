import "server-only";
import type { FailedSaveOutcome, PutEditResult } from "@/lib/people/api-types";
import { buildPutBody, findConflicts, unappliedLicenses, type FieldConflict } from "@/lib/people/apply-changes";
import { diffPerson, type FieldChange } from "@/lib/people/diff-person";
import { FIELD_LABELS } from "@/lib/people/field-labels";
import type { PersonChanges, PersonOriginal } from "@/lib/people/schemas";
import { ApiError } from "@/lib/server/api/errors";
import { beginAudit, recordAudit } from "@/lib/server/audit/audit";
import type { SessionUser } from "@/lib/server/session";
import type { WebexClient } from "@/lib/server/webex/client";
import { WebexError } from "@/lib/server/webex/errors";
import type { Person, PersonUpdate } from "@/lib/server/webex/models";
import type { AuditAction } from "@/lib/people/audit-types";
import { licensePatchPlan, updateLicensesOnly, type LicensePatchResult } from "./license-update";
import { withPersonLock } from "./person-lock";
import { revertNote } from "@/lib/directory/changes";
import type { AuditDetail, RevertRef } from "@/lib/server/audit/audit";

export interface SafeUpdateOptions {
  /** The bulk job that makes the change. */
  jobId?: string;
  /** An Undo: the change it reverts, written into the audit row (detail.reverts and its note). */
  reverts?: RevertRef;
}

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

export type PutUpdateResult = PutEditResult<Person>;

/** A license-only edit answered by PATCH /licenses/users has no person read (`person: null`, `licenses` instead). */
export type SafeUpdateResult = PutUpdateResult | LicensePatchResult;

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

/** What Webex holds of the admin's changes after a failed PUT (it "may still have altered some values"). */
export type FailedPutOutcome = FailedSaveOutcome;

/**
 * Thrown after a failed PUT: the person was read again (Webex may have applied part of it). `outcome` says which of
 * the admin's fields were applied and which not; both are null when the person could not be read again.
 */
export class UpdateFailedError extends Error {
  constructor(
    readonly cause: unknown,
    readonly person: Person | null,
    readonly outcome: FailedPutOutcome | null = null,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = "UpdateFailedError";
  }
}

/** Splits the admin's changes by what Webex holds after a failed PUT. */
export function failedPutOutcome(current: Person, after: Person, changes: PersonChanges): FailedPutOutcome {
  const wanted = { ...current, ...nullsToUndefined(changes) } as Record<string, unknown>;
  const requested = diffPerson(current, wanted, Object.keys(changes));
  const stored = diffPerson(current, after, Object.keys(changes));
  const changed = new Set(stored.map((c) => c.field));
  return {
    applied: stored,
    notApplied: requested.filter((c) => !changed.has(c.field)).map((c) => ({ field: c.field, before: (after as Record<string, unknown>)[c.field] ?? null, after: c.after })),
    unappliedLicenses: unappliedLicenses(changes.licenses, after.licenses),
  };
}

const fieldNames = (list: FieldChange[]) => list.map((c) => FIELD_LABELS[c.field] ?? c.field).join(", ");

/** The audit note of a failed PUT: what Webex was found to hold afterwards. */
function failedPutNote(outcome: FailedPutOutcome | null): string {
  if (!outcome) return "Webex may have applied part of it: Roster could not read the person again to check.";
  if (outcome.notApplied.length === 0) return `Webex answered with an error but applied all of it: ${fieldNames(outcome.applied)}.`;
  if (outcome.applied.length === 0) return `Nothing was applied: ${fieldNames(outcome.notApplied)} unchanged.`;
  return `Webex applied part of it: ${fieldNames(outcome.applied)}. Not applied: ${fieldNames(outcome.notApplied)}.`;
}

/**
 * Whether a failed PUT may be sent again at once: only when Webex failed on its side (5xx, timeout, unreachable)
 * and reading the person back shows it untouched — same `lastModified`, every writable field as before — so a
 * second PUT of the same body can revert nothing that happened since our read. Anything else goes back to the
 * admin, who sees what was applied (decision 005).
 */
function untouched(err: unknown, current: Person, after: Person | null): boolean {
  if (!after || !(err instanceof WebexError) || err.status < 500) return false;
  return after.lastModified === current.lastModified && diffPerson(current, after).length === 0;
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
 * 4. GET again and report requested licenses Webex did not apply; audit every outcome: a failed read before, a
 *    refusal, and (intent row written before the PUT, completed after it) the write itself.
 */
export async function safeUpdatePerson(
  webex: WebexClient,
  user: SessionUser,
  id: string,
  input: SafeUpdateInput & { changes: (current: Person) => PersonChanges },
  opts?: SafeUpdateOptions,
): Promise<PutUpdateResult>;
export async function safeUpdatePerson(webex: WebexClient, user: SessionUser, id: string, input: SafeUpdateInput, opts?: SafeUpdateOptions): Promise<SafeUpdateResult>;
export async function safeUpdatePerson(
  webex: WebexClient,
  user: SessionUser,
  id: string,
  input: SafeUpdateInput,
  opts: SafeUpdateOptions = {},
): Promise<SafeUpdateResult> {
  // License-only edits: PATCH /licenses/users, one call, still one at a time per person (decision 017).
  const plan = licensePatchPlan(input.changes, input.original);
  return withPersonLock(`${webex.orgId}/${id}`, async () => {
    if (plan) {
      const failed = async (err: unknown) => new UpdateFailedError(err, await webex.getPerson(id, { callingData: true }).catch(() => null));
      const done = await updateLicensesOnly(webex, user, id, plan, { failed, jobId: opts.jobId, reverts: opts.reverts });
      if (done !== "fallback") return done;
    }
    return update(webex, user, id, input, opts.jobId, opts.reverts);
  });
}

async function update(webex: WebexClient, user: SessionUser, id: string, input: SafeUpdateInput, jobId?: string, reverts?: RevertRef): Promise<PutUpdateResult> {
  // An Undo's rows say what they revert (lib/directory/changes.ts revertNote).
  const tag = (d: AuditDetail): AuditDetail =>
    reverts ? { ...d, reverts, note: [revertNote(reverts), d.note].filter(Boolean).join(" ") } : d;
  const audit = (entry: Omit<Parameters<typeof recordAudit>[0], "user">) => recordAudit({ ...entry, detail: tag(entry.detail), user, jobId });
  let current: Person;
  try {
    current = await webex.getPerson(id, { callingData: true });
  } catch (err) {
    // Nothing was sent, but the change was asked for: it gets its row (what was asked, without the values before).
    const asked = typeof input.changes === "function" ? null : input.changes;
    await audit({
      action: asked ? actionFor(asked) : "person.update",
      targetId: id,
      detail: {
        changes: asked ? diffPerson({}, nullsToUndefined(asked), Object.keys(asked)) : [],
        note: "Not sent: the person could not be read from Webex first.",
      },
      error: err,
    });
    throw err;
  }
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
    const err = new ApiError(400, "A display name is required", { "changes.displayName": "Required" });
    await audit({ action, ...target, detail: { changes: requested, note: "Not sent: Webex requires a display name." }, error: err });
    throw err;
  }
  // The intent row before the write; completed below whatever happens (decision 006).
  const intent = await beginAudit({ user, action, ...target, detail: tag({ changes: requested }), jobId });
  let answer: Person | undefined;
  for (let attempt = 1; answer === undefined; attempt++) {
    try {
      answer = await webex.updatePerson(id, body, { callingData: true });
    } catch (err) {
      // Not repeated blindly (client.ts): read what Webex holds now, and record what was actually applied.
      const after = await webex.getPerson(id, { callingData: true }).catch(() => null);
      if (attempt === 1 && untouched(err, current, after)) continue;
      const outcome = after ? failedPutOutcome(current, after, changes) : null;
      const detail = outcome
        ? {
            changes: outcome.applied,
            ...(outcome.notApplied.length ? { notApplied: outcome.notApplied } : {}),
            ...(outcome.unappliedLicenses.length ? { unappliedLicenses: outcome.unappliedLicenses } : {}),
          }
        : { changes: requested };
      await intent.finish({ detail: tag({ ...detail, note: failedPutNote(outcome) }), error: err });
      throw new UpdateFailedError(err, after, outcome);
    }
  }
  let after: Person;
  let note: string | undefined;
  try {
    after = await webex.getPerson(id, { callingData: true });
  } catch {
    // The PUT was answered 2xx, so the change is saved; only reading it back failed. Its answer is the person as
    // Webex stored it (without what a GET adds): report that rather than an error for a change that was made.
    after = { ...current, ...answer, id };
    note = "Saved. Webex did not answer the read-back, so this is the PUT's answer.";
  }
  const unapplied = unappliedLicenses(changes.licenses, after.licenses);
  const stored = diffPerson(current, after, Object.keys(changes));
  await intent.finish({
    detail: tag({ changes: stored, ...(unapplied.length ? { unappliedLicenses: unapplied } : {}), ...(note ? { note } : {}) }),
  });
  return { person: after, changes: stored, unappliedLicenses: unapplied };
}

function nullsToUndefined(changes: PersonChanges): Record<string, unknown> {
  return Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v === null ? undefined : v]));
}
