import { isWebexId } from "@/lib/people/formats";
import { paramGetter, type RawParams } from "@/lib/url-view";
import { type DirectoryFilter, EMPTY_FILTER } from "./filter";

// A DirectoryFilter in a URL: the people grid's address bar and GET /api/directory/people's query string use the
// same keys. Pure, no zod (it is on the first load of /people); parsing never throws: an unknown or malformed value
// is dropped (the API's schema, lib/directory/schemas.ts, refuses them instead).
//
//   status=active,inactive   has=<licenseId>,…   lacks=<licenseId>,…   nolicense=1   admin=yes|no   roles=<roleId>,…
//   dept=Sales,~             loc=<locationId>,~   pending=yes|no        signin=disabled|enabled      inactive=90
//
// Departments are free text: each is percent-encoded before the commas join them; "~" stands for "none" in `dept`
// and `loc`. `roles` is the same key the grid's live (Webex) role filter always used: Webex can answer it, so it
// alone does not switch the grid to the index.

export const FILTER_PARAM_KEYS = ["status", "has", "lacks", "nolicense", "admin", "roles", "dept", "loc", "pending", "signin", "inactive"] as const;

const NONE = "~";
const STATUS_RE = /^[A-Za-z]{1,40}$/;

function list(v: string | undefined): string[] {
  return (v ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

function encodeItem(s: string): string {
  return s === "" ? NONE : encodeURIComponent(s).replace(/~/g, "%7E");
}

function decodeItem(s: string): string | null {
  if (s === NONE) return "";
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

const uniq = <T>(xs: T[], max: number) => [...new Set(xs)].slice(0, max);

function yesNo(v: string | undefined, yes: string, no: string): boolean | null {
  return v === yes ? true : v === no ? false : null;
}

/** The filter a URL names; anything it cannot read is left out. */
export function parseDirectoryFilter(params: RawParams): DirectoryFilter {
  const get = paramGetter(params);
  const inactive = Number(get("inactive"));
  return {
    status: uniq(list(get("status")).filter((s) => STATUS_RE.test(s)), 20),
    hasLicenses: uniq(list(get("has")).filter(isWebexId), 20),
    lacksLicenses: uniq(list(get("lacks")).filter(isWebexId), 20),
    noLicense: get("nolicense") === "1",
    admin: yesNo(get("admin"), "yes", "no"),
    roles: uniq(list(get("roles")).filter(isWebexId), 20),
    departments: uniq(
      list(get("dept"))
        .map(decodeItem)
        .filter((d): d is string => d !== null && d.length <= 256 && !/[\u0000-\u001f\u007f]/.test(d)),
      50,
    ),
    locations: uniq(
      list(get("loc")).map((l) => (l === NONE ? "" : l)).filter((l) => l === "" || isWebexId(l)),
      50,
    ),
    invitePending: yesNo(get("pending"), "yes", "no"),
    signInDisabled: yesNo(get("signin"), "disabled", "enabled"),
    inactiveDays: Number.isInteger(inactive) && inactive >= 1 && inactive <= 3650 ? inactive : null,
  };
}

/** The URL parameters of a filter (facets not filtered are left out). */
export function directoryFilterParams(f: DirectoryFilter): Record<string, string> {
  const out: Record<string, string> = {};
  if (f.status.length) out.status = f.status.join(",");
  if (f.hasLicenses.length) out.has = f.hasLicenses.join(",");
  if (f.lacksLicenses.length) out.lacks = f.lacksLicenses.join(",");
  if (f.noLicense) out.nolicense = "1";
  if (f.admin !== null) out.admin = f.admin ? "yes" : "no";
  if (f.roles.length) out.roles = f.roles.join(",");
  if (f.departments.length) out.dept = f.departments.map(encodeItem).join(",");
  if (f.locations.length) out.loc = f.locations.map((l) => (l === "" ? NONE : l)).join(",");
  if (f.invitePending !== null) out.pending = f.invitePending ? "yes" : "no";
  if (f.signInDisabled !== null) out.signin = f.signInDisabled ? "disabled" : "enabled";
  if (f.inactiveDays !== null) out.inactive = String(f.inactiveDays);
  return out;
}

/** Does the filter ask something only the index can answer (anything but roles)? */
export function needsIndex(f: DirectoryFilter): boolean {
  return (
    f.status.length > 0 ||
    f.hasLicenses.length > 0 ||
    f.lacksLicenses.length > 0 ||
    f.noLicense ||
    f.admin !== null ||
    f.departments.length > 0 ||
    f.locations.length > 0 ||
    f.invitePending !== null ||
    f.signInDisabled !== null ||
    f.inactiveDays !== null
  );
}

export { EMPTY_FILTER };
