import { CSV_BOM, csvCell } from "@/lib/csv";
import { setDiff } from "@/lib/people/diff-person";
import { FIELD_LABELS, formatFieldValue } from "@/lib/people/field-labels";
import type { JobItemView } from "./api-types";
import { ITEM_STATE_LABELS } from "./kinds";

// A job's results as CSV (one row per person), through the one CSV writer (formula-safe cells, BOM for Excel).

const HEADER = ["Name", "Email", "Person ID", "Outcome", "Changes", "Message", "HTTP status", "Webex tracking ID", "Attempts"];

export function resultsCsvHeader(): string {
  return CSV_BOM + HEADER.map(csvCell).join(",") + "\r\n";
}

/** "Licenses: + Messaging; − Meetings" (names where known, IDs otherwise). */
export function describeChanges(item: Pick<JobItemView, "changes">, names: ReadonlyMap<string, string>): string {
  return item.changes
    .map((c) => {
      const label = FIELD_LABELS[c.field] ?? c.field;
      if (Array.isArray(c.before) || Array.isArray(c.after)) {
        const { added, removed } = setDiff(c.before as string[] | undefined, c.after as string[] | undefined);
        const name = (id: string) => names.get(id) ?? id;
        return `${label}: ${[...added.map((id) => `+ ${name(id)}`), ...removed.map((id) => `− ${name(id)}`)].join(", ")}`;
      }
      return `${label}: ${formatFieldValue(c.before)} → ${formatFieldValue(c.after)}`;
    })
    .join("; ");
}

export function resultsCsvRows(items: readonly JobItemView[], names: ReadonlyMap<string, string>): string {
  return items
    .map((i) =>
      [
        i.displayName ?? "",
        i.email ?? "",
        i.personId ?? "",
        ITEM_STATE_LABELS[i.state],
        describeChanges(i, names),
        i.message ?? "",
        i.status ?? "",
        i.trackingId ?? "",
        i.attempts,
      ]
        .map(csvCell)
        .join(",") + "\r\n",
    )
    .join("");
}
