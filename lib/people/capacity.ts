// License capacity and the Webex Calling rules, shared by the forms and the server's pre-flight checks.

export interface LicenseInfo {
  id: string;
  name?: string;
  totalUnits?: number;
  consumedUnits?: number;
}

/** Units still free, or null when Webex does not report a total (unlimited or unknown). */
export function remainingUnits(license: LicenseInfo): number | null {
  if (typeof license.totalUnits !== "number") return null;
  return Math.max(0, license.totalUnits - (license.consumedUnits ?? 0));
}

/**
 * Licenses being *added* (not already held) that have no free units. A license the person already holds does
 * not need a new unit.
 */
export function exhaustedAdditions(licenses: readonly LicenseInfo[], held: readonly string[], wanted: readonly string[]): LicenseInfo[] {
  const have = new Set(held);
  const byId = new Map(licenses.map((l) => [l.id, l]));
  return wanted
    .filter((id) => !have.has(id))
    .map((id) => byId.get(id))
    .filter((l): l is LicenseInfo => l !== undefined && remainingUnits(l) === 0);
}

/** IDs in `wanted` that are not in the organization's license list. */
export function unknownLicenses(licenses: readonly LicenseInfo[], wanted: readonly string[]): string[] {
  const known = new Set(licenses.map((l) => l.id));
  return wanted.filter((id) => !known.has(id));
}

const CALLING_OFFER_CODES = new Set(["BCSTD", "BCWEB", "BCBASIC", "CF", "CW", "BCCB"]);

/** Webex Calling licenses, by offer code inside the (base64url) ID, or by name. */
export function isCallingLicense(license: LicenseInfo): boolean {
  if (/calling/i.test(license.name ?? "")) return true;
  try {
    const decoded = typeof atob === "function" ? atob(license.id.replace(/-/g, "+").replace(/_/g, "/")) : "";
    const offer = /\/LICENSE\/[^:]*:([A-Z]+)_/.exec(decoded)?.[1];
    return offer !== undefined && CALLING_OFFER_CODES.has(offer);
  } catch {
    return false;
  }
}

export interface CallingInput {
  licenses: readonly string[];
  extension?: string;
  locationId?: string;
  phoneNumbers?: readonly { type: string; value: string }[];
}

/** Field → message for the Calling rules (docs/webex-api.md): a Calling license needs a number/extension and a location. */
export function callingProblems(input: CallingInput, licenses: readonly LicenseInfo[]): Record<string, string> {
  const byId = new Map(licenses.map((l) => [l.id, l]));
  const hasCalling = input.licenses.some((id) => {
    const l = byId.get(id);
    return l ? isCallingLicense(l) : false;
  });
  const workNumbers = (input.phoneNumbers ?? []).filter((n) => n.type === "work" || n.type === "work_extension");
  const problems: Record<string, string> = {};
  if (hasCalling) {
    if (!input.extension && workNumbers.length === 0) problems.extension = "A Webex Calling license needs an extension or a work number";
    if (!input.locationId) problems.locationId = "A Webex Calling license needs a location";
  } else {
    if (input.locationId) problems.locationId = "A location can only be set with a Webex Calling license";
    if (input.extension) problems.extension = "An extension can only be set with a Webex Calling license";
  }
  return problems;
}
