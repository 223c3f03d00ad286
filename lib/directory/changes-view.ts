import { paramGetter, queryString, type RawParams } from "@/lib/url-view";
import { changesQuerySchema, type ChangeKind } from "./changes";
import type { TrackedField } from "./types";

// The /changes page's filters in the URL (like the activity page's): a copied link reopens the same feed; Back,
// Forward and reload keep it. Parsing never throws: each value is checked with the API's own rules and one it
// would refuse is left out. The viewer's time zone and the page cursor are added by the component.

export const CHANGES_FILTERS = ["kind", "field", "q", "from", "to", "person"] as const;
export type ChangesFilter = (typeof CHANGES_FILTERS)[number];

export interface ChangesUrlView {
  kind?: ChangeKind;
  field?: TrackedField;
  /** Text in the person's name or email. */
  q?: string;
  /** Days (YYYY-MM-DD) in the viewer's time zone; "to" includes its whole day. */
  from?: string;
  to?: string;
  /** A person's ID (a link from their page). */
  person?: string;
}

export const DEFAULT_CHANGES_VIEW: ChangesUrlView = {};

export function parseChangesView(params: RawParams): ChangesUrlView {
  const get = paramGetter(params);
  const view: ChangesUrlView = {};
  for (const key of CHANGES_FILTERS) {
    const raw = get(key);
    if (!raw) continue;
    const r = changesQuerySchema.safeParse({ [key]: raw });
    if (r.success && r.data[key] !== undefined) (view as Record<ChangesFilter, string>)[key] = r.data[key];
  }
  if (view.from && view.to && view.from > view.to) delete view.to;
  return view;
}

export function serializeChangesView(view: ChangesUrlView): string {
  return queryString(Object.fromEntries(CHANGES_FILTERS.map((k) => [k, view[k]])));
}

export function hasChangesFilters(view: ChangesUrlView): boolean {
  return CHANGES_FILTERS.some((k) => view[k]);
}

/** The link to the feed of one day (the overview's "today"), as a URL path. */
export function changesHref(view: ChangesUrlView): string {
  return `/changes${serializeChangesView(view)}`;
}

/** The calendar day (YYYY-MM-DD) of an instant in a time zone: "today" for the overview's link. */
export function dayIn(timeZone: string, at: number = Date.now()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(at));
}
