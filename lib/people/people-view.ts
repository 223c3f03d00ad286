import { type DirectoryFilter, EMPTY_FILTER } from "@/lib/directory/filter";
import { directoryFilterParams, needsIndex, parseDirectoryFilter } from "@/lib/directory/filter-url";
import { isSortKey } from "@/lib/directory/facets";
import { paramGetter, type RawParams } from "@/lib/url-view";
import { isEmail, isWebexId, PEOPLE_MAX_PAGE_WITH_LOCATION } from "./formats";

// The people directory's whole view lives in the URL (a copied link reopens it; Back/Forward work).
// Parsing never throws: a hand-edited or stale URL falls back to defaults instead of a 400 from the API.
// No zod here: this module is on the first load of /people (formats.ts holds the same checks as the API's schemas).

export const PAGE_SIZES = [25, 50, 100, 250, 1000] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export const DEFAULT_PAGE_SIZE: PageSize = 100;
/** Webex sorts nothing server-side; sorting only reorders the loaded page. */
export interface SortState {
  id: string;
  desc: boolean;
}

export interface PeopleView {
  /** Search text as typed (trimmed). `@` → exact email lookup, otherwise display-name prefix. */
  q: string;
  roles: string[];
  location: string | null;
  size: PageSize;
  cursor: string | null;
  /** 1-based number of the current page (for "Showing 101–200"); 1 when there is no cursor. */
  page: number;
  sort: SortState | null;
  /** Visible columns named in the URL; null when the URL does not say (localStorage or defaults apply). */
  cols: string[] | null;
  /**
   * The directory index's facets (lib/directory/filter-url.ts). Its `roles` is always empty here: the role filter is
   * `roles` above, which Webex can answer live and the index answers the same way (any of). Any other facet makes
   * the grid the index view (isIndexView).
   */
  filter: DirectoryFilter;
  /** Index view only: the first row of the page (Webex's live paging uses `cursor`). */
  offset: number;
}

export const DEFAULT_VIEW: PeopleView = {
  q: "",
  roles: [],
  location: null,
  size: DEFAULT_PAGE_SIZE,
  cursor: null,
  page: 1,
  sort: null,
  cols: null,
  filter: EMPTY_FILTER,
  offset: 0,
};

const list = (v: string | undefined) =>
  (v ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

export function parsePeopleView(params: RawParams): PeopleView {
  const get = paramGetter(params);
  const q = (get("q") ?? "").trim().slice(0, 256);
  const roles = [...new Set(list(get("roles")).filter(isWebexId))].slice(0, 20);
  const locationRaw = get("location");
  const location = locationRaw && isWebexId(locationRaw) ? locationRaw : null;
  const sizeNum = Number(get("size"));
  const size = (PAGE_SIZES as readonly number[]).includes(sizeNum) ? (sizeNum as PageSize) : DEFAULT_PAGE_SIZE;
  const cursorRaw = get("cursor");
  const cursor = cursorRaw && cursorRaw.length <= 4096 && /^[A-Za-z0-9_.-]+$/.test(cursorRaw) ? cursorRaw : null;
  const pageNum = Number(get("page"));
  const page = cursor && Number.isInteger(pageNum) && pageNum >= 2 && pageNum <= 1_000_000 ? pageNum : cursor ? 2 : 1;
  const sortRaw = get("sort");
  const sort = sortRaw && /^-?[a-zA-Z]+$/.test(sortRaw) ? { id: sortRaw.replace(/^-/, ""), desc: sortRaw.startsWith("-") } : null;
  const colsRaw = get("cols");
  const cols = colsRaw === undefined ? null : list(colsRaw).filter((c) => /^[a-zA-Z]+$/.test(c));
  const filter = { ...parseDirectoryFilter(params), roles: [] };
  const offsetNum = Number(get("offset"));
  const offset = needsIndex(filter) && Number.isInteger(offsetNum) && offsetNum > 0 && offsetNum <= 10_000_000 ? offsetNum : 0;
  return { q, roles, location, size, cursor: needsIndex(filter) ? null : cursor, page: needsIndex(filter) ? 1 : page, sort, cols, filter, offset };
}

/** The URL query string for a view; defaults are left out so links stay short. */
export function serializePeopleView(view: PeopleView): string {
  const p = new URLSearchParams();
  if (view.q) p.set("q", view.q);
  if (view.roles.length) p.set("roles", view.roles.join(","));
  if (view.location) p.set("location", view.location);
  if (view.size !== DEFAULT_PAGE_SIZE) p.set("size", String(view.size));
  if (view.cursor) {
    p.set("cursor", view.cursor);
    p.set("page", String(view.page));
  }
  if (view.sort) p.set("sort", `${view.sort.desc ? "-" : ""}${view.sort.id}`);
  if (view.cols) p.set("cols", view.cols.join(","));
  for (const [k, v] of Object.entries(directoryFilterParams({ ...view.filter, roles: [] }))) p.set(k, v);
  if (view.offset > 0 && isIndexView(view)) p.set("offset", String(view.offset));
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** Webex answers at most 50 people per page with a location filter (a larger max is silently clamped). */
export function effectivePageSize(view: Pick<PeopleView, "size" | "location">): number {
  return view.location ? Math.min(view.size, PEOPLE_MAX_PAGE_WITH_LOCATION) : view.size;
}

export function isPageSizeClamped(view: Pick<PeopleView, "size" | "location">): boolean {
  return effectivePageSize(view) !== view.size;
}

export type SearchIntent =
  | { kind: "none" }
  | { kind: "email"; email: string }
  | { kind: "name"; displayName: string }
  | { kind: "invalid-email"; message: string };

export function searchIntent(q: string): SearchIntent {
  const text = q.trim();
  if (!text) return { kind: "none" };
  if (text.includes("@")) {
    return isEmail(text)
      ? { kind: "email", email: text }
      : { kind: "invalid-email", message: "Type the whole email address (for example name@example.com) to look someone up by email." };
  }
  return { kind: "name", displayName: text };
}

/** Query parameters for GET /api/people; also the React Query key, so no undefined values. */
export interface PeopleQueryParams {
  email?: string;
  displayName?: string;
  roles?: string;
  locationId?: string;
  max: number;
  cursor?: string;
}

/** Null when the view cannot be asked (e.g. a half-typed email address). */
export function toPeopleQuery(view: PeopleView): PeopleQueryParams | null {
  const intent = searchIntent(view.q);
  if (intent.kind === "invalid-email") return null;
  const query: PeopleQueryParams = { max: effectivePageSize(view) };
  if (intent.kind === "email") query.email = intent.email;
  if (intent.kind === "name") query.displayName = intent.displayName;
  if (view.roles.length) query.roles = view.roles.join(",");
  if (view.location) query.locationId = view.location;
  if (view.cursor) query.cursor = view.cursor;
  return query;
}

export function hasFilters(view: PeopleView): boolean {
  return Boolean(view.q || view.roles.length || view.location || needsIndex(view.filter));
}

/** A change of search, filters or page size starts again at the first page. */
export function withFilters(view: PeopleView, patch: Partial<Pick<PeopleView, "q" | "roles" | "location" | "size" | "filter">>): PeopleView {
  return { ...view, ...patch, cursor: null, page: 1, offset: 0 };
}

export function clearFilters(view: PeopleView): PeopleView {
  return withFilters(view, { q: "", roles: [], location: null, filter: EMPTY_FILTER });
}

// ---- the index view (issue 15) -------------------------------------------------------------------------------------
// A facet only Roster's index can answer (status, licenses, admin, department, location list, invite pending,
// sign-in disabled, inactive days) turns the grid into the index view: an exact total, an org-wide sort, paging by
// offset. Without one, the grid stays live from Webex (search by name prefix or email, roles, one location).
// The search text means the same in both views: a display name starting with it, or an exact email address; with
// facets it narrows the index's matches (and their counts).

export function isIndexView(view: Pick<PeopleView, "filter">): boolean {
  return needsIndex(view.filter);
}

/** The whole filter the index answers: the facets, with the grid's role and location filters folded in. */
export function effectiveFilter(view: Pick<PeopleView, "filter" | "roles" | "location">): DirectoryFilter {
  const locations = view.location && !view.filter.locations.includes(view.location) ? [...view.filter.locations, view.location] : view.filter.locations;
  return { ...view.filter, roles: view.roles, locations };
}

/** Query parameters of GET /api/directory/people; also its React Query key (plain strings, no undefined). */
export type DirectoryQueryParams = Record<string, string>;

/**
 * The index query for a view: the page in the index view, or (live view) only the counts, with the page size 1.
 * Null when the search text cannot be asked (a half-typed email address).
 */
export function toDirectoryQuery(view: PeopleView): DirectoryQueryParams | null {
  if (searchIntent(view.q).kind === "invalid-email") return null;
  const index = isIndexView(view);
  const params: DirectoryQueryParams = { ...directoryFilterParams(effectiveFilter(view)) };
  if (view.q) params.q = view.q;
  if (index) {
    if (view.sort && isSortKey(view.sort.id)) params.sort = `${view.sort.desc ? "-" : ""}${view.sort.id}`;
    if (view.offset) params.offset = String(view.offset);
    params.limit = String(view.size);
  } else {
    params.limit = "1";
  }
  return params;
}

/** "Showing 101–200 of 1,234" in the index view. */
export function offsetRange(view: Pick<PeopleView, "offset">, rowsOnPage: number): { from: number; to: number } {
  return { from: rowsOnPage ? view.offset + 1 : 0, to: view.offset + rowsOnPage };
}

/** "Showing 101–200": Webex gives no total, so only the range of this page is ever claimed. */
export function pageRange(view: Pick<PeopleView, "page" | "size" | "location">, rowsOnPage: number): { from: number; to: number } {
  const size = effectivePageSize(view);
  const from = (view.page - 1) * size + 1;
  return { from: rowsOnPage ? from : 0, to: rowsOnPage ? from + rowsOnPage - 1 : 0 };
}
