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

// ---- the people, encoded once per array ---------------------------------------------------------------------------
// Every text value (status, department, location, license, role) becomes a small integer and every date a number,
// once per people array (the server's snapshot keeps one array per sync generation): a scan is then integer work,
// about 10× faster at 100,000 people than comparing strings and parsing dates on every query.

class Dict {
  readonly names: string[] = [];
  private readonly codes = new Map<string, number>();
  code(name: string): number {
    let c = this.codes.get(name);
    if (c === undefined) {
      c = this.names.length;
      this.codes.set(name, c);
      this.names.push(name);
    }
    return c;
  }
  find(name: string): number {
    return this.codes.get(name) ?? -1;
  }
}

interface Encoded {
  n: number;
  status: Int32Array;
  statuses: Dict;
  department: Int32Array;
  departments: Dict;
  location: Int32Array;
  locations: Dict;
  /** Person i's licenses are licenseCodes[licenseStart[i] .. licenseStart[i + 1]). */
  licenseStart: Int32Array;
  licenseCodes: Int32Array;
  licenses: Dict;
  roleStart: Int32Array;
  roleCodes: Int32Array;
  roles: Dict;
  /** Last activity in epoch ms; NaN when never active. */
  lastMs: Float64Array;
  invitePending: Uint8Array;
  loginEnabled: Uint8Array;
}

const encodings = new WeakMap<readonly IndexedPerson[], Encoded>();

function encode(people: readonly IndexedPerson[]): Encoded {
  const cached = encodings.get(people);
  if (cached) return cached;
  const n = people.length;
  const e: Encoded = {
    n,
    status: new Int32Array(n),
    statuses: new Dict(),
    department: new Int32Array(n),
    departments: new Dict(),
    location: new Int32Array(n),
    locations: new Dict(),
    licenseStart: new Int32Array(n + 1),
    licenseCodes: new Int32Array(people.reduce((s, p) => s + p.licenses.length, 0)),
    licenses: new Dict(),
    roleStart: new Int32Array(n + 1),
    roleCodes: new Int32Array(people.reduce((s, p) => s + p.roles.length, 0)),
    roles: new Dict(),
    lastMs: new Float64Array(n),
    invitePending: new Uint8Array(n),
    loginEnabled: new Uint8Array(n),
  };
  let li = 0;
  let ri = 0;
  for (let i = 0; i < n; i++) {
    const p = people[i]!;
    e.status[i] = e.statuses.code(p.status ?? "unknown");
    e.department[i] = e.departments.code(p.department ?? "");
    e.location[i] = e.locations.code(p.locationId ?? "");
    e.licenseStart[i] = li;
    for (const l of p.licenses) e.licenseCodes[li++] = e.licenses.code(l);
    e.roleStart[i] = ri;
    for (const r of p.roles) e.roleCodes[ri++] = e.roles.code(r);
    e.lastMs[i] = p.lastActivity ? Date.parse(p.lastActivity) : NaN;
    e.invitePending[i] = p.invitePending ? 1 : 0;
    e.loginEnabled[i] = p.loginEnabled ? 1 : 0;
  }
  e.licenseStart[n] = li;
  e.roleStart[n] = ri;
  encodings.set(people, e);
  return e;
}

/** A lookup table over a dictionary: 1 for each chosen value it holds (a value nobody has is simply absent). */
function chosen(dict: Dict, values: readonly string[]): Uint8Array | null {
  if (!values.length) return null;
  const ok = new Uint8Array(dict.names.length);
  for (const v of values) {
    const c = dict.find(v);
    if (c >= 0) ok[c] = 1;
  }
  return ok;
}

function holds(codes: Int32Array, from: number, to: number, code: number): boolean {
  for (let k = from; k < to; k++) if (codes[k] === code) return true;
  return false;
}

function record(dict: Dict, counts: Int32Array): Record<string, number> {
  const out: Record<string, number> = {};
  for (let c = 0; c < counts.length; c++) if (counts[c]! > 0) out[dict.names[c]!] = counts[c]!;
  return out;
}

export interface FacetOptions {
  /** IDs listed even when nobody holds them (0). */
  known?: KnownValues;
  /** The search text (see matchesSearch): only people it finds are counted. */
  q?: string;
}

/** The facet counts, and which people (by position in `people`) match the whole filter and search text. */
export function scanFacets(people: readonly IndexedPerson[], filter: DirectoryFilter, now: number, options: FacetOptions = {}): { facets: FacetCounts; matched: Uint8Array } {
  const e = encode(people);
  const f = filter;
  const known = options.known ?? {};
  const text = (options.q ?? "").trim();

  const statusOk = chosen(e.statuses, f.status);
  const deptOk = chosen(e.departments, f.departments);
  const locOk = chosen(e.locations, f.locations);
  const roleOk = chosen(e.roles, f.roles);
  // A chosen license nobody holds: "has" fails for everyone (-1 never matches), "lacks" for no one.
  const hasCodes = f.hasLicenses.map((l) => e.licenses.find(l));
  const lacksCodes = f.lacksLicenses.map((l) => e.licenses.find(l)).filter((c) => c >= 0);
  const inactiveMs = f.inactiveDays !== null ? f.inactiveDays * DAY_MS : null;
  const inactiveMsList = INACTIVE_DAYS.map((d) => d * DAY_MS);

  const status = new Int32Array(e.statuses.names.length);
  const has = new Int32Array(e.licenses.names.length);
  const roles = new Int32Array(e.roles.names.length);
  const departments = new Int32Array(e.departments.names.length);
  const locations = new Int32Array(e.locations.names.length);
  const inactive = new Int32Array(INACTIVE_DAYS.length);
  const matched = new Uint8Array(e.n);
  let total = 0;
  let noLicense = 0;
  let adminYes = 0;
  let adminNo = 0;
  let inviteYes = 0;
  let inviteNo = 0;
  let disabledYes = 0;
  let disabledNo = 0;

  for (let i = 0; i < e.n; i++) {
    if (text && !matchesSearch(people[i]!, text)) continue;
    const l0 = e.licenseStart[i]!;
    const l1 = e.licenseStart[i + 1]!;
    const r0 = e.roleStart[i]!;
    const r1 = e.roleStart[i + 1]!;
    const isAdmin = r1 > r0;
    const last = e.lastMs[i]!;
    const idle = Number.isFinite(last) ? now - last : Infinity;

    let mask = 0;
    if (statusOk && !statusOk[e.status[i]!]) mask |= STATUS;
    for (const c of hasCodes) if (!holds(e.licenseCodes, l0, l1, c)) mask |= LICENSES;
    for (const c of lacksCodes) if (holds(e.licenseCodes, l0, l1, c)) mask |= LICENSES;
    if (f.noLicense && l1 > l0) mask |= NO_LICENSE;
    if (f.admin !== null && isAdmin !== f.admin) mask |= ADMIN;
    if (roleOk) {
      let any = false;
      for (let k = r0; k < r1; k++) if (roleOk[e.roleCodes[k]!]) any = true;
      if (!any) mask |= ROLES;
    }
    if (deptOk && !deptOk[e.department[i]!]) mask |= DEPARTMENTS;
    if (locOk && !locOk[e.location[i]!]) mask |= LOCATIONS;
    const pending = e.invitePending[i] === 1;
    if (f.invitePending !== null && pending !== f.invitePending) mask |= INVITE;
    const enabled = e.loginEnabled[i] === 1;
    if (f.signInDisabled !== null && enabled === f.signInDisabled) mask |= SIGN_IN;
    if (inactiveMs !== null && idle < inactiveMs) mask |= INACTIVE;

    // Fails two facets or more: no count can include this person.
    if (mask & (mask - 1)) continue;

    if (mask === 0) {
      total++;
      matched[i] = 1;
      for (let k = l0; k < l1; k++) has[e.licenseCodes[k]!]!++;
    }
    if ((mask | STATUS) === STATUS) status[e.status[i]!]!++;
    if ((mask | NO_LICENSE) === NO_LICENSE && l1 === l0) noLicense++;
    if ((mask | ADMIN) === ADMIN) {
      if (isAdmin) adminYes++;
      else adminNo++;
    }
    if ((mask | ROLES) === ROLES) for (let k = r0; k < r1; k++) roles[e.roleCodes[k]!]!++;
    if ((mask | DEPARTMENTS) === DEPARTMENTS) departments[e.department[i]!]!++;
    if ((mask | LOCATIONS) === LOCATIONS) locations[e.location[i]!]!++;
    if ((mask | INVITE) === INVITE) {
      if (pending) inviteYes++;
      else inviteNo++;
    }
    if ((mask | SIGN_IN) === SIGN_IN) {
      if (enabled) disabledNo++;
      else disabledYes++;
    }
    if ((mask | INACTIVE) === INACTIVE) for (let k = 0; k < inactiveMsList.length; k++) if (idle >= inactiveMsList[k]!) inactive[k]!++;
  }

  const out: FacetCounts = {
    total,
    status: record(e.statuses, status),
    hasLicense: record(e.licenses, has),
    lacksLicense: {},
    noLicense,
    admin: { yes: adminYes, no: adminNo },
    roles: record(e.roles, roles),
    departments: record(e.departments, departments),
    locations: record(e.locations, locations),
    invitePending: { yes: inviteYes, no: inviteNo },
    signInDisabled: { yes: disabledYes, no: disabledNo },
    inactive: Object.fromEntries(INACTIVE_DAYS.map((d, k) => [String(d), inactive[k]!])),
  };

  // Every value someone chose or the org knows is listed, with 0 when nobody would match.
  const licenseIds = new Set([...e.licenses.names, ...(known.licenses ?? []), ...f.hasLicenses, ...f.lacksLicenses]);
  for (const l of licenseIds) {
    out.hasLicense[l] ??= 0;
    out.lacksLicense[l] = out.total - out.hasLicense[l];
  }
  for (const s of f.status) out.status[s] ??= 0;
  for (const r of [...(known.roles ?? []), ...f.roles]) out.roles[r] ??= 0;
  for (const d of f.departments) out.departments[d] ??= 0;
  for (const l of [...(known.locations ?? []), ...f.locations]) out.locations[l] ??= 0;
  if (f.inactiveDays !== null) out.inactive[String(f.inactiveDays)] ??= 0;
  return { facets: out, matched };
}

/** The total and every facet's counts for `filter` over `people`; `now` decides "inactive N days". */
export function computeFacets(people: readonly IndexedPerson[], filter: DirectoryFilter, now: number, known: KnownValues = {}): FacetCounts {
  return scanFacets(people, filter, now, { known }).facets;
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
 * Positions in `people` of the whole org sorted by one column, stable (people with equal values keep their order in
 * `people`, which the snapshot keeps by display name), people without a value last whichever the direction.
 */
export function sortOrder(people: readonly IndexedPerson[], key: SortKey, desc = false): Int32Array {
  const n = people.length;
  const raw = people.map((p) => sortValue(p, key));
  // Texts are ranked once per distinct value (a department has a few dozen), so the sort itself compares numbers.
  const texts = [...new Set(raw.filter((v): v is string => typeof v === "string"))].sort(collator.compare);
  const rankOf = new Map<string | number, number>();
  for (let r = 0; r < texts.length; r++) {
    const prev = texts[r - 1];
    rankOf.set(texts[r]!, prev !== undefined && collator.compare(prev, texts[r]!) === 0 ? rankOf.get(prev)! : r);
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = raw[i];
    values[i] = v === null || v === undefined ? NaN : typeof v === "number" ? v : rankOf.get(v)!;
  }
  const order = Array.from({ length: n }, (_, i) => i);
  const dir = desc ? -1 : 1;
  order.sort((a, b) => {
    const va = values[a]!;
    const vb = values[b]!;
    const na = Number.isNaN(va);
    const nb = Number.isNaN(vb);
    if (na || nb) return na && nb ? a - b : na ? 1 : -1;
    return va !== vb ? (va - vb) * dir : a - b;
  });
  return Int32Array.from(order);
}

/** The whole org sorted by one column (see sortOrder). Returns a new array. */
export function sortPeople(people: readonly IndexedPerson[], key: SortKey, desc = false): IndexedPerson[] {
  return Array.from(sortOrder(people, key, desc), (i) => people[i]!);
}

/** One page by offset: the rows and whether more follow. */
export function pageByOffset<T>(rows: readonly T[], offset: number, limit: number): { rows: T[]; offset: number; hasMore: boolean } {
  const start = Math.max(0, Math.min(offset, rows.length));
  const page = rows.slice(start, start + limit);
  return { rows: page, offset: start, hasMore: start + page.length < rows.length };
}
