import "server-only";
import type { FieldChange } from "@/lib/people/diff-person";
import { recordAudit } from "@/lib/server/audit/audit";
import { isWebexError } from "@/lib/server/webex/errors";
import type { LicenseOperation } from "@/lib/server/webex/models";
import type { ItemRun } from "./handlers";
import type { ItemOutcomeRow } from "./store";

export const licenseChange = (before: readonly string[], after: readonly string[]): FieldChange[] =>
  sameSet(before, after) ? [] : [{ field: "licenses", before: [...before], after: [...after] }];

export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** Transient failures are retried by the runner (and reconciled): only a final one is audited here. */
export function isTransient(err: unknown): boolean {
  return isWebexError(err) && (err.status >= 500 || err.status === 429 || err.status === 423);
}

/**
 * Applies license operations to the item's person, exactly once: operations already in effect (an earlier attempt
 * whose answer was lost, or someone else) are dropped first when `held` is known or the item is reconciling.
 */
export async function runLicenseOps(
  { ctx, item, reconcile, final }: ItemRun,
  wanted: readonly LicenseOperation[],
  opts: { before: string[] | null; held?: string[] },
): Promise<ItemOutcomeRow> {
  const personId = item.personId!;
  let before = opts.before;
  let ops = [...wanted];
  const audit = (changes: FieldChange[], extra: { error?: unknown; note?: string; unapplied?: string[] } = {}) =>
    recordAudit({
      user: ctx.actor,
      action: "person.licenses",
      targetId: personId,
      targetEmail: item.email,
      detail: { changes, ...(extra.unapplied?.length ? { unappliedLicenses: extra.unapplied } : {}), ...(extra.note ? { note: extra.note } : {}) },
      error: extra.error,
      jobId: ctx.job.id,
    });
  const inEffect = (held: readonly string[], o: LicenseOperation) => (o.operation === "add" ? held.includes(o.id) : !held.includes(o.id));

  if (reconcile || opts.held) {
    const held = opts.held ?? (await ctx.webex.getPerson(personId)).licenses ?? [];
    ops = ops.filter((o) => !inEffect(held, o));
    if (!ops.length) {
      // An earlier attempt went through although its answer was lost (or it already was so): the person is as asked.
      const changes = before ? licenseChange(before, held) : [];
      if (reconcile) {
        await audit(changes, { note: "Confirmed by reading the person after Webex's answer was lost." });
        return { state: "done", message: "Applied (confirmed in Webex after a lost answer).", result: { changes } };
      }
      return { state: "done", result: { changes } };
    }
    before = held;
  }

  let answer;
  try {
    answer = await ctx.webex.patchUserLicenses(personId, ops);
  } catch (err) {
    if (!isTransient(err) || final) await audit([], { error: err });
    throw err;
  }
  const after = answer.result.licenses ?? [];
  const unapplied = ops.filter((o) => !inEffect(after, o)).map((o) => o.id);
  // Without a read before (one call per person), "before" is after with the operations undone.
  before ??= [...after.filter((id) => !ops.some((o) => o.operation === "add" && o.id === id)), ...ops.filter((o) => o.operation === "remove").map((o) => o.id)];
  const changes = licenseChange(before, after);
  await audit(changes, { unapplied, ...(unapplied.length ? { note: "Webex applied only part of it (206)." } : {}) });
  if (unapplied.length) {
    const verb = ops.every((o) => o.operation === "add") ? "assign" : ops.every((o) => o.operation === "remove") ? "remove" : "apply";
    return {
      state: "failed",
      status: answer.partial ? 206 : 200,
      message: `Webex did not ${verb} ${unapplied.length === 1 ? "the license" : `${unapplied.length} licenses`}.`,
      result: { changes },
    };
  }
  return { state: "done", result: { changes } };
}

