import { paramGetter, queryString, type RawParams } from "@/lib/url-view";

// A license's holders list (/licenses/[id]): its filter text, sort and page in the URL, like the people grid's view
// (a copied link reopens it; Back/Forward and reload keep it). Parsing never throws: an unknown sort or a page that
// is not a whole number means the default; overlong text is cut. The list itself is filtered in the browser.

export const HOLDER_SORTS = ["name", "email", "lastActivity"] as const;
export type HolderSort = (typeof HOLDER_SORTS)[number];

export interface HoldersView {
  /** Filter text as typed (matched against names and emails, trimmed and case-insensitive). */
  q: string;
  sort: HolderSort;
  /** 1-based page (50 rows a page); a page past the end shows the last one. */
  page: number;
}

/** The URL keys this view owns (the page's usage-by-team section has its own). */
export const HOLDERS_VIEW_KEYS = ["q", "sort", "page"] as const;

export const DEFAULT_HOLDERS_VIEW: HoldersView = { q: "", sort: "name", page: 1 };
export const HOLDERS_MAX_FILTER = 200;

export function parseHoldersView(params: RawParams): HoldersView {
  const get = paramGetter(params);
  const qRaw = get("q") ?? "";
  // Control characters (a pasted tab, a hand-edited link) read as spaces; the input takes at most the maximum.
  const q = qRaw.replace(/[\u0000-\u001f\u007f]/g, " ").slice(0, HOLDERS_MAX_FILTER);
  const sortRaw = get("sort");
  const sort = (HOLDER_SORTS as readonly string[]).includes(sortRaw ?? "") ? (sortRaw as HolderSort) : DEFAULT_HOLDERS_VIEW.sort;
  const pageRaw = get("page");
  const page = pageRaw && /^\d{1,6}$/.test(pageRaw) && Number(pageRaw) >= 1 ? Number(pageRaw) : 1;
  return { q, sort, page };
}

export function serializeHoldersView(view: HoldersView): string {
  return queryString({
    q: view.q,
    sort: view.sort === DEFAULT_HOLDERS_VIEW.sort ? null : view.sort,
    page: view.page === 1 ? null : String(view.page),
  });
}
