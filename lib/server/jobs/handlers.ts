import "server-only";
import type { FieldChange } from "@/lib/people/diff-person";
import type { PersonChanges } from "@/lib/people/schemas";
import type { JobKind } from "@/lib/jobs/kinds";
import { recordAudit } from "@/lib/server/audit/audit";
import { deletePersonAudited } from "@/lib/server/people/delete-person";
import { safeUpdatePerson } from "@/lib/server/people/safe-update";
import { isWebexError } from "@/lib/server/webex/errors";
import type { Person } from "@/lib/server/webex/models";
import type { JobContext } from "./context";
import type { ItemOutcomeRow, ItemRow } from "./store";

// One person of a job. Each handler is safe to run again for the same item: `reconcile` is set when an earlier
// attempt may have reached Webex (a crash, a 5xx, a timeout), and then Webex is read before anything is sent.

export interface ItemRun {
  ctx: JobContext;
  item: ItemRow;
  /** An earlier attempt may have changed Webex: read before writing. */
  reconcile: boolean;
  /** This is the last attempt: a failure now is final (and audited as such). */
  final: boolean;
}

export type ItemHandler = (run: ItemRun) => Promise<ItemOutcomeRow>;

const licenseChange = (before: readonly string[], after: readonly string[]): FieldChange[] =>
  sameSet(before, after) ? [] : [{ field: "licenses", before: [...before], after: [...after] }];

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** Transient failures are retried by the runner (and reconciled): only a final one is audited here. */
export function isTransient(err: unknown): boolean {
  return isWebexError(err) && (err.status >= 500 || err.status === 429 || err.status === 423);
}

/**
 * Licenses through PATCH /licenses/users: one call per person, and it cannot clear any other field. The audit
 * row's "before" is the person's licenses as read at preview (or just now, when reconciling); "after" is what
 * Webex answers.
 */
function licenseHandler(operation: "add" | "remove"): ItemHandler {
  return async ({ ctx, item, reconcile, final }) => {
    const personId = item.personId!;
    const wanted = item.input?.licenseIds ?? [];
    let before = item.plan?.licenses ?? null;
    let ops = wanted.map((id) => ({ id, operation }));
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

    if (reconcile) {
      const current = await ctx.webex.getPerson(personId);
      const held = current.licenses ?? [];
      ops = ops.filter((o) => (operation === "add" ? !held.includes(o.id) : held.includes(o.id)));
      if (!ops.length) {
        // An earlier attempt went through although its answer was lost: the person is as asked.
        const changes = before ? licenseChange(before, held) : [];
        await audit(changes, { note: "Confirmed by reading the person after Webex's answer was lost." });
        return { state: "done", message: "Applied (confirmed in Webex after a lost answer).", result: { changes } };
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
    const unapplied = ops.filter((o) => (operation === "add" ? !after.includes(o.id) : after.includes(o.id))).map((o) => o.id);
    // Without a read before (one call per person), "before" is after with the operations undone.
    before ??= operation === "add" ? after.filter((id) => !ops.some((o) => o.id === id)) : [...after, ...ops.map((o) => o.id)];
    const changes = licenseChange(before, after);
    await audit(changes, { unapplied, ...(unapplied.length ? { note: "Webex applied only part of it (206)." } : {}) });
    if (unapplied.length) {
      return {
        state: "failed",
        status: answer.partial ? 206 : 200,
        message: `Webex did not ${operation === "add" ? "assign" : "remove"} ${unapplied.length === 1 ? "the license" : `${unapplied.length} licenses`}.`,
        result: { changes },
      };
    }
    return { state: "done", result: { changes } };
  };
}

/** Roles and sign-in go through the safe edit path; the change is derived from the person as read just before the PUT. */
function personHandler(derive: (current: Person) => PersonChanges, already: string): ItemHandler {
  return async ({ ctx, item, reconcile }) => {
    const res = await safeUpdatePerson(ctx.webex, ctx.actor, item.personId!, { changes: derive }, { jobId: ctx.job.id });
    if (!res.changes.length) {
      // Nothing to send: either our earlier attempt was applied (reconcile), or it already was so.
      return reconcile
        ? { state: "done", message: "Applied (confirmed in Webex after a lost answer).", result: { changes: [] } }
        : { state: "skipped", message: already, result: { changes: [] } };
    }
    return { state: "done", result: { changes: res.changes } };
  };
}

const withRole = (roleId: string, add: boolean) => (current: Person): PersonChanges => {
  const roles = current.roles ?? [];
  if (add === roles.includes(roleId)) return {};
  return { roles: add ? [...roles, roleId] : roles.filter((r) => r !== roleId) };
};

const withLogin = (enabled: boolean) => (current: Person): PersonChanges => (current.loginEnabled === enabled ? {} : { loginEnabled: enabled });

const deleteHandler: ItemHandler = async ({ ctx, item, reconcile }) => {
  const personId = item.personId!;
  if (reconcile) {
    try {
      await ctx.webex.getPerson(personId);
    } catch (err) {
      if (isWebexError(err) && err.status === 404) {
        await recordAudit({
          user: ctx.actor,
          action: "person.delete",
          targetId: personId,
          targetEmail: item.email,
          detail: { changes: item.plan?.changes ?? [], note: "Confirmed gone by reading Webex after its answer was lost." },
          jobId: ctx.job.id,
        });
        return { state: "done", message: "Deleted (confirmed in Webex after a lost answer).", result: { changes: item.plan?.changes ?? [] } };
      }
      throw err;
    }
  }
  const { alreadyGone } = await deletePersonAudited(ctx.webex, ctx.actor, personId, { jobId: ctx.job.id });
  return { state: "done", message: alreadyGone ? "Deleted (Webex confirmed the person is gone)." : null, result: { changes: item.plan?.changes ?? [] } };
};

/** The handler for one item of a job of this kind (resend-invites runs as a whole: see resend.ts). */
export function handlerFor(kind: JobKind, params: { roleId?: string }): ItemHandler | null {
  switch (kind) {
    case "license-add":
      return licenseHandler("add");
    case "license-remove":
    case "reclaim":
      return licenseHandler("remove");
    case "role-add":
      return personHandler(withRole(params.roleId!, true), "Already had this role.");
    case "role-remove":
      return personHandler(withRole(params.roleId!, false), "Did not have this role.");
    case "deactivate":
      return personHandler(withLogin(false), "Already deactivated.");
    case "reactivate":
      return personHandler(withLogin(true), "Already active.");
    case "delete":
      return deleteHandler;
    case "resend-invites":
      return null;
  }
}
