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
  return { q, roles, location, size, cursor, page, sort, cols };
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
  return Boolean(view.q || view.roles.length || view.location);
}

/** A change of search, filters or page size starts again at the first page. */
export function withFilters(view: PeopleView, patch: Partial<Pick<PeopleView, "q" | "roles" | "location" | "size">>): PeopleView {
  return { ...view, ...patch, cursor: null, page: 1 };
}

export function clearFilters(view: PeopleView): PeopleView {
  return withFilters(view, { q: "", roles: [], location: null });
}

/** "Showing 101–200": Webex gives no total, so only the range of this page is ever claimed. */
export function pageRange(view: Pick<PeopleView, "page" | "size" | "location">, rowsOnPage: number): { from: number; to: number } {
  const size = effectivePageSize(view);
  const from = (view.page - 1) * size + 1;
  return { from: rowsOnPage ? from : 0, to: rowsOnPage ? from + rowsOnPage - 1 : 0 };
}
