import { Badge } from "@/components/ui/badge";
import type { AuditEvent, WebexAuditStatus } from "@/lib/people/audit-types";
import { DateTime } from "@/components/ui/date-time";

/** "Made outside Roster" on a row read from Webex's admin audit log (a change in Control Hub or another tool). */
export function SourceBadge({ event }: { event: Pick<AuditEvent, "source"> }) {
  if (event.source !== "webex") return null;
  return (
    <Badge tone="violet" title="From Webex's admin audit log: made in Control Hub or another tool, not through Roster">
      Made outside Roster
    </Badge>
  );
}

/** Who made a change: Webex's name and email for a Webex row, the email Roster recorded for its own. */
export function actorLabel(e: Pick<AuditEvent, "source" | "actorName" | "actorEmail" | "actorId">): string {
  if (e.source === "webex") {
    if (e.actorName && e.actorEmail) return `${e.actorName} (${e.actorEmail})`;
    return e.actorName ?? e.actorEmail ?? e.actorId ?? "unknown";
  }
  return e.actorEmail ?? e.actorId ?? "unknown";
}

/** What the admin is told about Webex's admin audit log: nothing when it was read, plainly why when it was not. */
export function WebexAuditNote({ status, compact = false }: { status: WebexAuditStatus | undefined; compact?: boolean }) {
  if (!status || status.state === "ok") return null;
  const title =
    status.state === "stale"
      ? "Changes made outside Roster may be missing"
      : status.state === "off"
        ? "Changes made outside Roster are not shown"
        : "Webex's audit events are unavailable";
  const detail =
    status.state === "stale" && status.readAt ? (
      <>
        {status.message} Webex&apos;s log was last read up to <DateTime value={status.readAt} />.
      </>
    ) : (
      status.message
    );
  return (
    <div
      role="status"
      data-testid="webex-audit-note"
      className={compact ? "py-1.5 text-sm text-slate-600" : "rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-950"}
    >
      <p className="font-medium">{title}</p>
      <p className={compact ? "text-xs" : "mt-1"}>{detail} Changes made through Roster are all listed.</p>
    </div>
  );
}
