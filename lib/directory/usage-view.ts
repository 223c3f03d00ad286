import { paramGetter, queryString, type RawParams } from "@/lib/url-view";
import { USAGE_GROUPINGS, type UsageGrouping } from "./usage";

// The "Usage by team" section's view (on /licenses and a license's page), in the URL beside the page's own view:
// its keys all start with "usage" so they never collide with the dashboard's or the holders list's. Parsing never
// throws: an unknown value means the default.

export const USAGE_SORTS = ["units", "label", "people", "idle30", "idle90"] as const;
export type UsageSort = (typeof USAGE_SORTS)[number];

export interface UsageView {
  by: UsageGrouping;
  /** /licenses only: one license's figures (its share of the pool); null = every license together. */
  license: string | null;
  /** Manager grouping: only this manager's row (their reports' licenses, license by license). */
  manager: string | null;
  /** Manager grouping: count reports of reports too. */
  indirect: boolean;
  sort: UsageSort;
}

export const DEFAULT_USAGE_VIEW: UsageView = { by: "department", license: null, manager: null, indirect: false, sort: "units" };
/** The URL keys this view owns (useUrlView keeps every other key of the page as it is). */
export const USAGE_VIEW_KEYS = ["usage", "usageLicense", "usageManager", "usageIndirect", "usageSort"] as const;

const ID = /^[A-Za-z0-9_.:=-]{1,512}$/;

export function parseUsageView(params: RawParams): UsageView {
  const get = paramGetter(params);
  const byRaw = get("usage");
  const by = (USAGE_GROUPINGS as readonly string[]).includes(byRaw ?? "") ? (byRaw as UsageGrouping) : DEFAULT_USAGE_VIEW.by;
  const license = get("usageLicense");
  const manager = get("usageManager");
  const sortRaw = get("usageSort");
  return {
    by,
    license: license && ID.test(license) ? license : null,
    manager: by === "manager" && manager && ID.test(manager) ? manager : null,
    indirect: by === "manager" && get("usageIndirect") === "1",
    sort: (USAGE_SORTS as readonly string[]).includes(sortRaw ?? "") ? (sortRaw as UsageSort) : DEFAULT_USAGE_VIEW.sort,
  };
}

export function serializeUsageView(view: UsageView): string {
  return queryString({
    usage: view.by === DEFAULT_USAGE_VIEW.by ? null : view.by,
    usageLicense: view.license,
    usageManager: view.by === "manager" ? view.manager : null,
    usageIndirect: view.by === "manager" && view.indirect ? "1" : null,
    usageSort: view.sort === DEFAULT_USAGE_VIEW.sort ? null : view.sort,
  });
}
