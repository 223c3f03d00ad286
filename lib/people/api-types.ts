import type { AuditEvent, WebexAuditStatus } from "./audit-types";
import type { FieldChange } from "./diff-person";
import type { PersonDetail } from "./person-detail";
import type { RefusedLicense } from "./refused-licenses";

// Response types of the people and activity API, shared by the server function that builds them (lib/server/) and
// the browser query that reads them (lib/query/). GET /api/people answers a PeoplePage (./person.ts).
//
// `P` is the person: PersonDetail in the browser; the server's Webex client types it from its zod schema
// (lib/server/webex/models.ts), which is looser (e.g. a phone number's type is any string), so the server fills
// these with its own Person and shares everything around it.

/** GET /api/activity: one page of the audit trail. */
export interface ActivityPage {
  items: AuditEvent[];
  nextCursor: string | null;
  /** Whether Webex's admin audit events are among the items, and if not why (decision 016). */
  webex: WebexAuditStatus;
}

/** A person as Webex holds them after a change, and the requested licenses Webex did not assign. */
export interface SaveResult<P = PersonDetail> {
  person: P;
  /** Requested license IDs the person does not hold afterwards (Webex may skip exhausted ones silently). */
  unappliedLicenses: string[];
}

/** POST /api/people. */
export interface CreatePersonResponse<P = PersonDetail> extends SaveResult<P> {
  /** Webex answered with an error, but the lookup that followed found the person: it was created. */
  recovered: boolean;
  /**
   * With `recovered`: what Webex said. Its 400 "although created" means one of Webex's services failed, e.g. Webex
   * Calling on an invalid phone number: the person then exists without the Calling license (in unappliedLicenses).
   */
  webexError?: { status: number; message: string; trackingId: string };
}

/**
 * PATCH /api/people/:id: the person as Webex holds them now, or (a license-only edit, sent as one PATCH
 * /licenses/users without reading the person) `person: null` with the licenses Webex says they hold and each
 * license Webex refused, by name and why.
 */
export type EditResult<P = PersonDetail> = PutEditResult<P> | LicenseEditResult;

export interface PutEditResult<P = PersonDetail> extends SaveResult<P> {
  /** What changed, as Webex stored it (empty when there was nothing to send). */
  changes: FieldChange[];
  licenses?: undefined;
  refusedLicenses?: undefined;
}

export interface LicenseEditResult {
  /** Null: Roster did not read the person (one call); `licenses` is what Webex answered the person now holds. */
  person: null;
  licenses: string[];
  changes: FieldChange[];
  unappliedLicenses: string[];
  /** Each license Webex did not add or remove, by name, with why. */
  refusedLicenses: RefusedLicense[];
}

/** After a failed save (the error body's `outcome`): which of the admin's fields Webex applied anyway and which not. */
export interface FailedSaveOutcome {
  /** The admin's fields Webex changed anyway, as it stored them. */
  applied: FieldChange[];
  /** The admin's fields Webex left as they were: `before` is Webex's value now, `after` the admin's, to send again. */
  notApplied: FieldChange[];
  /** Requested license IDs the person does not hold afterwards. */
  unappliedLicenses: string[];
}
