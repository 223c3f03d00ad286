import { type DirectoryFilter, matchesFilter } from "./filter";
import type { IndexedPerson } from "./types";

// Facet counts, org-wide sort and offset paging over the directory index (issue 15). Pure: the server runs it over
// the cached snapshot of the org (lib/server/directory/query.ts), a benchmark over 100,000 synthetic people.
//
// Counts are the usual faceted counts: the count beside a value is how many people would match if that value were
// chosen, given every OTHER facet's current choice. Within a facet whose values are alternatives (status, roles,
// departments, locations) the facet's own choice is ignored, so ticking a second value adds its count; a facet of
// one choice (admin, invite pending, sign-in disabled, inactive N days, no license) shows what choosing that value
// instead would give. Licenses are chosen one by one and all must hold ("has A and has B"): the count beside "has B"
// is the people matching everything chosen now who also hold B, and "lacks B" those who don't.
//
// One pass: each person is checked against each facet once (a bit per facet failed); a person who fails no facet
// is in the total, one who fails only facet F counts towards F's values. matchesFilter (./filter.ts) stays the
// definition; facets.test.ts checks every count against it.

const DAY_MS = 86_400_000;

/** The "inactive for N days" choices the people grid offers. */
export const INACTIVE_DAYS = [30, 60, 90, 180] as const;

export interface YesNo {
  yes: number;
  no: number;
}

export interface FacetCounts {
  /** People matching the whole filter. */
  total: number;
  /** Status value ("unknown" for none) → count. */
  status: Record<string, number>;
  /** License ID → people who would match with "has this license" added. */
  hasLicense: Record<string, number>;
  /** License ID → people who would match with "lacks this license" added. */
  lacksLicense: Record<string, number>;
  noLicense: number;
  /** yes: holds at least one admin role. */
  admin: YesNo;
  /** Role ID → count. */
  roles: Record<string, number>;
  /** Department ("" for none) → count. */
  departments: Record<string, number>;
  /** Location ID ("" for none known) → count. */
  locations: Record<string, number>;
  invitePending: YesNo;
  /** yes: sign-in disabled. */
  signInDisabled: YesNo;
  /** Days (as a string key: "30", "60", …) → count of people inactive that long (or never active). */
  inactive: Record<string, number>;
}

/** IDs always listed in the counts even when nobody holds them (0), e.g. every license of the org's catalogue. */
export interface KnownValues {
  licenses?: readonly string[];
  roles?: readonly string[];
  locations?: readonly string[];
}

// One bit per facet.
const STATUS = 1;
const LICENSES = 2; // has + lacks: both are answered from who matches everything (see above)
const NO_LICENSE = 4;
const ADMIN = 8;
const ROLES = 16;
const DEPARTMENTS = 32;
const LOCATIONS = 64;
const INVITE = 128;
const SIGN_IN = 256;
const INACTIVE = 512;

function inc(rec: Record<string, number>, key: string): void {
  rec[key] = (rec[key] ?? 0) + 1;
}

/** Milliseconds since the person's last activity; Infinity when never active (or Webex sent no valid date). */
function idleMs(p: IndexedPerson, now: number): number {
  const last = p.lastActivity ? Date.parse(p.lastActivity) : NaN;
  return Number.isFinite(last) ? now - last : Infinity;
}

/** The total and every facet's counts for `filter` over `people`; `now` decides "inactive N days". */
export function computeFacets(people: readonly IndexedPerson[], filter: DirectoryFilter, now: number, known: KnownValues = {}): FacetCounts {
  const out: FacetCounts = {
    total: 0,
    status: {},
    hasLicense: {},
    lacksLicense: {},
    noLicense: 0,
    admin: { yes: 0, no: 0 },
    roles: {},
    departments: {},
    locations: {},
    invitePending: { yes: 0, no: 0 },
    signInDisabled: { yes: 0, no: 0 },
    inactive: {},
  };
  const f = filter;
  const statusSet = f.status.length ? new Set(f.status) : null;
  const deptSet = f.departments.length ? new Set(f.departments) : null;
  const locSet = f.locations.length ? new Set(f.locations) : null;
  const inactiveMs = f.inactiveDays !== null ? f.inactiveDays * DAY_MS : null;
  const inactiveKeys = INACTIVE_DAYS.map((d) => [String(d), d * DAY_MS] as const);

  for (const p of people) {
    const status = p.status ?? "unknown";
    const dept = p.department ?? "";
    const loc = p.locationId ?? "";
    const isAdmin = p.roles.length > 0;
    const idle = idleMs(p, now);

    let mask = 0;
    if (statusSet && !statusSet.has(status)) mask |= STATUS;
    for (const l of f.hasLicenses) if (!p.licenses.includes(l)) mask |= LICENSES;
    for (const l of f.lacksLicenses) if (p.licenses.includes(l)) mask |= LICENSES;
    if (f.noLicense && p.licenses.length > 0) mask |= NO_LICENSE;
    if (f.admin !== null && isAdmin !== f.admin) mask |= ADMIN;
    if (f.roles.length && !f.roles.some((r) => p.roles.includes(r))) mask |= ROLES;
    if (deptSet && !deptSet.has(dept)) mask |= DEPARTMENTS;
    if (locSet && !locSet.has(loc)) mask |= LOCATIONS;
    if (f.invitePending !== null && p.invitePending !== f.invitePending) mask |= INVITE;
    if (f.signInDisabled !== null && p.loginEnabled === f.signInDisabled) mask |= SIGN_IN;
    if (inactiveMs !== null && idle < inactiveMs) mask |= INACTIVE;

    // Fails two facets or more: no count can include this person.
    if (mask & (mask - 1)) continue;

    if (mask === 0) {
      out.total++;
      for (const l of p.licenses) inc(out.hasLicense, l);
    }
    if ((mask | STATUS) === STATUS) inc(out.status, status);
    if ((mask | NO_LICENSE) === NO_LICENSE && p.licenses.length === 0) out.noLicense++;
    if ((mask | ADMIN) === ADMIN) {
      if (isAdmin) out.admin.yes++;
      else out.admin.no++;
    }
    if ((mask | ROLES) === ROLES) for (const r of p.roles) inc(out.roles, r);
    if ((mask | DEPARTMENTS) === DEPARTMENTS) inc(out.departments, dept);
    if ((mask | LOCATIONS) === LOCATIONS) inc(out.locations, loc);
    if ((mask | INVITE) === INVITE) {
      if (p.invitePending) out.invitePending.yes++;
      else out.invitePending.no++;
    }
    if ((mask | SIGN_IN) === SIGN_IN) {
      if (p.loginEnabled) out.signInDisabled.no++;
      else out.signInDisabled.yes++;
    }
    if ((mask | INACTIVE) === INACTIVE) for (const [key, ms] of inactiveKeys) if (idle >= ms) inc(out.inactive, key);
  }

  // Every value someone chose or the org knows is listed, with 0 when nobody would match.
  const licenseIds = new Set([...Object.keys(out.hasLicense), ...(known.licenses ?? []), ...f.hasLicenses, ...f.lacksLicenses]);
  for (const l of licenseIds) {
    out.hasLicense[l] ??= 0;
    out.lacksLicense[l] = out.total - out.hasLicense[l];
  }
  for (const s of f.status) out.status[s] ??= 0;
  for (const r of [...(known.roles ?? []), ...f.roles]) out.roles[r] ??= 0;
  for (const d of f.departments) out.departments[d] ??= 0;
  for (const l of [...(known.locations ?? []), ...f.locations]) out.locations[l] ??= 0;
  for (const [key] of inactiveKeys) out.inactive[key] ??= 0;
  if (f.inactiveDays !== null) out.inactive[String(f.inactiveDays)] ??= 0;
  return out;
}

/** People matching `filter` and the search text `q` (see matchesSearch), in the order given. */
export function filterPeople(people: readonly IndexedPerson[], filter: DirectoryFilter, now: number, q = ""): IndexedPerson[] {
  const out: IndexedPerson[] = [];
  const text = q.trim();
  for (const p of people) if (matchesFilter(p, filter, now) && (!text || matchesSearch(p, text))) out.push(p);
  return out;
}

// ---- search text -------------------------------------------------------------------------------------------------

/**
 * The people grid's search text over the index means what it means live in Webex, so adding a facet never changes
 * what the text finds: with an "@" an exact email address (case-insensitive), otherwise a display name starting
 * with the text (case-insensitive).
 */
export function matchesSearch(p: IndexedPerson, q: string): boolean {
  const text = q.trim().toLowerCase();
  if (!text) return true;
  if (text.includes("@")) return p.email.toLowerCase() === text;
  return p.displayName.toLowerCase().startsWith(text);
}

// ---- sort and paging ---------------------------------------------------------------------------------------------

export const SORT_KEYS = ["name", "email", "department", "title", "status", "lastActivity", "created"] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export function isSortKey(s: string): s is SortKey {
  return (SORT_KEYS as readonly string[]).includes(s);
}

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

/** The value a person is sorted by; null sorts last in both directions. Dates compare as epoch ms. */
function sortValue(p: IndexedPerson, key: SortKey): string | number | null {
  switch (key) {
    case "name":
      return p.displayName || null;
    case "email":
      return p.email || null;
    case "department":
      return p.department || null;
    case "title":
      return p.title || null;
    case "status":
      return p.status || null;
    case "lastActivity":
    case "created": {
      const v = key === "created" ? p.created : p.lastActivity;
      const t = v ? Date.parse(v) : NaN;
      return Number.isFinite(t) ? t : null;
    }
  }
}

/**
 * The whole org sorted by one column, stable (people with equal values keep their order in `people`, which the
 * snapshot keeps by display name), people without a value last whichever the direction. Returns a new array.
 */
export function sortPeople(people: readonly IndexedPerson[], key: SortKey, desc = false): IndexedPerson[] {
  const keyed = people.map((p, i) => ({ p, i, v: sortValue(p, key) }));
  const dir = desc ? -1 : 1;
  keyed.sort((a, b) => {
    if (a.v === null || b.v === null) {
      if (a.v === b.v) return a.i - b.i;
      return a.v === null ? 1 : -1;
    }
    const c = typeof a.v === "number" && typeof b.v === "number" ? a.v - b.v : collator.compare(String(a.v), String(b.v));
    return c !== 0 ? c * dir : a.i - b.i;
  });
  return keyed.map((k) => k.p);
}

/** One page by offset: the rows and whether more follow. */
export function pageByOffset<T>(rows: readonly T[], offset: number, limit: number): { rows: T[]; offset: number; hasMore: boolean } {
  const start = Math.max(0, Math.min(offset, rows.length));
  const page = rows.slice(start, start + limit);
  return { rows: page, offset: start, hasMore: start + page.length < rows.length };
}
