"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { ChangeList } from "@/components/ui/change-list";
import { DateTime } from "@/components/ui/date-time";
import { Skeleton } from "@/components/ui/skeleton";
import { AUDIT_ACTION_LABELS } from "@/lib/people/audit-types";
import { describeChange, type Lookups } from "@/lib/people/field-labels";
import { activityOptions } from "@/lib/query/activity";
import { actorLabel, SourceBadge, WebexAuditNote } from "@/components/ui/audit-source";
import { Section } from "./person-summary";

/**
 * The latest changes made to this person: through Roster (the audit trail, with before/after values) and outside
 * it (Webex's admin audit log: Control Hub, scripts, directory sync), merged newest first (decision 016).
 */
export function PersonHistory({ id, lookups }: { id: string; lookups: Lookups }) {
  const q = useQuery(activityOptions({ targetId: id, limit: 10 }));
  return (
    <Section
      title="History"
      action={
        <Link href={`/activity?target=${encodeURIComponent(id)}`} className="text-sm font-medium text-brand-700 hover:underline">
          All activity
        </Link>
      }
    >
      {q.isPending ? (
        <div className="space-y-2 py-1">
          <Skeleton className="h-4 w-2/3" />
          <Skeleton className="h-4 w-1/2" />
        </div>
      ) : q.isError ? (
        <p className="py-1.5 text-sm text-rose-700">Could not load the history: {(q.error as Error).message}</p>
      ) : q.data.items.length === 0 ? (
        <>
          <p className="py-1.5 text-sm text-slate-500">
            {q.data.webex.state === "ok" || q.data.webex.state === "stale" ? "No changes recorded yet, in Roster or in Webex's audit log." : "No changes made through Roster yet."}
          </p>
          <WebexAuditNote status={q.data.webex} compact />
        </>
      ) : (
        <>
        <ol className="divide-y divide-slate-100" data-testid="person-history">
          {q.data.items.map((e) => (
            <li key={e.id} className="py-3">
              <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1 text-sm">
                <span className="font-medium text-slate-900">{AUDIT_ACTION_LABELS[e.action] ?? e.action}</span>
                <SourceBadge event={e} />
                {e.outcome === "error" ? (
                  <Badge tone="red" dot>
                    Failed{e.status ? ` (${e.status})` : ""}
                  </Badge>
                ) : e.outcome === "pending" ? (
                  <Badge tone="blue" dot>
                    In progress
                  </Badge>
                ) : e.outcome === "unknown" ? (
                  <Badge tone="amber" dot title="Roster asked Webex but never recorded the answer (the server stopped?)">
                    Outcome unknown
                  </Badge>
                ) : null}
                <span className="text-slate-500">
                  by {actorLabel(e)} ·{" "}
                  <DateTime value={e.at} mode="relative" />
                </span>
              </div>
              {e.message ? <p className="mt-1 text-xs text-rose-700">{e.message}</p> : null}
              {e.source === "webex" && e.summary ? <p className="mt-1 text-sm text-slate-700 [overflow-wrap:anywhere]">{e.summary}</p> : null}
              {e.changes.length > 0 ? (
                <div className="mt-1">
                  <ChangeList compact changes={e.changes.map((c) => describeChange(c, lookups))} />
                </div>
              ) : null}
              {e.unappliedLicenses.length > 0 ? (
                <p className="mt-1 text-xs text-amber-800">Not assigned by Webex: {e.unappliedLicenses.map((id) => lookups.licenses.get(id) ?? id).join(", ")}</p>
              ) : null}
              {e.note ? <p className="mt-1 text-xs text-slate-500">{e.note}</p> : null}
            </li>
          ))}
        </ol>
        <WebexAuditNote status={q.data.webex} compact />
        </>
      )}
    </Section>
  );
}
