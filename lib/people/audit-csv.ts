import { AUDIT_ACTION_LABELS, AUDIT_OUTCOME_LABELS, type AuditEvent } from "./audit-types";
import { formatFieldValue } from "./field-labels";
import { csvCell } from "@/lib/csv";
import { FIELD_LABELS } from "./field-labels";

const HEADER = ["Time (UTC)", "Actor", "Action", "Target", "Target ID", "Changes", "Outcome", "Status", "Message", "Tracking ID"];

export function auditCsvHeader(): string {
  return HEADER.map(csvCell).join(",");
}

/** One event; changes as "Field: before → after" lines (IDs as stored: names can change, IDs cannot). */
export function auditCsvRow(e: AuditEvent): string {
  const changes = e.changes
    .map((c) => `${FIELD_LABELS[c.field] ?? c.field}: ${formatFieldValue(c.before)} → ${formatFieldValue(c.after)}`)
    .join("\n");
  return [
    e.at,
    e.actorEmail ?? e.actorId ?? "",
    AUDIT_ACTION_LABELS[e.action] ?? e.action,
    e.targetEmail ?? "",
    e.targetId ?? "",
    changes,
    AUDIT_OUTCOME_LABELS[e.outcome] ?? e.outcome,
    e.status === null ? "" : String(e.status),
    e.message ?? "",
    e.trackingId ?? "",
  ]
    .map(csvCell)
    .join(",");
}
