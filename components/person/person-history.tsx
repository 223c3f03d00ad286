"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { ChangeList } from "@/components/ui/change-list";
import { DateTime } from "@/components/ui/date-time";
import { Skeleton } from "@/components/ui/skeleton";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import { Tooltip } from "@/components/ui/tooltip";
import { UndoDialog } from "@/components/ui/undo-dialog";
import { asFieldChange, revertAuditEdit, TRACKED_FIELD_LABELS, type ChangeItem } from "@/lib/directory/changes";
import type { AuditEvent } from "@/lib/people/audit-types";
import { changesOptions, undoErrorMessage, useRevertAudit, useRevertChange } from "@/lib/query/changes";
import { AUDIT_ACTION_LABELS } from "@/lib/people/audit-types";
import { describeChange, type Lookups } from "@/lib/people/field-labels";
import { activityOptions } from "@/lib/query/activity";
import { actorLabel, SourceBadge, WebexAuditNote } from "@/components/ui/audit-source";
import { Section } from "./person-summary";

/**
 * The latest changes made to this person: through Roster (the audit trail, with before/after values) and outside
 * it (Webex's admin audit log: Control Hub, scripts, directory sync), merged newest first (decision 016).
 */
export function PersonHistory({ id, lookups, canWrite = false }: { id: string; lookups: Lookups; canWrite?: boolean }) {
  const q = useQuery(activityOptions({ targetId: id, limit: 10 }));
  const feed = useQuery(changesOptions({ person: id, limit: 10 }));
  const [undoing, setUndoing] = useState<Undoing | null>(null);
  const [undoError, setUndoError] = useState<string | null>(null);
  const revertChange = useRevertChange();
  const revertAudit = useRevertAudit();
  const closeUndo = () => {
    setUndoing(null);
    setUndoError(null);
  };
  const busy = revertChange.isPending || revertAudit.isPending;
  const confirmUndo = () => {
    if (!undoing) return;
    const done = {
      onSuccess: () => {
        toast.success("Undone: the earlier values are back in Webex.");
        closeUndo();
      },
      onError: (e: Error) => setUndoError(undoErrorMessage(e)),
    };
    if (undoing.kind === "feed") revertChange.mutate({ id: undoing.id, personId: id }, done);
    else revertAudit.mutate({ id: undoing.id, personId: id }, done);
  };
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
              {canWrite && e.source === "roster" ? (
                <RosterUndo event={e} onUndo={() => setUndoing({ kind: "roster", id: e.id, name: e.targetEmail ?? "this person", writes: e.changes.map((c) => describeChange({ field: c.field, before: c.after, after: c.before }, lookups)) })} />
              ) : null}
            </li>
          ))}
        </ol>
        <WebexAuditNote status={q.data.webex} compact />
        </>
      )}
      <FeedRows feed={feed} lookups={lookups} canWrite={canWrite} personId={id} onUndo={(c) => setUndoing({ kind: "feed", id: c.id, name: c.displayName || c.email, writes: [writeOf(c, lookups)] })} />
      {undoing ? (
        <UndoDialog open personName={undoing.name} writes={undoing.writes} busy={busy} error={undoError} onCancel={closeUndo} onConfirm={confirmUndo} />
      ) : null}
    </Section>
  );
}

type Undoing = { kind: "feed" | "roster"; id: string; name: string; writes: ReturnType<typeof describeChange>[] };

/** What Undo of a feed row writes: the change's after-value (what Webex should hold) → its before-value. */
function writeOf(c: ChangeItem, lookups: Lookups) {
  return { ...describeChange(asFieldChange({ field: c.field, before: c.after, after: c.before }), lookups), label: c.field ? TRACKED_FIELD_LABELS[c.field] : "" };
}

/** Undo of one of Roster's own changes, or why it cannot be. */
function RosterUndo({ event, onUndo }: { event: AuditEvent; onUndo: () => void }) {
  const plan = revertAuditEdit({ action: event.action, outcome: event.outcome, changes: event.changes });
  if (!plan.ok) return event.action === "person.create" || event.outcome !== "ok" ? null : <p className="mt-1 text-xs text-slate-500">{plan.reason}</p>;
  return (
    <Button size="sm" className="mt-2" onClick={onUndo} aria-label={`Undo: ${AUDIT_ACTION_LABELS[event.action] ?? event.action}`}>
      Undo
    </Button>
  );
}

/** The change feed's rows for this person: seen changed in Webex between two syncs of Roster's index. */
function FeedRows({
  feed,
  lookups,
  canWrite,
  personId,
  onUndo,
}: {
  feed: ReturnType<typeof useQuery<{ items: ChangeItem[]; nextCursor: string | null }>>;
  lookups: Lookups;
  canWrite: boolean;
  personId: string;
  onUndo: (c: ChangeItem) => void;
}) {
  if (feed.isPending || feed.isError || feed.data.items.length === 0) {
    return feed.isError ? <p className="py-1.5 text-sm text-rose-700">Could not load the changes seen between syncs: {(feed.error as Error).message}</p> : null;
  }
  return (
    <div className="mt-4 border-t border-slate-200 pt-3">
      <div className="flex items-baseline justify-between gap-2">
        <h3 className="text-sm font-semibold text-slate-900">Seen changed in Webex between two syncs</h3>
        <Link href={`/changes?person=${encodeURIComponent(personId)}`} className="text-sm font-medium text-brand-700 hover:underline">
          All changes
        </Link>
      </div>
      <ol className="divide-y divide-slate-100" data-testid="person-feed">
        {feed.data.items.map((c) => (
          <li key={c.id} className="py-3" data-testid="person-feed-row">
            <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1 text-sm">
              <span className="font-medium text-slate-900">
                {c.kind === "added" ? "Added in Webex" : c.kind === "removed" ? "Removed in Webex" : `${c.field ? TRACKED_FIELD_LABELS[c.field] : "Field"} changed in Webex`}
              </span>
              <span className="text-slate-500">
                between {c.seenFrom ? <DateTime value={c.seenFrom} /> : "the previous sync"} and <DateTime value={c.seenTo} />
                {c.actor ? ` · by ${c.actor.name ?? c.actor.email ?? "an admin"}${c.actor.source === "roster" ? " (through Roster)" : ""}` : ""}
              </span>
            </div>
            {c.kind === "changed" && c.field ? (
              <div className="mt-1">
                <ChangeList compact changes={[{ ...describeChange(asFieldChange(c), lookups), label: TRACKED_FIELD_LABELS[c.field] }]} />
              </div>
            ) : null}
            {c.revertedAt ? (
              <p className="mt-1 text-xs text-slate-500">
                Undone{c.revertedBy ? ` by ${c.revertedBy}` : ""} <DateTime value={c.revertedAt} mode="relative" />
              </p>
            ) : c.notRevertable ? (
              c.kind === "changed" ? (
                <p className="mt-1 text-xs text-slate-500">
                  <Tooltip content={c.notRevertable}>Cannot undo</Tooltip>
                </p>
              ) : null
            ) : canWrite ? (
              <Button size="sm" className="mt-2" onClick={() => onUndo(c)} aria-label={`Undo: ${c.field ? TRACKED_FIELD_LABELS[c.field] : "change"} seen changed in Webex`}>
                Undo
              </Button>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
