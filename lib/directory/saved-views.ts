import { z } from "zod";
import { hasUnsafeText } from "@/lib/safe-text";
import { safeString } from "@/lib/safe-string";

// Saved views of the people grid (issue 15): a name and the grid's URL query string, personal or shared with the
// org. Pure: the route's schemas and the browser's dialog share these rules.
//
// The query is checked by shape, not against a fixed list of the grid's parameters: the grid's URL grows (facets are
// being added to lib/people/people-view.ts), and a view saved today must still be accepted tomorrow. Any parameter
// whose name is 1–20 ASCII letters is kept, with a bounded value; the grid's own parser (parsePeopleView) ignores what
// it does not know when the view is opened. `cursor` and `page` are dropped: a view is filters, sort and columns,
// not a position in Webex's paging (a cursor expires).

export const VIEW_NAME_MAX = 80;
export const VIEW_QUERY_MAX = 2000;
export const VIEW_PARAM_VALUE_MAX = 1000;
export const VIEW_PARAMS_MAX = 30;
/** Views one admin may own in an org (personal and shared together). */
export const VIEWS_PER_OWNER_MAX = 50;
export const VIEW_PARAM_NAME = /^[a-zA-Z]{1,20}$/;
/** Paging state: never part of a saved view. */
export const VIEW_DROPPED_PARAMS: readonly string[] = ["cursor", "page"];

export type ViewQueryResult = { ok: true; query: string } | { ok: false; message: string };

/**
 * The canonical query of a view ("q=ada&size=50", no leading "?", keys sorted) or why it is refused. Accepts a
 * leading "?". Never throws.
 */
export function normalizeViewQuery(raw: string): ViewQueryResult {
  const text = raw.startsWith("?") ? raw.slice(1) : raw;
  if (text.length > VIEW_QUERY_MAX) return { ok: false, message: `A view's query may be at most ${VIEW_QUERY_MAX} characters` };
  if (hasUnsafeText(text)) return { ok: false, message: "The query contains a control character" };
  let params: URLSearchParams;
  try {
    // URLSearchParams never throws on text, but a lone "%" is kept as is: refuse what does not decode.
    decodeURIComponent(text.replace(/\+/g, " "));
    params = new URLSearchParams(text);
  } catch {
    return { ok: false, message: "The query is not a valid URL query string" };
  }
  const out = new Map<string, string>();
  for (const [key, value] of params) {
    if (!VIEW_PARAM_NAME.test(key)) return { ok: false, message: `"${key.slice(0, 40)}" is not a parameter of the people grid` };
    if (value.length > VIEW_PARAM_VALUE_MAX) return { ok: false, message: `The value of "${key}" is too long (at most ${VIEW_PARAM_VALUE_MAX} characters)` };
    if (hasUnsafeText(value)) return { ok: false, message: `The value of "${key}" contains a control character` };
    if (VIEW_DROPPED_PARAMS.includes(key)) continue;
    out.set(key, value); // a repeated key keeps the last value, as the grid reads it
  }
  if (out.size > VIEW_PARAMS_MAX) return { ok: false, message: `A view may have at most ${VIEW_PARAMS_MAX} parameters` };
  const sorted = new URLSearchParams([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { ok: true, query: sorted.toString() };
}

/** Two queries name the same view when their canonical forms are equal (order of parameters aside). */
export function sameViewQuery(a: string, b: string): boolean {
  const x = normalizeViewQuery(a);
  const y = normalizeViewQuery(b);
  return x.ok && y.ok && x.query === y.query;
}

const viewName = safeString()
  .trim()
  .min(1, "Give the view a name")
  .max(VIEW_NAME_MAX, `At most ${VIEW_NAME_MAX} characters`);

const viewQuery = z
  .string()
  .max(VIEW_QUERY_MAX + 1, `At most ${VIEW_QUERY_MAX} characters`)
  .transform((v, ctx) => {
    const r = normalizeViewQuery(v);
    if (!r.ok) {
      ctx.addIssue({ code: "custom", message: r.message });
      return z.NEVER;
    }
    return r.query;
  });

export const createViewSchema = z.strictObject({ name: viewName, query: viewQuery, shared: z.boolean().default(false) });
export type CreateViewBody = z.input<typeof createViewSchema>;

export const updateViewSchema = z
  .strictObject({ name: viewName.optional(), query: viewQuery.optional(), shared: z.boolean().optional() })
  .refine((b) => b.name !== undefined || b.query !== undefined || b.shared !== undefined, "Nothing to change");
export type UpdateViewBody = z.input<typeof updateViewSchema>;

export const viewIdSchema = z.string().regex(/^[a-zA-Z0-9_-]{8,64}$/, "Invalid view ID");

/** One saved view as GET /api/views lists it. */
export interface SavedView {
  id: string;
  name: string;
  /** Canonical query string, without "?": open it as `/people?${query}`. */
  query: string;
  shared: boolean;
  ownerEmail: string;
  /** The signed-in admin owns it. */
  mine: boolean;
  /** The signed-in admin may rename or delete it (see lib/server/directory/saved-views.ts). */
  canEdit: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface SavedViewsList {
  items: SavedView[];
  /** Whether the signed-in admin may share a view with the org. */
  canShare: boolean;
  maxPerOwner: number;
}
