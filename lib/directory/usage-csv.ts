import { CSV_BOM, toCsv } from "@/lib/csv";
import { isoUtc } from "@/lib/format";
import type { UsageResponse } from "./usage";

// Usage by team as a CSV file (GET /api/licenses/usage/export): one line per group and license, so a spreadsheet
// can pivot it; the grouping and the index's age are in every line, so the file stands on its own.

export const USAGE_CSV_HEADER = [
  "Grouping",
  "Group",
  "Group ID",
  "People in group",
  "License",
  "License ID",
  "Units held",
  "Pool (total units)",
  "Share of pool %",
  "Holders idle 30+ days",
  "Holders idle 90+ days",
  "Index as of (UTC)",
] as const;

const GROUPING_LABEL = { department: "Department", location: "Location", manager: "Manager" } as const;

export function usageCsvRows(u: UsageResponse): (string | number)[][] {
  const grouping = GROUPING_LABEL[u.by] + (u.by === "manager" ? (u.indirect ? " (direct and indirect reports)" : " (direct reports)") : "");
  const asOf = isoUtc(u.asOf);
  const out: (string | number)[][] = [];
  for (const r of u.rows) {
    u.licenses.forEach((l, i) => {
      const x = r.licenses[i]!;
      out.push([grouping, r.label, r.key ?? "", r.people, l.name, l.id, x.held, l.totalUnits, x.share === null ? "" : (x.share * 100).toFixed(1), x.idle30, x.idle90, asOf]);
    });
  }
  return out;
}

/** The whole file: BOM, header, rows, through the one CSV writer. */
export function usageCsv(u: UsageResponse): string {
  return CSV_BOM + toCsv(USAGE_CSV_HEADER, usageCsvRows(u));
}
