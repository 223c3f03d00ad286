"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button, buttonClass } from "@/components/ui/button";
import { ChangeList } from "@/components/ui/change-list";
import { DateTime, TimeZoneNote, useTimeZone } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, inputClass } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { toast } from "@/components/ui/toast";
import { Tooltip } from "@/components/ui/tooltip";
import { UndoDialog } from "@/components/ui/undo-dialog";
import { useIsClient } from "@/components/ui/use-is-client";
import { useUrlView } from "@/components/ui/use-url-view";
import { asFieldChange, CHANGE_KINDS, CHANGE_KIND_LABELS, changesQuerySchema, TRACKED_FIELD_LABELS, type ChangeItem } from "@/lib/directory/changes";
import {
  CHANGES_FILTERS,
  DEFAULT_CHANGES_VIEW,
  hasChangesFilters,
  parseChangesView,
  serializeChangesView,
  type ChangesFilter,
  type ChangesUrlView,
} from "@/lib/directory/changes-view";
import { TRACKED_FIELDS } from "@/lib/directory/types";
import { describeChange, type Lookups } from "@/lib/people/field-labels";
import { changesExportUrl, changesOptions, undoErrorMessage, useRevertChange, type ChangesParams } from "@/lib/query/changes";
import { usePersonLookups } from "@/lib/query/person-lookups";

const PAGE = 50;
const KIND_TONES: Record<ChangeItem["kind"], BadgeTone> = { added: "green", removed: "red", changed: "blue" };
const draftOf = (view: ChangesUrlView): Record<ChangesFilter, string> => Object.fromEntries(CHANGES_FILTERS.map((k) => [k, view[k] ?? ""])) as Record<ChangesFilter, string>;

/** The change feed: what each sync of the index saw changed in Webex since the one before, filterable, with Undo. */
export function ChangesView({ canWrite }: { canWrite: boolean }) {
  const timeZone = useTimeZone();
  const hydrated = useIsClient();
  const { view, navigate } = useUrlView(parseChangesView, serializeChangesView);
  const filters: ChangesParams = view.from || view.to ? { ...view, tz: timeZone } : view;
  const [cursors, setCursors] = useState<string[]>([]);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [draft, setDraft] = useState(() => draftOf(view));
  const key = serializeChangesView(view);
  const [seen, setSeen] = useState(key);
  if (seen !== key) {
    setSeen(key);
    setDraft(draftOf(view));
    setCursors([]);
    setCursor(undefined);
  }
  const q = useQuery({ ...changesOptions({ ...filters, limit: PAGE, ...(cursor ? { cursor } : {}) }), enabled: hydrated, placeholderData: keepPreviousData });
  const { lookups } = usePersonLookups();
  const draftCheck = changesQuerySchema.safeParse(Object.fromEntries(Object.entries(draft).filter(([, v]) => v)));
  const draftErrors = draftCheck.success ? {} : Object.fromEntries(draftCheck.error.issues.map((i) => [String(i.path[0]), i.message]));
  const active = hasChangesFilters(view);

  return (
    <div className="space-y-4">
      <form
        className="grid grid-cols-1 items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-[1fr_10rem_11rem_10rem_10rem]"
        aria-label="Filter changes"
        onSubmit={(e) => {
          e.preventDefault();
          if (draftCheck.success) navigate(parseChangesView({ ...draft }));
        }}
      >
        <Field label="Person">
          <input className={inputClass(false)} placeholder="Name or email" value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.target.value })} />
        </Field>
        <Field label="Kind">
          <select className={inputClass(false)} value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value })}>
            <option value="">All kinds</option>
            {CHANGE_KINDS.map((k) => (
              <option key={k} value={k}>
                {CHANGE_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Field">
          <select className={inputClass(false)} value={draft.field} onChange={(e) => setDraft({ ...draft, field: e.target.value })}>
            <option value="">All fields</option>
            {TRACKED_FIELDS.map((f) => (
              <option key={f} value={f}>
                {TRACKED_FIELD_LABELS[f]}
              </option>
            ))}
          </select>
        </Field>
        {(["from", "to"] as const).map((k) => (
          <div key={k} className="min-w-0">
            <label htmlFor={`c-${k}`} className="mb-1 block text-sm font-medium text-slate-700">
              {k === "from" ? "Seen from" : "Seen to"}
            </label>
            <input
              id={`c-${k}`}
              type="date"
              className={inputClass(!!draftErrors[k])}
              value={draft[k]}
              aria-invalid={draftErrors[k] ? true : undefined}
              aria-describedby={draftErrors[k] ? `c-${k}-err c-tz` : "c-tz"}
              onChange={(e) => setDraft({ ...draft, [k]: e.target.value })}
            />
            {draftErrors[k] ? (
              <p id={`c-${k}-err`} className="mt-1 text-xs text-rose-700">
                {draftErrors[k]}
              </p>
            ) : null}
          </div>
        ))}
        <TimeZoneNote id="c-tz" prefix="Dates and times in your time zone," className="sm:col-span-2 lg:col-span-5" />
        <div className="flex flex-wrap items-center gap-2 sm:col-span-2 lg:col-span-5">
          <Button type="submit" variant="primary" disabled={!draftCheck.success}>
            Apply
          </Button>
          {active ? <Button onClick={() => navigate(DEFAULT_CHANGES_VIEW)}>Clear</Button> : null}
          {view.person ? (
            <span className="text-sm text-slate-600">
              One person only ·{" "}
              <Link href={`/people/${encodeURIComponent(view.person)}`} className="text-brand-700 hover:underline">
                open their page
              </Link>
            </span>
          ) : null}
          <a href={changesExportUrl(filters)} className={buttonClass("secondary", "md", "ml-auto")} download>
            Export CSV
          </a>
        </div>
      </form>

      {q.isPending ? (
        <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" aria-busy="true" aria-label="Loading changes">
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} className="h-10 w-full" />
          ))}
        </div>
      ) : q.isError ? (
        <Alert tone="error" title="Could not load the changes" action={<Button onClick={() => void q.refetch()}>Try again</Button>}>
          {(q.error as Error).message}
        </Alert>
      ) : q.data.items.length === 0 ? (
        <EmptyState title={active ? "No changes match these filters" : "No changes seen yet"}>
          {active
            ? "Widen the date range or clear the filters."
            : "Each sync of Roster's index compares the org with the previous one. People added, removed or changed in Webex since show here after the next sync (Sync now above)."}
        </EmptyState>
      ) : (
        <>
          <ChangesTable items={q.data.items} lookups={lookups} busy={q.isFetching} canWrite={canWrite} />
          <div className="flex items-center justify-between">
            <p className="text-sm text-slate-600" aria-live="polite" data-testid="changes-range">
              Page {cursors.length + 1} · {q.data.items.length} {q.data.items.length === 1 ? "change" : "changes"}
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

/** "by Hal (Webex audit log)" or "by admin@… (through Roster)"; nothing when no event names anyone. */
function ActorText({ actor }: { actor: ChangeItem["actor"] }) {
  if (!actor) return <span className="text-slate-500">Actor unknown</span>;
  return (
    <span className="text-slate-600">
      by {actor.name ?? actor.email ?? "an admin"}
      {actor.name && actor.email ? ` (${actor.email})` : ""} · {actor.source === "roster" ? "through Roster" : "Webex audit log"}
    </span>
  );
}

function ChangesTable({ items, lookups, busy, canWrite }: { items: ChangeItem[]; lookups: Lookups; busy: boolean; canWrite: boolean }) {
  const [undoing, setUndoing] = useState<ChangeItem | null>(null);
  const [error, setError] = useState<string | null>(null);
  const revert = useRevertChange();
  const close = () => {
    setUndoing(null);
    setError(null);
  };
  return (
    <>
      <Table density="relaxed" aria-busy={busy || undefined} data-testid="changes-table">
        <TableCaption>Changes seen in Webex between two syncs of Roster&apos;s index, newest first</TableCaption>
        <TableHeader>
          <tr>
            <TableHead className="w-44">Seen between</TableHead>
            <TableHead className="w-64">Person</TableHead>
            <TableHead>Change</TableHead>
            <TableHead className="w-40">
              <span className="sr-only">Undo</span>
            </TableHead>
          </tr>
        </TableHeader>
        <TableBody alignTop>
          {items.map((c) => (
            <TableRow key={c.id} data-testid="change-row">
              <TableCell className="text-xs text-slate-700">
                {c.seenFrom ? (
                  <>
                    <DateTime value={c.seenFrom} className="block" />
                    <span className="block text-slate-500">and</span>
                  </>
                ) : null}
                <DateTime value={c.seenTo} className="block" />
              </TableCell>
              <TableCell>
                <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
                  <Badge tone={KIND_TONES[c.kind]} dot>
                    {CHANGE_KIND_LABELS[c.kind]}
                  </Badge>
                  {c.kind === "removed" ? (
                    <span className="[overflow-wrap:anywhere]">{c.displayName || c.email}</span>
                  ) : (
                    <Link href={`/people/${encodeURIComponent(c.personId)}`} className="text-brand-700 hover:underline [overflow-wrap:anywhere]">
                      {c.displayName || c.email}
                    </Link>
                  )}
                </p>
                <p className="text-xs text-slate-500 [overflow-wrap:anywhere]">{c.email}</p>
                <p className="text-xs">
                  <ActorText actor={c.actor} />
                </p>
              </TableCell>
              <TableCell>
                {c.kind === "changed" && c.field ? (
                  <ChangeList compact changes={[{ ...describeChange(asFieldChange(c), lookups), label: TRACKED_FIELD_LABELS[c.field] }]} />
                ) : (
                  <span className="text-slate-700">{c.kind === "added" ? "New in Webex" : "No longer in Webex"}</span>
                )}
              </TableCell>
              <TableCell>
                {c.revertedAt ? (
                  <p className="text-xs text-slate-600">
                    <Badge tone="slate">Undone</Badge>
                    <span className="mt-1 block">
                      {c.revertedBy ? `by ${c.revertedBy}, ` : ""}
                      <DateTime value={c.revertedAt} mode="relative" />
                    </span>
                  </p>
                ) : c.notRevertable ? (
                  <Tooltip content={c.notRevertable} className="text-xs text-slate-600">
                    Cannot undo
                  </Tooltip>
                ) : canWrite ? (
                  <Button size="sm" onClick={() => setUndoing(c)} aria-label={`Undo ${c.field ? TRACKED_FIELD_LABELS[c.field] : "change"} of ${c.displayName || c.email}`}>
                    Undo
                  </Button>
                ) : null}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {undoing && undoing.field ? (
        <UndoDialog
          open
          personName={undoing.displayName || undoing.email}
          writes={[{ ...describeChange(asFieldChange({ field: undoing.field, before: undoing.after, after: undoing.before }), lookups), label: TRACKED_FIELD_LABELS[undoing.field] }]}
          busy={revert.isPending}
          error={error}
          onCancel={close}
          onConfirm={() =>
            revert.mutate(
              { id: undoing.id, personId: undoing.personId },
              {
                onSuccess: () => {
                  toast.success(`Undone: ${TRACKED_FIELD_LABELS[undoing.field!]} of ${undoing.displayName || undoing.email} is back to its earlier value.`);
                  close();
                },
                onError: (e) => setError(undoErrorMessage(e)),
              },
            )
          }
        />
      ) : null}
    </>
  );
}
