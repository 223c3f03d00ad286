import type { EmulatorConfig } from "../config";
import { ApiError } from "../http";
import type { Store } from "../store";
import type { Person, PhoneNumber } from "../types";

export interface CallingFields {
  phoneNumbers: PhoneNumber[];
  extension?: string;
  locationId?: string;
}

/**
 * Decides which requested licenses a person ends up with. Units the person already holds are not
 * counted twice. "reject" answers 400 naming every license without room; "skip" keeps what fits,
 * matching the two behaviours the Webex documents describe.
 */
export function grantLicenses(store: Store, person: Person | undefined, requested: string[], mode: EmulatorConfig["licenseOverflow"]): string[] {
  const unique = [...new Set(requested)];
  const unknown = unique.filter((id) => !store.license(id));
  if (unknown.length > 0) throw new ApiError(400, `License not recognized: ${unknown.join(", ")}`, {}, 400000);
  const granted: string[] = [];
  const full: string[] = [];
  for (const id of unique) {
    const license = store.license(id);
    if (!license) continue;
    if (person?.licenses.includes(id) || store.freeUnits(license) > 0) granted.push(id);
    else full.push(`${license.name} (${id})`);
  }
  if (full.length > 0 && mode === "reject") {
    throw new ApiError(400, `Not enough licenses available: ${full.join(", ")} has no free units.`);
  }
  return granted;
}

export type LicenseRefusal = "notRecognized" | "callingProperties" | "exhausted";

/**
 * The 400 of a license assignment, shaped as the spec's PATCH /licenses/users examples (`LicenseError`): a short
 * `message`, and `errors[0]` with the spec's `errorCode` and a description naming the licenses. The spec lists no
 * code for an exhausted pool, so that error carries none (a client must not depend on one).
 */
export function licenseError(why: LicenseRefusal, licenses: string[]): ApiError {
  const list = licenses.join(", ");
  switch (why) {
    case "notRecognized":
      return new ApiError(400, "License not recognized", {}, 400000, `License not recognized ${list}`);
    case "callingProperties":
      return new ApiError(
        400,
        "License properties missing",
        {},
        400411,
        `Each Webex Calling license should contain its own calling properties. The following license(s) do not have properties: ${list}`,
      );
    case "exhausted":
      return new ApiError(
        400,
        "License assignment failed",
        {},
        undefined,
        `Not enough licenses available. The following license(s) could not be applied as requested: ${list}`,
      );
  }
}

const isWorkNumber = (n: PhoneNumber) => n.type === "work" || n.type === "work_extension";

/**
 * Webex Calling rules: a Calling license needs phoneNumbers or extension plus locationId in the same
 * request; Calling fields without a Calling license are refused. When "skip" dropped a requested
 * Calling license the Calling fields are dropped with it instead of failing the whole request.
 */
export function applyCallingRules(
  store: Store,
  person: Person | undefined,
  requested: string[],
  granted: string[],
  fields: CallingFields,
): CallingFields {
  const isCalling = (id: string) => store.license(id)?.calling === true;
  const hasCalling = granted.some(isCalling);
  const workNumbers = fields.phoneNumbers.filter(isWorkNumber);
  if (fields.locationId !== undefined && !store.location(fields.locationId)) {
    throw new ApiError(400, "Unable to find location.", {}, 400);
  }
  if (hasCalling) {
    if ((workNumbers.length === 0 && !fields.extension) || !fields.locationId) {
      throw new ApiError(400, "A Webex Calling license requires phoneNumbers or extension, and locationId, in the same request.");
    }
    const wasCalling = person?.licenses.some(isCalling) ?? false;
    if (wasCalling && person?.locationId && person.locationId !== fields.locationId) {
      throw new ApiError(400, "The locationId of an existing Webex Calling user cannot be changed.");
    }
    return fields;
  }
  if (requested.some(isCalling)) {
    return { phoneNumbers: fields.phoneNumbers.filter((n) => !isWorkNumber(n)) };
  }
  if (fields.locationId !== undefined) throw new ApiError(400, "locationId can only be set together with a Webex Calling license.");
  if (fields.extension !== undefined || workNumbers.length > 0) {
    throw new ApiError(400, "Work phone numbers and extension can only be set for a person with a Webex Calling license.");
  }
  return fields;
}

export function checkRoles(store: Store, roles: string[]): string[] {
  const unknown = roles.filter((id) => !store.role(id));
  if (unknown.length > 0) throw new ApiError(400, `Role not recognized: ${unknown.join(", ")}`);
  return [...new Set(roles)];
}
