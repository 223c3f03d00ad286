import { CSV_BOM, toCsv } from "@/lib/csv";
import { REASON_INFO, type ReclaimCriteria, type ReclaimReason, type ReclaimRow } from "./reclaim";

// The reclaim candidate list as a CSV file managers forward for approval: who, which licenses, why, and under which
// criteria and scan, so the file stands on its own. Timestamps are ISO 8601 in UTC (issue 14's time-zone policy).

export const RECLAIM_CSV_HEADER = [
  "Person",
  "Email",
  "Licenses",
  "Last activity (UTC)",
  "Created (UTC)",
  "Why a candidate",
  "Criteria",
  "Scan ran (UTC)",
] as const;

export interface ReclaimCsvContext {
  criteria: ReclaimCriteria;
  /** The page's Reason and Holding filters (licenseId as a name in the file). */
  filters: { reason?: ReclaimReason; licenseId?: string };
  /** When the scan these rows come from finished (epoch ms). */
  scanFinishedAt: number;
  licenseName: (id: string) => string;
}

/** "2026-11-26T09:30:00.000Z", or "" when there is no (valid) date. */
export function isoUtc(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === "") return "";
  const t = typeof value === "number" ? value : Date.parse(value);
  return Number.isFinite(t) ? new Date(t).toISOString() : "";
}

/** Why, in words a manager reads without the console: "No activity for more than 90 days". */
export function reasonText(reason: ReclaimReason, c: ReclaimCriteria): string {
  switch (reason) {
    case "deactivated":
      return "Deactivated";
    case "invite-pending":
      return `Invite pending for more than ${c.inviteDays} days`;
    case "inactive":
      return `No activity for more than ${c.inactiveDays} days`;
  }
}

export function criteriaText({ criteria, filters, licenseName }: Pick<ReclaimCsvContext, "criteria" | "filters" | "licenseName">): string {
  const parts = [`Deactivated, or invite pending for more than ${criteria.inviteDays} days, or no activity for more than ${criteria.inactiveDays} days`];
  if (filters.reason) parts.push(`reason: ${REASON_INFO[filters.reason].label}`);
  if (filters.licenseId) parts.push(`holding: ${licenseName(filters.licenseId)}`);
  return parts.join("; ");
}

export function reclaimCsvRows(rows: readonly ReclaimRow[], ctx: ReclaimCsvContext): string[][] {
  const criteria = criteriaText(ctx);
  const scanRan = isoUtc(ctx.scanFinishedAt);
  return rows.map((r) => [
    r.displayName,
    r.email,
    r.licenses.map(ctx.licenseName).join("; "),
    isoUtc(r.lastActivity),
    isoUtc(r.created),
    r.reasons.map((x) => reasonText(x, ctx.criteria)).join("; "),
    criteria,
    scanRan,
  ]);
}

/** The whole file: BOM (Excel reads UTF-8 names), header, one row per candidate, through the shared CSV writer. */
export function reclaimCsv(rows: readonly ReclaimRow[], ctx: ReclaimCsvContext): string {
  return CSV_BOM + toCsv(RECLAIM_CSV_HEADER, reclaimCsvRows(rows, ctx));
}
