"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ChangeList } from "@/components/ui/change-list";
import { Table, TableBody, TableCaption, TableCell, TableEmpty, TableHead, TableHeader, TableRow, TableRowHeader } from "@/components/ui/table";
import { ToggleGroup, toggleOptions } from "@/components/ui/toggle-group";
import type { JobItemView } from "@/lib/jobs/api-types";
import { ITEM_STATE_LABELS, type ItemState } from "@/lib/jobs/kinds";
import { describeChange, type Lookups } from "@/lib/people/field-labels";
import { jobItemsOptions } from "@/lib/query/jobs";

const TONE: Record<ItemState, BadgeTone> = { pending: "slate", running: "blue", done: "green", failed: "red", skipped: "slate" };

/** The outcome filters of a job's people, in the order shown ("running" is brief: it has none). */
export const ITEM_FILTERS: Partial<Record<ItemState | "all", string>> = { all: "Everyone", done: "Done", failed: "Failed", skipped: "Skipped", pending: "Waiting" };

/** A job's people with what happened to each, filterable by outcome, 100 at a time. */
export function JobItems({
  jobId,
  state,
  onState,
  lookups,
  caption,
}: {
  jobId: string;
  state: ItemState | "all";
  onState: (s: ItemState | "all") => void;
  lookups: Lookups;
  caption: string;
}) {
  const q = useInfiniteQuery(jobItemsOptions(jobId, state));
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="job-items-heading" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="job-items-heading" className="text-base font-semibold text-slate-900">
          People
        </h2>
        <ToggleGroup label="Show" options={toggleOptions(ITEM_FILTERS)} value={state} onChange={onState} />
      </div>
      {q.isError ? <ApiErrorAlert error={q.error} title="Could not load the people of this job" onRetry={() => void q.refetch()} /> : null}
      <Table data-testid="job-items" aria-busy={q.isFetching}>
        <TableCaption>{caption}</TableCaption>
        <TableHeader>
          <tr>
            <TableHead>Person</TableHead>
            <TableHead className="w-40">Outcome</TableHead>
            <TableHead>What changed, or why not</TableHead>
          </tr>
        </TableHeader>
        <TableBody alignTop>
          {rows.map((r) => (
            <ItemRow key={r.seq} item={r} lookups={lookups} />
          ))}
          {!rows.length && !q.isPending ? (
            <TableEmpty columns={3}>{state === "all" ? "This job has nobody in it." : `Nobody is ${ITEM_FILTERS[state]!.toLowerCase()}.`}</TableEmpty>
          ) : null}
          {q.isPending ? (
            <TableEmpty columns={3} loading>
              Loading…
            </TableEmpty>
          ) : null}
        </TableBody>
      </Table>
      {q.hasNextPage ? (
        <Button size="sm" onClick={() => void q.fetchNextPage()} disabled={q.isFetchingNextPage}>
          {q.isFetchingNextPage ? "Loading…" : "Show 100 more"}
        </Button>
      ) : null}
    </section>
  );
}

function ItemRow({ item: r, lookups }: { item: JobItemView; lookups: Lookups }) {
  const name = r.displayName || r.email || "Unknown person";
  return (
    <TableRow data-testid="job-item" data-state={r.state}>
      <TableRowHeader>
        {r.personId && r.state !== "skipped" ? (
          <Link href={`/people/${encodeURIComponent(r.personId)}`} className="font-medium text-brand-600 hover:underline">
            {name}
          </Link>
        ) : (
          <span className="font-medium text-slate-800">{name}</span>
        )}
        {r.email && r.displayName ? <span className="block text-xs text-slate-500">{r.email}</span> : null}
        {r.row ? <span className="block text-xs text-slate-500">Row {r.row} of the file</span> : null}
      </TableRowHeader>
      <TableCell>
        <Badge tone={TONE[r.state]} dot>
          {ITEM_STATE_LABELS[r.state]}
        </Badge>
        {r.attempts > 1 ? <span className="mt-1 block text-xs text-slate-500">{r.attempts} attempts</span> : null}
      </TableCell>
      <TableCell className="text-slate-700">
        {r.changes.length ? <ChangeList compact changes={r.changes.map((c) => describeChange(c, lookups))} /> : null}
        {r.message ? <p className={r.state === "failed" ? "text-rose-800" : "text-slate-600"}>{r.message}</p> : null}
        {r.trackingId ? (
          <p className="mt-0.5 text-xs text-slate-500">
            Webex tracking ID: <code className="select-all break-all">{r.trackingId}</code>
          </p>
        ) : null}
      </TableCell>
    </TableRow>
  );
}
