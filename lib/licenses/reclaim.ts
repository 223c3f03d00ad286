// Which licensed people could give their licenses back, and how many units that would free. Pure: the scan
// (lib/server/licenses/reclaim-scan.ts) stores candidate facts, and this decides with the admin's N values.

export type ReclaimReason = "deactivated" | "invite-pending" | "inactive";

export interface ReclaimCriteria {
  /** Invite pending for more than this many days. */
  inviteDays: number;
  /** No activity for more than this many days. */
  inactiveDays: number;
}

export const DEFAULT_CRITERIA: ReclaimCriteria = { inviteDays: 30, inactiveDays: 90 };
/** The scan keeps people idle at least this long, so N can be lowered to it without a new scan. (Not lower: in
 * a typical org most people are idle a week or more, and the cached result would hold nearly everyone.) */
export const MIN_DAYS = 30;
export const MAX_DAYS = 3650;

/**
 * Why a read-only administrator cannot start a scan (issue 12, finding 11): the API's 403 and the reclaim page's
 * note beside the disabled button say the same.
 */
export const SCAN_NEEDS_WRITE =
  "Starting a scan needs an administrator role that can make changes: a scan reads every person and spends the organization's shared Webex rate budget. Ask a full or user administrator to run one; you can review its results here.";

/** What the scan keeps per candidate (a licensed person who may match some criteria). */
export interface ReclaimCandidate {
  id: string;
  displayName: string;
  email: string;
  status: string | null;
  loginEnabled: boolean;
  invitePending: boolean;
  created: string | null;
  lastActivity: string | null;
  licenses: string[];
}

export interface PersonFacts {
  id: string;
  displayName?: string;
  emails?: string[];
  status?: string;
  loginEnabled?: boolean;
  invitePending?: boolean;
  created?: string;
  lastActivity?: string;
  licenses?: string[];
  type?: string;
}

const DAY_MS = 86_400_000;

function ageDays(iso: string | null | undefined, now: number): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? (now - t) / DAY_MS : null;
}

/**
 * Reasons a person's licenses could be reclaimed, in a fixed order.
 * - deactivated: `loginEnabled` is false;
 * - invite-pending: invited (created) more than `inviteDays` ago and never accepted;
 * - inactive: last activity more than `inactiveDays` ago (people who accepted but never show activity count
 *   from their creation date). Invite-pending people are judged by the invite rule only.
 */
export function reclaimReasons(p: Omit<ReclaimCandidate, "licenses" | "displayName" | "email" | "status" | "id">, c: ReclaimCriteria, now: number): ReclaimReason[] {
  const out: ReclaimReason[] = [];
  if (!p.loginEnabled) out.push("deactivated");
  if (p.invitePending) {
    const age = ageDays(p.created, now);
    if (age !== null && age > c.inviteDays) out.push("invite-pending");
  } else {
    const idle = ageDays(p.lastActivity, now) ?? ageDays(p.created, now);
    if (idle !== null && idle > c.inactiveDays) out.push("inactive");
  }
  return out;
}

/** Scan filter: licensed people of type person who match with the loosest criteria (N = MIN_DAYS). */
export function toCandidate(p: PersonFacts, now: number): ReclaimCandidate | null {
  if (!p.licenses?.length) return null;
  if (p.type && p.type !== "person") return null;
  const c: ReclaimCandidate = {
    id: p.id,
    displayName: p.displayName || p.emails?.[0] || "Unnamed person",
    email: p.emails?.[0] ?? "",
    status: p.status ?? null,
    loginEnabled: p.loginEnabled !== false,
    invitePending: p.invitePending === true,
    created: p.created ?? null,
    lastActivity: p.lastActivity ?? null,
    licenses: [...p.licenses],
  };
  return reclaimReasons(c, { inviteDays: MIN_DAYS, inactiveDays: MIN_DAYS }, now).length ? c : null;
}

export interface ReclaimRow extends ReclaimCandidate {
  reasons: ReclaimReason[];
}

export function applyCriteria(candidates: readonly ReclaimCandidate[], c: ReclaimCriteria, now: number): ReclaimRow[] {
  const rows: ReclaimRow[] = [];
  for (const p of candidates) {
    const reasons = reclaimReasons(p, c, now);
    if (reasons.length) rows.push({ ...p, reasons });
  }
  return rows;
}

/** Units each license would get back if every row gave up every license it holds: licenseId → units. */
export function unitsByLicense(rows: readonly { licenses: readonly string[] }[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rows) for (const id of new Set(r.licenses)) m.set(id, (m.get(id) ?? 0) + 1);
  return m;
}

export const REASON_INFO: Record<ReclaimReason, { label: string; tone: "slate" | "violet" | "amber" }> = {
  deactivated: { label: "Deactivated", tone: "slate" },
  "invite-pending": { label: "Invite pending", tone: "violet" },
  inactive: { label: "Inactive", tone: "amber" },
};
