import type { IndexedPerson } from "./types";

// The directory index's filter (issue 15): what the people grid's facets ask, what a saved view keeps, what a bulk
// job on "all N matching" resolves. Pure. Within a facet the values are alternatives (any of); facets combine with
// AND. Empty arrays and nulls mean "not filtered".

export interface DirectoryFilter {
  /** Presence status (IndexedPerson.status), any of. "unknown" matches people without one. */
  status: string[];
  /** Holds every one of these licenses. */
  hasLicenses: string[];
  /** Holds none of these licenses. */
  lacksLicenses: string[];
  /** Holds no license at all. */
  noLicense: boolean;
  /** true: holds at least one admin role; false: holds none. */
  admin: boolean | null;
  /** Holds any of these roles. */
  roles: string[];
  /** Department, any of; "" matches people without one. */
  departments: string[];
  /** Location ID, any of; "" matches people without a known one. */
  locations: string[];
  invitePending: boolean | null;
  /** true: sign-in disabled (loginEnabled false); false: enabled. */
  signInDisabled: boolean | null;
  /** Last activity older than this many days, or never active. */
  inactiveDays: number | null;
}

export const EMPTY_FILTER: DirectoryFilter = {
  status: [],
  hasLicenses: [],
  lacksLicenses: [],
  noLicense: false,
  admin: null,
  roles: [],
  departments: [],
  locations: [],
  invitePending: null,
  signInDisabled: null,
  inactiveDays: null,
};

export function isEmptyFilter(f: DirectoryFilter): boolean {
  return (
    !f.status.length &&
    !f.hasLicenses.length &&
    !f.lacksLicenses.length &&
    !f.noLicense &&
    f.admin === null &&
    !f.roles.length &&
    !f.departments.length &&
    !f.locations.length &&
    f.invitePending === null &&
    f.signInDisabled === null &&
    f.inactiveDays === null
  );
}

const DAY_MS = 86_400_000;

/** Does `p` pass every facet of `f`? `now` decides "inactive N days" (pass it: tests must not depend on the clock). */
export function matchesFilter(p: IndexedPerson, f: DirectoryFilter, now: number): boolean {
  if (f.status.length && !f.status.includes(p.status ?? "unknown")) return false;
  if (f.noLicense && p.licenses.length > 0) return false;
  for (const l of f.hasLicenses) if (!p.licenses.includes(l)) return false;
  for (const l of f.lacksLicenses) if (p.licenses.includes(l)) return false;
  if (f.admin !== null && p.roles.length > 0 !== f.admin) return false;
  if (f.roles.length && !f.roles.some((r) => p.roles.includes(r))) return false;
  if (f.departments.length && !f.departments.includes(p.department ?? "")) return false;
  if (f.locations.length && !f.locations.includes(p.locationId ?? "")) return false;
  if (f.invitePending !== null && p.invitePending !== f.invitePending) return false;
  if (f.signInDisabled !== null && !p.loginEnabled !== f.signInDisabled) return false;
  if (f.inactiveDays !== null) {
    const last = p.lastActivity ? Date.parse(p.lastActivity) : NaN;
    if (Number.isFinite(last) && now - last < f.inactiveDays * DAY_MS) return false;
  }
  return true;
}
