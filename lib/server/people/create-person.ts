import "server-only";
import type { CreatePersonResponse } from "@/lib/people/api-types";
import { unappliedLicenses } from "@/lib/people/apply-changes";
import { callingProblems, exhaustedAdditions, unknownLicenses } from "@/lib/people/capacity";
import { diffPerson } from "@/lib/people/diff-person";
import type { PersonCreateBody } from "@/lib/people/schemas";
import { ApiError } from "@/lib/server/api/errors";
import { beginAudit } from "@/lib/server/audit/audit";
import type { SessionUser } from "@/lib/server/session";
import type { WebexClient } from "@/lib/server/webex/client";
import { WebexError } from "@/lib/server/webex/errors";
import type { Person, PersonCreate } from "@/lib/server/webex/models";

export type CreateResult = CreatePersonResponse<Person>;

/** 409 with the existing person's id, so the form can link to them. */
export class DuplicateEmailError extends ApiError {
  constructor(
    readonly email: string,
    readonly existingId: string,
  ) {
    super(409, `${email} already belongs to someone in your organization.`, { "emails.0": "Already in use" });
    this.name = "DuplicateEmailError";
  }
}

/** After these, Webex may have created the person anyway (docs/webex-api.md: "400 although created"). */
function mayHaveCreated(err: unknown): boolean {
  if (!(err instanceof WebexError)) return true; // a network failure mid-request: unknown outcome
  return err.status === 400 || err.status >= 500 || err.status === 0 || err.status === 408;
}

async function findByEmail(webex: WebexClient, email: string): Promise<Person | null> {
  const page = await webex.listPeople({ email, callingData: true });
  return page.items.find((p) => p.emails?.some((e) => e.toLowerCase() === email.toLowerCase())) ?? null;
}

/**
 * Pauses between the lookups that follow an ambiguous create failure (decision 007): Webex's list can trail a
 * create, so one empty answer right after the failure does not prove that nobody was created. Lookups at 0, 0.25,
 * 0.75 and 1.75 s (every genuine refusal waits that long, so the window is kept short); a lookup that fails, or a
 * pause that would not leave the request's deadline room for one more call, ends the search.
 */
export const RECOVERY_LOOKUP_PAUSES_MS = [250, 500, 1_000] as const;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The person `email` belongs to, looked up until found or the pauses run out; null when not found (or unknown). */
async function findAfterFailure(webex: WebexClient, email: string, pauses: readonly number[]): Promise<Person | null> {
  for (let i = 0; ; i++) {
    const found = await findByEmail(webex, email).catch(() => undefined);
    if (found) return found;
    if (found === undefined) return null; // the lookup itself failed (deadline, Webex down): stop asking
    const next = pauses[i];
    if (next === undefined || !webex.hasTimeFor(next)) return null;
    await pause(next);
  }
}

/**
 * Idempotent create. Before: the email must be free, every license known and with a free unit, and the Calling
 * rules met (so a doomed request never reaches Webex). After a timeout, 5xx or 400 the email is looked up
 * before anything else, again for a few seconds while it is not found (Webex's list can trail a create): if the
 * person exists, the create succeeded. POST is never repeated here.
 */
export async function createPersonOnce(webex: WebexClient, user: SessionUser, body: PersonCreateBody, opts: { jobId?: string } = {}): Promise<CreateResult> {
  const email = body.emails[0]!.toLowerCase();
  const existing = await findByEmail(webex, email);
  if (existing) throw new DuplicateEmailError(email, existing.id);

  const wanted = body.licenses ?? [];
  if (wanted.length > 0 || body.locationId || body.extension) {
    const licenses = await webex.listLicenses();
    const fields: Record<string, string> = {};
    for (const id of unknownLicenses(licenses, wanted)) fields[`licenses.${wanted.indexOf(id)}`] = "Not a license of your organization";
    const full = exhaustedAdditions(licenses, [], wanted);
    if (full.length > 0) fields.licenses = `No units left: ${full.map((l) => l.name ?? l.id).join(", ")}`;
    for (const [k, v] of Object.entries(callingProblems({ ...body, licenses: wanted }, licenses))) fields[k] = v;
    if (Object.keys(fields).length > 0) {
      throw new ApiError(400, full.length > 0 ? `No units left on ${full.map((l) => l.name ?? l.id).join(", ")}` : "Check the highlighted fields", fields);
    }
  }

  const target = { targetEmail: email };
  const requested = diffPerson({}, body as Record<string, unknown>);
  let person: Person;
  let recovered = false;
  let webexError: CreateResult["webexError"];
  // The intent row before the POST, completed after it (decision 006): a process that dies in between leaves it.
  const intent = await beginAudit({ user, action: "person.create", ...target, detail: { changes: requested }, jobId: opts.jobId });
  try {
    person = await webex.createPerson({ ...body, emails: [email] } as PersonCreate, { callingData: true });
  } catch (err) {
    if (err instanceof WebexError && err.status === 409) {
      const dup = await findAfterFailure(webex, email, RECOVERY_LOOKUP_PAUSES_MS); // a list that lags hides them at first
      await intent.finish({ detail: { changes: requested }, error: err });
      if (dup) throw new DuplicateEmailError(email, dup.id);
      throw err;
    }
    const found = mayHaveCreated(err) ? await findAfterFailure(webex, email, RECOVERY_LOOKUP_PAUSES_MS) : null;
    if (!found) {
      await intent.finish({ detail: { changes: requested }, error: err });
      throw err;
    }
    person = found;
    recovered = true;
    if (err instanceof WebexError) webexError = { status: err.status, message: err.message, trackingId: err.trackingId };
  }
  const unapplied = unappliedLicenses(body.licenses, person.licenses);
  await intent.finish({
    targetId: person.id,
    targetEmail: email,
    detail: {
      changes: requested,
      ...(unapplied.length ? { unappliedLicenses: unapplied } : {}),
      ...(recovered ? { note: "Webex answered with an error, but the person was created (found by email)" } : {}),
    },
  });
  return { person, unappliedLicenses: unapplied, recovered, ...(webexError ? { webexError } : {}) };
}
