import { isWebexId } from "@/lib/people/formats";
import { paramGetter, queryString, type RawParams } from "@/lib/url-view";
import { DEFAULT_CRITERIA, MAX_DAYS, MIN_DAYS, type ReclaimCriteria, type ReclaimReason } from "./reclaim";

// The reclaim page's criteria, filters and page in the URL, like the people grid's view: a link forwarded to a
// colleague reopens the same list; Back/Forward and reload keep it. Parsing never throws: an out-of-range or
// hand-edited value means its default (the API would refuse it with a 400).

export interface ReclaimUrlView extends ReclaimCriteria {
  reason: ReclaimReason | null;
  /** Only people holding this license. */
  license: string | null;
  /** 1-based page of the table (50 rows a page). */
  page: number;
}

export const DEFAULT_RECLAIM_VIEW: ReclaimUrlView = { ...DEFAULT_CRITERIA, reason: null, license: null, page: 1 };

const REASONS: readonly ReclaimReason[] = ["deactivated", "invite-pending", "inactive"];

function days(raw: string | undefined, fallback: number): number {
  if (!raw || !/^\d{1,4}$/.test(raw)) return fallback;
  const n = Number(raw);
  return n >= MIN_DAYS && n <= MAX_DAYS ? n : fallback;
}

export function parseReclaimView(params: RawParams): ReclaimUrlView {
  const get = paramGetter(params);
  const reason = get("reason");
  const license = get("license");
  const page = get("page");
  return {
    inviteDays: days(get("inviteDays"), DEFAULT_CRITERIA.inviteDays),
    inactiveDays: days(get("inactiveDays"), DEFAULT_CRITERIA.inactiveDays),
    reason: REASONS.includes(reason as ReclaimReason) ? (reason as ReclaimReason) : null,
    license: license && isWebexId(license) ? license : null,
    page: page && /^\d{1,6}$/.test(page) && Number(page) >= 1 ? Number(page) : 1,
  };
}

export function serializeReclaimView(v: ReclaimUrlView): string {
  return queryString({
    inviteDays: v.inviteDays === DEFAULT_CRITERIA.inviteDays ? null : String(v.inviteDays),
    inactiveDays: v.inactiveDays === DEFAULT_CRITERIA.inactiveDays ? null : String(v.inactiveDays),
    reason: v.reason,
    license: v.license,
    page: v.page === 1 ? null : String(v.page),
  });
}

/** GET /api/reclaim and /api/reclaim/export parameters for a view (the page number stays in the browser). */
export function reclaimApiQuery(v: ReclaimUrlView): { inviteDays: number; inactiveDays: number; reason?: ReclaimReason; licenseId?: string } {
  return { inviteDays: v.inviteDays, inactiveDays: v.inactiveDays, ...(v.reason ? { reason: v.reason } : {}), ...(v.license ? { licenseId: v.license } : {}) };
}
