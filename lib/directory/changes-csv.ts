import { csvHeader, csvRow } from "@/lib/csv";
import { isoUtc } from "@/lib/format";
import { CHANGE_KIND_LABELS, TRACKED_FIELD_LABELS, type ChangeItem } from "./changes";
import type { FieldValue } from "./types";

// The change feed's CSV (GET /api/changes/export), through the one CSV writer (lib/csv.ts). Values as stored: IDs
// stay IDs (names can change, IDs cannot); lists are joined with "; ".

export const CHANGES_CSV_HEADER = [
  "Seen (UTC)",
  "Previous sync (UTC)",
  "Change ID",
  "Kind",
  "Person",
  "Email",
  "Person ID",
  "Field",
  "Before",
  "After",
  "Actor",
  "Actor source",
  "Undone (UTC)",
  "Undone by",
] as const;

export function changesCsvHeader(): string {
  return csvHeader(CHANGES_CSV_HEADER);
}

export function csvValue(v: FieldValue): string {
  if (v === null) return "";
  if (Array.isArray(v)) return v.join("; ");
  return String(v);
}

/** One row's cells (the export and its test compare these). */
export function changesCsvCells(c: ChangeItem): string[] {
  return [
    isoUtc(c.seenTo),
    c.seenFrom ? isoUtc(c.seenFrom) : "",
    c.id,
    CHANGE_KIND_LABELS[c.kind] ?? c.kind,
    c.displayName,
    c.email,
    c.personId,
    c.field ? (TRACKED_FIELD_LABELS[c.field] ?? c.field) : "",
    c.kind === "changed" ? csvValue(c.before) : "",
    c.kind === "changed" ? csvValue(c.after) : "",
    c.actor ? (c.actor.email ?? c.actor.name ?? "") : "",
    c.actor ? (c.actor.source === "roster" ? "Roster" : "Webex admin audit log") : "",
    c.revertedAt ? isoUtc(c.revertedAt) : "",
    c.revertedBy ?? "",
  ];
}

export function changesCsvRow(c: ChangeItem): string {
  return csvRow(changesCsvCells(c));
}
