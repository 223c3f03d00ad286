import { csvHeader, csvRow } from "@/lib/csv";
import { setDiff } from "@/lib/people/diff-person";
import { FIELD_LABELS, formatFieldValue } from "@/lib/people/field-labels";
import type { JobItemView } from "./api-types";
import { ITEM_STATE_LABELS, type JobKind } from "./kinds";
import type { RowOutcome } from "@/lib/import/plan";

// A job's results as CSV (one row per person), through the one CSV writer (formula-safe cells, BOM for Excel).

const HEADER = ["Name", "Email", "Person ID", "Outcome", "Changes", "Message", "HTTP status", "Webex tracking ID", "Attempts"];
/** A CSV import's results (and its plan, before it runs) also say which row of the file and what the preview decided. */
const IMPORT_HEADER = ["Row", "Plan"];

export const OUTCOME_LABELS: Record<RowOutcome, string> = { create: "New person", update: "Update", unchanged: "No change", error: "Error" };

export function resultsCsvHeader(kind?: JobKind): string {
  return csvHeader([...(kind === "import" ? IMPORT_HEADER : []), ...HEADER]);
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

export function resultsCsvRows(items: readonly JobItemView[], names: ReadonlyMap<string, string>, kind?: JobKind): string {
  return items
    .map((i) =>
      csvRow([
        ...(kind === "import" ? [i.row ?? "", i.outcome ? OUTCOME_LABELS[i.outcome] : ""] : []),
        i.displayName ?? "",
        i.email ?? "",
        i.personId ?? "",
        ITEM_STATE_LABELS[i.state],
        describeChanges(i, names),
        i.message ?? "",
        i.status ?? "",
        i.trackingId ?? "",
        i.attempts,
      ]),
    )
    .join("");
}
