import "server-only";
import { sameEdit, sameFieldEdit, workPhone, type FieldEdit } from "@/lib/import/plan";
import type { FieldConflict } from "@/lib/people/apply-changes";
import type { PersonChanges, PersonCreateBody } from "@/lib/people/schemas";
import { recordAudit } from "@/lib/server/audit/audit";
import { createPersonOnce, DuplicateEmailError } from "@/lib/server/people/create-person";
import { PersonConflictError, safeUpdatePerson } from "@/lib/server/people/safe-update";
import type { Person } from "@/lib/server/webex/models";
import type { ItemHandler } from "./handlers";
import { runLicenseOps } from "./license-ops";

// One row of a CSV import. A create is idempotent (the email is looked up before any retry; a POST is never
// repeated). An update sets only the fields the preview planned, and only where Webex still holds what the
// preview saw: a field changed in Webex since is a conflict, and nothing of that row is written.

function valueOf(p: Person, field: FieldEdit["field"]): unknown {
  return field === "phone" ? workPhone(p) : (p as Record<string, unknown>)[field];
}

/** The planned edits that still apply to `current`, or a conflict for each field Webex changed since the preview. */
export function deriveEdits(current: Person, edits: readonly FieldEdit[]): { changes: PersonChanges; conflicts: FieldConflict[] } {
  const changes: Record<string, unknown> = {};
  const conflicts: FieldConflict[] = [];
  for (const e of edits) {
    const now = valueOf(current, e.field);
    if (sameFieldEdit(e.field, now, e.after)) continue; // already so (an earlier attempt, or someone else)
    if (!sameFieldEdit(e.field, now, e.before)) {
      conflicts.push({ field: e.field === "phone" ? "phoneNumbers" : e.field, original: e.before, yours: e.after, theirs: now ?? null });
      continue;
    }
    if (e.field === "phone") {
      const numbers = current.phoneNumbers ?? [];
      const hasWork = numbers.some((n) => n.type === "work");
      changes.phoneNumbers = hasWork
        ? numbers.map((n) => (n.type === "work" ? { ...n, value: String(e.after) } : n))
        : [...numbers, { type: "work", value: String(e.after) }];
    } else changes[e.field] = e.after;
  }
  return { changes: changes as PersonChanges, conflicts };
}

/** Whether a person found by email holds every name field the create sent (then the create was ours). */
function isOurs(p: Person, body: PersonCreateBody): boolean {
  return (["displayName", "firstName", "lastName", "department", "title"] as const).every((k) => body[k] === undefined || sameEdit(p[k], body[k]));
}

export const importHandler: ItemHandler = async (run) => {
  const { ctx, item, reconcile } = run;
  const input = item.input;
  const shown = item.plan?.changes ?? [];
  if (input?.create) {
    try {
      const res = await createPersonOnce(ctx.webex, ctx.actor, input.create, { jobId: ctx.job.id });
      if (res.unappliedLicenses.length) {
        return { state: "failed", personId: res.person.id, message: `Created, but Webex did not assign ${res.unappliedLicenses.length === 1 ? "a license" : `${res.unappliedLicenses.length} licenses`}.`, result: { changes: shown } };
      }
      return { state: "done", personId: res.person.id, message: res.recovered ? "Created (Webex answered with an error; the person was found by email)." : null, result: { changes: shown } };
    } catch (err) {
      if (err instanceof DuplicateEmailError) {
        // Our own earlier attempt created them (its answer was lost: Webex holds exactly what we sent), or someone
        // else did since the preview (then it is not ours to claim, even on a retry).
        if (reconcile && isOurs(await ctx.webex.getPerson(err.existingId), input.create)) {
          return { state: "done", personId: err.existingId, message: "Created (confirmed by email after a lost answer).", result: { changes: shown } };
        }
        return { state: "failed", personId: err.existingId, status: 409, message: `${err.email} was created in Webex after the preview: import the file again to update them.` };
      }
      throw err;
    }
  }
  const update = input?.update;
  if (!update || !item.personId) return { state: "failed", message: "This row has nothing to run." };

  let held: string[] | undefined;
  if (update.edits.length) {
    let conflicts: FieldConflict[] = [];
    let current: Person | null = null;
    const res = await safeUpdatePerson(
      ctx.webex,
      ctx.actor,
      item.personId,
      {
        changes: (p) => {
          const d = deriveEdits(p, update.edits);
          conflicts = d.conflicts;
          current = p;
          return conflicts.length ? {} : d.changes;
        },
      },
      { jobId: ctx.job.id },
    );
    if (conflicts.length) {
      const err = new PersonConflictError(conflicts, current!);
      await recordAudit({ user: ctx.actor, action: "person.update", targetId: item.personId, targetEmail: item.email, detail: { changes: shown }, error: err, jobId: ctx.job.id });
      const fields = conflicts.map((c) => (c.field === "managerId" ? "manager" : c.field)).join(", ");
      return { state: "failed", status: 409, message: `Not changed: ${fields} changed in Webex after the preview. Nothing of this row was written; preview the file again.` };
    }
    held = res.person.licenses ?? [];
  }
  if (update.licenseOps.length) {
    const out = await runLicenseOps(run, update.licenseOps, { before: item.plan?.licenses ?? null, held });
    if (out.state !== "done") return out;
  }
  return { state: "done", message: reconcile ? "Applied (checked against Webex after a lost answer)." : null, result: { changes: shown } };
};
