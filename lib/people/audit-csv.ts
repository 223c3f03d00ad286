import { AUDIT_ACTION_LABELS, AUDIT_OUTCOME_LABELS, type AuditEvent } from "./audit-types";
import { formatFieldValue } from "./field-labels";
import { csvHeader, csvRow } from "@/lib/csv";
import { isoUtc } from "@/lib/format";
import { FIELD_LABELS } from "./field-labels";

const HEADER = ["Time (UTC)", "Source", "Actor", "Action", "Target", "Target ID", "Changes", "Outcome", "Status", "Message", "Tracking ID"];

/** The file's first line: byte-order mark and header. */
export function auditCsvHeader(): string {
  return csvHeader(HEADER);
}

/** Where a row comes from, in the CSV. */
export const CSV_SOURCE: Record<AuditEvent["source"], string> = {
  roster: "Roster",
  webex: "Webex (made outside Roster)",
};

/**
 * One event; changes as "Field: before → after" lines (IDs as stored: names can change, IDs cannot). A Webex row
 * has no before/after values: its Changes cell is Webex's own description, its actor and target Webex's names.
 * CRLF-terminated.
 */
export function auditCsvRow(e: AuditEvent): string {
  const changes = e.changes
    .map((c) => `${FIELD_LABELS[c.field] ?? c.field}: ${formatFieldValue(c.before)} → ${formatFieldValue(c.after)}`)
    .join("\n");
  return csvRow([
    isoUtc(e.at), // ISO 8601 in UTC, like every export's times ("Time (UTC)" in the header)
    CSV_SOURCE[e.source] ?? e.source,
    e.actorEmail ?? e.actorName ?? e.actorId ?? "",
    AUDIT_ACTION_LABELS[e.action] ?? e.action,
    e.targetEmail ?? e.targetName ?? "",
    e.targetId ?? "",
    e.source === "webex" ? (e.summary ?? "") : changes,
    AUDIT_OUTCOME_LABELS[e.outcome] ?? e.outcome,
    e.status === null ? "" : String(e.status),
    e.message ?? "",
    e.trackingId ?? "",
  ]);
}
