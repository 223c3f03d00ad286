"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ChangeList } from "@/components/ui/change-list";
import { ToggleGroup } from "@/components/ui/toggle-group";
import type { JobItemView } from "@/lib/jobs/api-types";
import { ITEM_STATE_LABELS, type ItemState } from "@/lib/jobs/kinds";
import { describeChange, type Lookups } from "@/lib/people/field-labels";
import { jobItemsOptions } from "@/lib/query/jobs";

const TONE: Record<ItemState, BadgeTone> = { pending: "slate", running: "blue", done: "green", failed: "red", skipped: "slate" };

export const ITEM_FILTERS: { state: ItemState | "all"; label: string }[] = [
  { state: "all", label: "Everyone" },
  { state: "done", label: "Done" },
  { state: "failed", label: "Failed" },
  { state: "skipped", label: "Skipped" },
  { state: "pending", label: "Waiting" },
];

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
        <ToggleGroup label="Show" options={ITEM_FILTERS.map((f) => ({ value: f.state, label: f.label }))} value={state} onChange={onState} />
      </div>
      {q.isError ? <ApiErrorAlert error={q.error} title="Could not load the people of this job" onRetry={() => void q.refetch()} /> : null}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="w-full text-left text-sm" data-testid="job-items" aria-busy={q.isFetching}>
          <caption className="sr-only">{caption}</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-2.5 font-semibold">Person</th>
              <th scope="col" className="w-40 px-4 py-2.5 font-semibold">Outcome</th>
              <th scope="col" className="px-4 py-2.5 font-semibold">What changed, or why not</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <ItemRow key={r.seq} item={r} lookups={lookups} />
            ))}
            {!rows.length && !q.isPending ? (
              <tr>
                <td colSpan={3} className="px-4 py-8 text-center text-slate-600">
                  {state === "all" ? "This job has nobody in it." : `Nobody is ${ITEM_FILTERS.find((f) => f.state === state)!.label.toLowerCase()}.`}
                </td>
              </tr>
            ) : null}
            {q.isPending ? (
              <tr>
                <td colSpan={3} className="px-4 py-8 text-center text-slate-500">Loading…</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
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
    <tr data-testid="job-item" data-state={r.state}>
      <th scope="row" className="px-4 py-2.5 align-top font-normal">
        {r.personId && r.state !== "skipped" ? (
          <Link href={`/people/${encodeURIComponent(r.personId)}`} className="font-medium text-brand-600 hover:underline">
            {name}
          </Link>
        ) : (
          <span className="font-medium text-slate-800">{name}</span>
        )}
        {r.email && r.displayName ? <span className="block text-xs text-slate-500">{r.email}</span> : null}
        {r.row ? <span className="block text-xs text-slate-500">Row {r.row} of the file</span> : null}
      </th>
      <td className="px-4 py-2.5 align-top">
        <Badge tone={TONE[r.state]} dot>
          {ITEM_STATE_LABELS[r.state]}
        </Badge>
        {r.attempts > 1 ? <span className="mt-1 block text-xs text-slate-500">{r.attempts} attempts</span> : null}
      </td>
      <td className="px-4 py-2.5 align-top text-slate-700">
        {r.changes.length ? <ChangeList compact changes={r.changes.map((c) => describeChange(c, lookups))} /> : null}
        {r.message ? <p className={r.state === "failed" ? "text-rose-800" : "text-slate-600"}>{r.message}</p> : null}
        {r.trackingId ? (
          <p className="mt-0.5 text-xs text-slate-500">
            Webex tracking ID: <code className="select-all break-all">{r.trackingId}</code>
          </p>
        ) : null}
      </td>
    </tr>
  );
}
