import "server-only";
import type { LicenseEditResult } from "@/lib/people/api-types";
import type { FieldChange } from "@/lib/people/diff-person";
import { isCallingLicense } from "@/lib/people/capacity";
import type { PersonChanges, PersonOriginal } from "@/lib/people/schemas";
import { describeRefused, type RefusedLicense } from "@/lib/people/refused-licenses";
import { ApiError } from "@/lib/server/api/errors";
import { beginAudit, type RevertRef } from "@/lib/server/audit/audit";
import { revertNote } from "@/lib/directory/changes";
import { logError } from "@/lib/server/log";
import { referenceLicenses } from "@/lib/server/reference";
import type { SessionUser } from "@/lib/server/session";
import type { WebexClient } from "@/lib/server/webex/client";
import { isWebexError, type WebexError } from "@/lib/server/webex/errors";
import type { License, LicenseOperation, Person } from "@/lib/server/webex/models";

// License-only edits of the person page go through PATCH /licenses/users (decision 017): one Webex call that sends
// only the licenses the admin added or removed, so it cannot clear any other field and cannot overwrite a license
// someone else changed meanwhile. Everything else stays on safeUpdatePerson's GET → PUT → GET.

/** What a license-only edit sends: the admin's additions and removals against the licenses they started from. */
export interface LicensePatchPlan {
  before: string[];
  wanted: string[];
  ops: LicenseOperation[];
}

/** Webex's errorCode for "a Calling license needs its own properties": PATCH cannot carry them from the page. */
const MISSING_CALLING_PROPERTIES = 400411;

/**
 * The plan when PATCH can express the edit: only `licenses` changed, the admin's starting licenses are known (so
 * the operations are exactly their checkbox changes), and no Calling license is added (Webex wants its location and
 * extension in the same request; the PUT path carries the person's current ones). Otherwise null: the PUT path.
 */
export function licensePatchPlan(changes: PersonChanges | ((current: Person) => PersonChanges), original: PersonOriginal | undefined): LicensePatchPlan | null {
  if (typeof changes === "function") return null;
  const keys = Object.keys(changes).filter((k) => changes[k as keyof PersonChanges] !== undefined);
  if (keys.length !== 1 || keys[0] !== "licenses" || !changes.licenses) return null;
  const held: unknown = original?.licenses;
  if (!Array.isArray(held)) return null;
  const before = [...new Set(held.filter((v): v is string => typeof v === "string"))];
  const wanted = [...new Set(changes.licenses)];
  const ops: LicenseOperation[] = [
    ...wanted.filter((id) => !before.includes(id)).map((id) => ({ id, operation: "add" as const })),
    ...before.filter((id) => !wanted.includes(id)).map((id) => ({ id, operation: "remove" as const })),
  ];
  if (ops.length === 0) return null;
  if (ops.some((o) => o.operation === "add" && isCallingLicense({ id: o.id }))) return null;
  return { before, wanted, ops };
}

/** Null `person`: Roster did not read the person (one call); `licenses` is what Webex answered they now hold. */
export type LicensePatchResult = LicenseEditResult;

/** 400: Webex refused every license change; nothing was changed. `refused` names each with its reason. */
export class LicensesRefusedError extends ApiError {
  constructor(
    readonly refused: RefusedLicense[],
    readonly trackingId: string,
  ) {
    const message = `Not saved, nothing was changed. ${describeRefused(refused).join(" ")}`;
    super(400, message, { "changes.licenses": message });
    this.name = "LicensesRefusedError";
  }
}

/**
 * Runs the plan: intent audit row → PATCH /licenses/users → completed row (before = the licenses the admin read,
 * after = Webex's answer). "fallback": Webex says a Calling license needs properties, so the caller takes the PUT path.
 * `failed(err)` builds the error for a failure that may have changed something (the caller reads the person back).
 */
export async function updateLicensesOnly(
  webex: WebexClient,
  user: SessionUser,
  id: string,
  plan: LicensePatchPlan,
  hooks: { failed: (err: unknown) => Promise<Error>; jobId?: string; reverts?: RevertRef },
): Promise<LicensePatchResult | "fallback"> {
  const requested: FieldChange[] = [{ field: "licenses", before: plan.before, after: plan.wanted }];
  const reverts = hooks.reverts;
  const tagged = beginAudit({
    user,
    action: "person.licenses",
    targetId: id,
    detail: reverts ? { changes: requested, reverts, note: revertNote(reverts) } : { changes: requested },
    jobId: hooks.jobId,
  });
  // An Undo's rows say what they revert (lib/directory/changes.ts revertNote), whatever the outcome.
  const intent = reverts
    ? await tagged.then((i) => ({
        finish: (c: Parameters<typeof i.finish>[0]) =>
          i.finish({ ...c, detail: { ...c.detail, reverts, note: [revertNote(reverts), c.detail.note].filter(Boolean).join(" ") } }),
      }))
    : await tagged;
  let answer: Awaited<ReturnType<WebexClient["patchUserLicenses"]>>;
  try {
    answer = await webex.patchUserLicenses(id, plan.ops);
  } catch (err) {
    if (isWebexError(err) && err.status === 400) {
      if (err.errorCode === MISSING_CALLING_PROPERTIES) {
        await intent.finish({ detail: { changes: [], note: "Not changed by PATCH /licenses/users (a Calling license needs its properties): saved through the full update instead." } });
        return "fallback";
      }
      // A 400 changes nothing: every operation was refused (an exhausted pool with overflow "reject", a conflict…).
      const refused = await describeRefusals(webex, user, plan.ops, err);
      const refusal = new LicensesRefusedError(refused, err.trackingId);
      await intent.finish({ detail: { changes: [], unappliedLicenses: refused.map((r) => r.id), note: refusal.message }, error: err });
      throw refusal;
    }
    if (isWebexError(err) && err.status >= 401 && err.status < 500 && err.status !== 408 && err.status !== 429) {
      await intent.finish({ detail: { changes: requested, note: "Not changed: Webex refused the request." }, error: err });
      throw err;
    }
    // A 5xx, a timeout or a lost answer: Webex may have applied some of it. The caller reads the person back.
    await intent.finish({ detail: { changes: requested, note: "Webex's answer was an error or never came: the person was read back." }, error: err });
    throw await hooks.failed(err);
  }
  const after = answer.result.licenses ?? [];
  const notInEffect = plan.ops.filter((o) => (o.operation === "add" ? !after.includes(o.id) : after.includes(o.id)));
  const refused = notInEffect.length ? await describeRefusals(webex, user, notInEffect, null) : [];
  const changes: FieldChange[] = sameSet(plan.before, after) ? [] : [{ field: "licenses", before: plan.before, after }];
  const unapplied = refused.map((r) => r.id);
  await intent.finish({
    targetEmail: answer.result.email ?? null,
    detail: {
      changes,
      ...(unapplied.length ? { unappliedLicenses: unapplied, note: `Webex applied only part of it (${answer.partial ? 206 : 200}): ${refused.map((r) => `${r.name}: ${r.reason}`).join("; ")}` } : {}),
    },
  });
  return { person: null, licenses: after, changes, unappliedLicenses: unapplied, refusedLicenses: refused };
}

/**
 * Names each refused license and says why: from Webex's errorCode/message on a 400; after a 206 (whose body says
 * only what the person holds) from the pool's fresh counts. One read of the license list, only when something
 * was refused.
 */
async function describeRefusals(webex: WebexClient, user: SessionUser, ops: LicenseOperation[], err: WebexError | null): Promise<RefusedLicense[]> {
  let catalogue: License[] = [];
  try {
    catalogue = (await referenceLicenses(user, webex, { fresh: true })).items;
  } catch (e) {
    logError("license list for a refusal could not be read", { orgId: webex.orgId }, e);
  }
  const byId = new Map(catalogue.map((l) => [l.id, l]));
  // A 400 names the refused licenses in its description; when it names none we can match, every change was refused.
  const named = err ? ops.filter((o) => mentions(err.message, o.id, byId.get(o.id)?.name)) : [];
  const refusedOps = err && named.length > 0 ? named : ops;
  return refusedOps.map((o) => {
    const license = byId.get(o.id);
    const name = license?.name ?? o.id;
    return { id: o.id, name, operation: o.operation, reason: reasonFor(o, license, err) };
  });
}

function mentions(text: string, id: string, name: string | undefined): boolean {
  return text.includes(id) || (name !== undefined && name.length > 0 && text.includes(name));
}

const CODE_REASONS: Record<number, string> = {
  400000: "Webex does not recognise this license",
  400112: "Webex does not allow changing Calling Professional to Standard",
  400118: "this license cannot be managed per user",
  400404: "it cannot be held together with the person's other Calling license",
  400406: "it cannot be held together with Webex Attendant Console",
  400407: "it cannot be held together with CX Essential",
  400408: "the person needs Webex Calling Professional first",
  400410: "Webex does not allow changing CX Essential to Calling Standard",
  400411: "a Calling license needs a location and an extension or work number",
  400413: "the person can hold only one license of this kind",
  700003: "the person needs free messaging first",
  700004: "the person needs free meetings first",
  700005: "the person needs free messaging first",
  700006: "it is assigned implicitly and cannot be removed",
};

function reasonFor(op: LicenseOperation, license: License | undefined, err: WebexError | null): string {
  const code = err?.errorCode !== undefined ? CODE_REASONS[err.errorCode] : undefined;
  if (code) return `${code} (Webex error ${err!.errorCode})`;
  const full = op.operation === "add" && license && typeof license.totalUnits === "number" && typeof license.consumedUnits === "number" && license.consumedUnits >= license.totalUnits;
  if (full) return `no free units left (${license.consumedUnits} of ${license.totalUnits} used); free a unit or buy more`;
  if (err) return `Webex said: ${err.message}`;
  return op.operation === "add" ? "Webex did not assign it and gave no reason (206)" : "Webex did not remove it and gave no reason (206)";
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}
