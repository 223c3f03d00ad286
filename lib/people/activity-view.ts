import { paramGetter, queryString, type RawParams } from "@/lib/url-view";
import { auditQuerySchema, type AuditAction, type AuditSource } from "./audit-types";

// The activity page's filters in the URL, like the people grid's view: a copied link reopens the same list; Back,
// Forward and reload keep it. Parsing never throws: each value is checked on its own with the API's own rules
// (auditQuerySchema), and one it would refuse is left out (the others still apply) instead of a 400.
// The viewer's time zone (`tz`) and the page cursor are not part of it: the component adds them for the API.

export const ACTIVITY_FILTERS = ["actor", "target", "action", "source", "from", "to"] as const;
export type ActivityFilter = (typeof ACTIVITY_FILTERS)[number];

export interface ActivityUrlView {
  actor?: string;
  /** Email or ID of the person. */
  target?: string;
  action?: AuditAction;
  source?: AuditSource;
  /** Days (YYYY-MM-DD) in the viewer's time zone; "to" includes its whole day. */
  from?: string;
  to?: string;
}

export const DEFAULT_ACTIVITY_VIEW: ActivityUrlView = {};

/** A filter's value, as the API would take it (trimmed), or undefined when it would refuse it. */
function checked<K extends ActivityFilter>(key: K, raw: string | undefined): ActivityUrlView[K] | undefined {
  if (!raw) return undefined;
  const r = auditQuerySchema.safeParse({ [key]: raw });
  return r.success ? (r.data[key] as ActivityUrlView[K]) : undefined;
}

export function parseActivityView(params: RawParams): ActivityUrlView {
  const get = paramGetter(params);
  const view: ActivityUrlView = {};
  for (const key of ACTIVITY_FILTERS) {
    const value = checked(key, get(key));
    if (value !== undefined) (view as Record<ActivityFilter, string>)[key] = value;
  }
  // A range that ends before it starts: the end is dropped (the API would refuse both).
  if (view.from && view.to && view.from > view.to) delete view.to;
  return view;
}

export function serializeActivityView(view: ActivityUrlView): string {
  return queryString(Object.fromEntries(ACTIVITY_FILTERS.map((k) => [k, view[k]])));
}

/** Whether any filter is set. */
export function hasActivityFilters(view: ActivityUrlView): boolean {
  return ACTIVITY_FILTERS.some((k) => view[k]);
}
