import type { PersonDetail } from "./person-detail";
import type { OnboardingFormValues } from "./schemas";

// Helpdesk onboarding (issue 14): "Add another like this" and "Copy access from an existing person". Pure.

export const EMPTY_ONBOARDING: OnboardingFormValues = {
  email: "",
  firstName: "",
  lastName: "",
  displayName: "",
  department: "",
  title: "",
  manager: "",
  managerId: "",
  extension: "",
  locationId: "",
  phoneNumbers: [],
  addresses: [],
  licenses: [],
  roles: [],
};

/**
 * The next new hire of the same team: licenses, Calling location, department and manager stay; everything
 * personal (email, names, title, numbers, extension, addresses) and admin roles (granted one person at a time) go.
 */
export function keepForAnother(v: OnboardingFormValues): OnboardingFormValues {
  return {
    ...EMPTY_ONBOARDING,
    licenses: [...v.licenses],
    locationId: v.locationId,
    department: v.department,
    manager: v.manager,
    managerId: v.managerId,
  };
}

/** The form's text fields in the order they appear: where focus goes after "Add another like this". */
const FIELD_ORDER = ["email", "firstName", "lastName", "displayName", "department", "title", "extension"] as const;
export type OnboardingTextField = (typeof FIELD_ORDER)[number];

export function firstEmptyField(v: OnboardingFormValues): OnboardingTextField | null {
  return FIELD_ORDER.find((f) => !(v[f] ?? "").trim()) ?? null;
}

export interface CopiedAccess {
  licenses: string[];
  roles: string[];
  /** Held by the person but not in this organization's lists (e.g. a license of another site): not copied. */
  skippedLicenses: string[];
  skippedRoles: string[];
}

/**
 * Licenses and admin roles of `person` as Webex returned them (GET /people/{id}), limited to those the form can
 * assign (the organization's license and role lists).
 */
export function accessFrom(person: Pick<PersonDetail, "licenses" | "roles">, known: { licenses: readonly string[]; roles: readonly string[] }): CopiedAccess {
  const licenses = new Set(known.licenses);
  const roles = new Set(known.roles);
  const held = [...new Set(person.licenses ?? [])];
  const granted = [...new Set(person.roles ?? [])];
  return {
    licenses: held.filter((id) => licenses.has(id)),
    roles: granted.filter((id) => roles.has(id)),
    skippedLicenses: held.filter((id) => !licenses.has(id)),
    skippedRoles: granted.filter((id) => !roles.has(id)),
  };
}
