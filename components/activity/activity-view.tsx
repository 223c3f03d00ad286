"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { DateTime, TimeZoneNote, useTimeZone } from "@/components/ui/date-time";
import { useIsClient } from "@/components/ui/use-is-client";
import { useUrlView } from "@/components/ui/use-url-view";
import { Button, buttonClass } from "@/components/ui/button";
import { ChangeList } from "@/components/ui/change-list";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, inputClass } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { AUDIT_ACTIONS, AUDIT_ACTION_LABELS, AUDIT_FIRST_DAY, AUDIT_LAST_DAY, auditQuerySchema, type AuditEvent } from "@/lib/people/audit-types";
import { ACTIVITY_FILTERS, DEFAULT_ACTIVITY_VIEW, hasActivityFilters, parseActivityView, serializeActivityView, type ActivityFilter, type ActivityUrlView } from "@/lib/people/activity-view";
import { actorLabel, SourceBadge, WebexAuditNote } from "@/components/ui/audit-source";
import { describeChange, type Lookups } from "@/lib/people/field-labels";
import { activityExportUrl, activityOptions, type ActivityParams } from "@/lib/query/activity";
import { usePersonLookups } from "@/lib/query/person-lookups";

const FILTERS = ACTIVITY_FILTERS;
const PAGE = 25;

/** The inputs' text for a view (what the URL says). */
const draftOf = (view: ActivityUrlView): Record<ActivityFilter, string> => Object.fromEntries(FILTERS.map((k) => [k, view[k] ?? ""])) as Record<ActivityFilter, string>;

export function ActivityView() {
  const timeZone = useTimeZone();
  const hydrated = useIsClient();
  // The filters are the URL's (History API: no server round trip; Back/Forward and reload keep them).
  const { view, navigate } = useUrlView(parseActivityView, serializeActivityView);
  // The from/to days are the viewer's: the server is told which zone they are in ("to" includes its whole day there).
  const filters: ActivityParams = view.from || view.to ? { ...view, tz: timeZone } : view;
  const [cursors, setCursors] = useState<string[]>([]); // cursors of the pages before this one
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [draft, setDraft] = useState(() => draftOf(view));
  // Whenever the URL's filters change (Apply, Clear, Back/Forward), the inputs show them and paging starts over.
  const key = serializeActivityView(view);
  const [seen, setSeen] = useState(key);
  if (seen !== key) {
    setSeen(key);
    setDraft(draftOf(view));
    setCursors([]);
    setCursor(undefined);
  }
  const params: ActivityParams = { ...filters, limit: PAGE, ...(cursor ? { cursor } : {}) };
  // Not before hydration: until then the zone is a stand-in ("UTC"), and a date filter would ask for the wrong days.
  const q = useQuery({ ...activityOptions(params), enabled: hydrated, placeholderData: keepPreviousData });
  const { lookups } = usePersonLookups();
  const draftCheck = auditQuerySchema.safeParse(Object.fromEntries(Object.entries(draft).filter(([, v]) => v)));
  const draftErrors = draftCheck.success ? {} : Object.fromEntries(draftCheck.error.issues.map((i) => [String(i.path[0]), i.message]));

  // Each applied set of filters is a Back step.
  const apply = (next: ActivityUrlView) => navigate(next);
  const active = hasActivityFilters(view);

  return (
    <div className="space-y-4">
      <form
        className="grid grid-cols-1 items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_11rem_11rem_10rem_10rem]"
        aria-label="Filter activity"
        onSubmit={(e) => {
          e.preventDefault();
          if (draftCheck.success) apply(parseActivityView(draft));
        }}
      >
        {(
          [
            ["actor", "Actor", "Email of the admin"],
            ["target", "Target", "Email or ID of the person"],
          ] as const
        ).map(([k, label, ph]) => (
          <Field key={k} label={label}>
            <input className={inputClass(false)} placeholder={ph} value={draft[k]} onChange={(e) => setDraft({ ...draft, [k]: e.target.value })} />
          </Field>
        ))}
        <Field label="Action">
          <select className={inputClass(false)} value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })}>
            <option value="">All actions</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {AUDIT_ACTION_LABELS[a]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Source">
          <select className={inputClass(false)} value={draft.source} onChange={(e) => setDraft({ ...draft, source: e.target.value })}>
            <option value="">Roster and outside</option>
            <option value="roster">Through Roster</option>
            <option value="webex">Made outside Roster</option>
          </select>
        </Field>
        {(["from", "to"] as const).map((k) => (
          <div key={k} className="min-w-0">
            <label htmlFor={`f-${k}`} className="mb-1 block text-sm font-medium text-slate-700">
              {k === "from" ? "From" : "To"}
            </label>
            <input
              id={`f-${k}`}
              type="date"
              min={AUDIT_FIRST_DAY}
              max={AUDIT_LAST_DAY}
              className={inputClass(!!draftErrors[k])}
              value={draft[k]}
              aria-invalid={draftErrors[k] ? true : undefined}
              aria-describedby={draftErrors[k] ? `f-${k}-err f-tz` : "f-tz"}
              onChange={(e) => setDraft({ ...draft, [k]: e.target.value })}
            />
            {draftErrors[k] ? (
              <p id={`f-${k}-err`} className="mt-1 text-xs text-rose-700">
                {draftErrors[k]}
              </p>
            ) : null}
          </div>
        ))}
        <TimeZoneNote id="f-tz" prefix="Dates and times in your time zone," className="sm:col-span-2 lg:col-span-6" />
        <div className="flex flex-wrap items-center gap-2 sm:col-span-2 lg:col-span-6">
          <Button type="submit" variant="primary" disabled={!draftCheck.success}>
            Apply
          </Button>
          {active ? (
            <Button
              onClick={() => apply(DEFAULT_ACTIVITY_VIEW)}
            >
              Clear
            </Button>
          ) : null}
          <a href={activityExportUrl(filters)} className={buttonClass("secondary", "md", "ml-auto")} download>
            Export CSV
          </a>
        </div>
      </form>

      {q.data ? <WebexAuditNote status={q.data.webex} /> : null}
      {q.isPending ? (
        <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" aria-busy="true">
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} className="h-10 w-full" />
          ))}
        </div>
      ) : q.isError ? (
        <Alert tone="error" title="Could not load activity" action={<Button onClick={() => void q.refetch()}>Try again</Button>}>
          {(q.error as Error).message}
        </Alert>
      ) : q.data.items.length === 0 ? (
        <EmptyState title={active ? "No activity matches these filters" : "No changes recorded yet"}>
          {active
            ? "Widen the date range or clear the filters."
            : "Edits, onboarding, deactivations and deletions made through Roster will appear here, and changes made in Control Hub or another tool as Webex reports them."}
        </EmptyState>
      ) : (
        <>
          <ActivityTable events={q.data.items} lookups={lookups} busy={q.isFetching} />
          <div className="flex items-center justify-between">
            <p className="text-sm text-slate-600" data-testid="activity-range">
              Page {cursors.length + 1} · {q.data.items.length} {q.data.items.length === 1 ? "event" : "events"}
            </p>
            <div className="flex gap-2">
              <Button
                disabled={cursors.length === 0}
                onClick={() => {
                  const prev = [...cursors];
                  const c = prev.pop();
                  setCursors(prev);
                  setCursor(c === "" ? undefined : c);
                }}
              >
                Previous
              </Button>
              <Button
                disabled={!q.data.nextCursor}
                onClick={() => {
                  setCursors([...cursors, cursor ?? ""]);
                  setCursor(q.data.nextCursor ?? undefined);
                }}
              >
                Next
              </Button>
            </div>
          </div>
        </>
      )}
    </div>
  );
}

function ActivityTable({ events, lookups, busy }: { events: AuditEvent[]; lookups: Lookups; busy: boolean }) {
  return (
    <Table density="relaxed" aria-busy={busy || undefined}>
      <TableCaption>Changes made through Roster and outside it, newest first</TableCaption>
      <TableHeader>
        <tr>
          <TableHead className="w-36">When</TableHead>
          <TableHead className="w-64">Who and what</TableHead>
          <TableHead>Changes</TableHead>
          <TableHead className="w-44">Outcome</TableHead>
        </tr>
      </TableHeader>
      <TableBody alignTop>
        {events.map((e) => (
          <TableRow key={e.id} data-testid="activity-row">
            <TableCell className="text-slate-700">
              <DateTime value={e.at} />
              <DateTime value={e.at} mode="relative" className="block text-xs text-slate-500" />
            </TableCell>
            <TableCell>
              <p className="flex flex-wrap items-center gap-x-2 gap-y-1 font-medium text-slate-900">
                {AUDIT_ACTION_LABELS[e.action] ?? e.action}
                <SourceBadge event={e} />
              </p>
              <p className="text-slate-700 [overflow-wrap:anywhere]">
                {e.targetId && e.action !== "person.delete" ? (
                  <Link href={`/people/${encodeURIComponent(e.targetId)}`} className="text-brand-700 hover:underline">
                    {e.targetEmail ?? e.targetName ?? "person"}
                  </Link>
                ) : (
                  (e.targetEmail ?? e.targetName ?? "—")
                )}
              </p>
              <p className="text-xs text-slate-500">by {actorLabel(e)}</p>
            </TableCell>
            <TableCell>
              {e.source === "webex" ? (
                <p className="text-slate-700 [overflow-wrap:anywhere]">{e.summary ?? "Webex gives no details"}</p>
              ) : e.changes.length > 0 ? (
                <ChangeList compact changes={e.changes.map((c) => describeChange(c, lookups))} />
              ) : (
                <span className="text-slate-500">No field changes</span>
              )}
              {e.unappliedLicenses.length > 0 ? (
                <p className="mt-1 text-xs text-amber-800">Not assigned by Webex: {e.unappliedLicenses.map((id) => lookups.licenses.get(id) ?? id).join(", ")}</p>
              ) : null}
              {e.note ? <p className="mt-1 text-xs text-slate-500">{e.note}</p> : null}
            </TableCell>
            <TableCell>
              {e.outcome === "ok" ? (
                <Badge tone="green" dot>
                  Done
                </Badge>
              ) : e.outcome === "pending" ? (
                <Badge tone="blue" dot title="Roster has asked Webex and is waiting for the answer">
                  In progress
                </Badge>
              ) : e.outcome === "unknown" ? (
                <>
                  <Badge tone="amber" dot>
                    Outcome unknown
                  </Badge>
                  <p className="mt-1 text-xs text-slate-700">Roster asked Webex but never recorded the answer (the server stopped?). Check the person in Webex.</p>
                </>
              ) : (
                <>
                  <Badge tone="red" dot>
                    Failed{e.status ? ` · ${e.status}` : ""}
                  </Badge>
                  {e.message ? <p className="mt-1 text-xs text-slate-700">{e.message}</p> : null}
                  {e.trackingId ? (
                    <p className="mt-1 break-all text-xs text-slate-500">
                      Tracking ID: <code className="select-all">{e.trackingId}</code>
                    </p>
                  ) : null}
                </>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
