import "server-only";
import type { PersonChanges } from "@/lib/people/schemas";
import type { JobKind } from "@/lib/jobs/kinds";
import { recordAudit } from "@/lib/server/audit/audit";
import { deletePersonAudited } from "@/lib/server/people/delete-person";
import { safeUpdatePerson } from "@/lib/server/people/safe-update";
import { isWebexError } from "@/lib/server/webex/errors";
import type { Person } from "@/lib/server/webex/models";
import type { JobContext } from "./context";
import { importHandler } from "./import-handler";
import { runLicenseOps } from "./license-ops";
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

/**
 * Licenses through PATCH /licenses/users: one call per person, and it cannot clear any other field. The audit
 * row's "before" is the person's licenses as read at preview (or just now, when reconciling); "after" is what
 * Webex answers.
 */
function licenseHandler(operation: "add" | "remove"): ItemHandler {
  return (run) => runLicenseOps(run, (run.item.input?.licenseIds ?? []).map((id) => ({ id, operation })), { before: run.item.plan?.licenses ?? null });
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
    case "import":
      return importHandler;
    case "resend-invites":
      return null;
  }
}
