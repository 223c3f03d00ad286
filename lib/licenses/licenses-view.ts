import { paramGetter, queryString, type RawParams } from "@/lib/url-view";

// The licenses dashboard's subscription filter and sort, in the URL like the people grid's view (a copied link
// reopens it; Back/Forward and reload keep it). Parsing never throws: a stale or hand-edited value means the default.

export const LICENSE_SORTS = ["utilisation", "name", "remaining", "total"] as const;
export type LicenseSort = (typeof LICENSE_SORTS)[number];

export interface LicensesView {
  /** null: all subscriptions; "": licenses without a subscription; otherwise a subscription ID. */
  subscription: string | null;
  sort: LicenseSort;
}

/** The URL keys this view owns (the page's usage-by-team section has its own). */
export const LICENSES_VIEW_KEYS = ["subscription", "sort"] as const;

export const DEFAULT_LICENSES_VIEW: LicensesView = { subscription: null, sort: "utilisation" };

/** How "no subscription" is written in the URL (Webex subscription IDs are never this word). */
export const NO_SUBSCRIPTION_PARAM = "none";
const SUBSCRIPTION_ID = /^[A-Za-z0-9_.:=-]{1,256}$/;

export function parseLicensesView(params: RawParams): LicensesView {
  const get = paramGetter(params);
  const sub = get("subscription");
  const subscription = sub === NO_SUBSCRIPTION_PARAM ? "" : sub && SUBSCRIPTION_ID.test(sub) ? sub : null;
  const sortRaw = get("sort");
  const sort = (LICENSE_SORTS as readonly string[]).includes(sortRaw ?? "") ? (sortRaw as LicenseSort) : DEFAULT_LICENSES_VIEW.sort;
  return { subscription, sort };
}

export function serializeLicensesView(view: LicensesView): string {
  return queryString({
    subscription: view.subscription === null ? null : view.subscription === "" ? NO_SUBSCRIPTION_PARAM : view.subscription,
    sort: view.sort === DEFAULT_LICENSES_VIEW.sort ? null : view.sort,
  });
}

/**
 * The subscription the dashboard filters by: the URL's, when the organization has it; otherwise all (a link
 * from before a subscription ended shows everything instead of an empty table).
 */
export function effectiveSubscription(view: LicensesView, known: readonly string[]): string | null {
  return view.subscription !== null && known.includes(view.subscription) ? view.subscription : null;
}
