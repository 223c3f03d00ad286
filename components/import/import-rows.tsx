"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import Link from "next/link";
import { useEffect, useRef } from "react";
import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { ChangeList } from "@/components/ui/change-list";
import { Table, TableBody, TableCaption, TableCell, TableEmpty, TableHead, TableHeader, TableRow, TableRowHeader } from "@/components/ui/table";
import type { RowOutcome } from "@/lib/import/plan";
import type { JobItemView } from "@/lib/jobs/api-types";
import { OUTCOME_LABELS } from "@/lib/jobs/results-csv";
import { describeChange, type Lookups } from "@/lib/people/field-labels";
import { jobItemsOptions } from "@/lib/query/jobs";
import { usePersonLookups } from "@/lib/query/person-lookups";
import { formatCount } from "@/lib/format";

const TONE: Record<RowOutcome, BadgeTone> = { create: "green", update: "blue", unchanged: "slate", error: "red" };

/**
 * The plan's rows, filtered by outcome: a virtualised table (only the rows in view are in the page), loading 500
 * rows at a time as it scrolls, so a 20,000-row plan stays quick.
 */
export function ImportRows({ jobId, outcome, total }: { jobId: string; outcome: RowOutcome | "all"; total: number }) {
  const q = useInfiniteQuery(jobItemsOptions(jobId, "all", { outcome: outcome === "all" ? undefined : outcome, limit: 500 }));
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];
  const { lookups } = usePersonLookups();
  const scroller = useRef<HTMLDivElement>(null);
  // The virtualizer is read during this render only; the project does not use the React Compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 52,
    overscan: 12,
  });
  const items = virtual.getVirtualItems();
  const last = items.at(-1)?.index ?? 0;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = q;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && last >= rows.length - 20) void fetchNextPage();
  }, [last, rows.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  const top = items[0]?.start ?? 0;
  const bottom = virtual.getTotalSize() - (items.at(-1)?.end ?? 0);
  return (
    <div className="space-y-2">
      {q.isError ? <ApiErrorAlert error={q.error} title="Could not load the rows of this plan" onRetry={() => void q.refetch()} /> : null}
      <Table
        variant="inset"
        density="compact"
        containerRef={scroller}
        scrollLabel="Rows of the plan (scrolls)"
        scrollClassName="max-h-[32rem]"
        data-testid="import-rows"
        aria-rowcount={total + 1}
        aria-busy={q.isFetching}
      >
        <TableCaption>Rows of the file and what each would do, {formatCount(total)} shown by this filter.</TableCaption>
        <TableHeader sticky>
          <tr aria-rowindex={1}>
            <TableHead numeric className="w-16">
              Row
            </TableHead>
            <TableHead className="w-64">Person</TableHead>
            <TableHead className="w-32">Plan</TableHead>
            <TableHead>What changes, or what is wrong</TableHead>
          </tr>
        </TableHeader>
        <TableBody alignTop>
          {top > 0 ? <tr aria-hidden style={{ height: top }} /> : null}
          {items.map((v) => (
            <Row key={rows[v.index]!.seq} item={rows[v.index]!} index={v.index} lookups={lookups} measure={virtual.measureElement} />
          ))}
          {bottom > 0 ? <tr aria-hidden style={{ height: bottom }} /> : null}
          {!rows.length && !q.isPending ? <TableEmpty columns={4}>No row has this outcome.</TableEmpty> : null}
          {q.isPending ? (
            <TableEmpty columns={4} loading>
              Loading…
            </TableEmpty>
          ) : null}
        </TableBody>
      </Table>
      <p className="text-xs text-slate-500" aria-live="polite">
        {rows.length < total ? `${formatCount(rows.length)} of ${formatCount(total)} rows loaded; scroll for more.` : `${formatCount(total)} ${total === 1 ? "row" : "rows"}.`}
      </p>
    </div>
  );
}

function Row({ item: r, index, lookups, measure }: { item: JobItemView; index: number; lookups: Lookups; measure: (el: Element | null) => void }) {
  const name = r.displayName || r.email || "No email";
  const outcome = r.outcome ?? "error";
  return (
    <TableRow ref={measure} data-index={index} aria-rowindex={index + 2} data-testid="import-row" data-outcome={outcome}>
      <TableCell numeric className="text-slate-500">
        {r.row ?? ""}
      </TableCell>
      <TableRowHeader>
        {r.personId && outcome !== "create" ? (
          <Link href={`/people/${encodeURIComponent(r.personId)}`} className="font-medium text-brand-600 hover:underline">
            {name}
          </Link>
        ) : (
          <span className="font-medium text-slate-800">{name}</span>
        )}
        {r.email && r.displayName ? <span className="block text-xs text-slate-500">{r.email}</span> : null}
      </TableRowHeader>
      <TableCell>
        <Badge tone={TONE[outcome]} dot>
          {OUTCOME_LABELS[outcome]}
        </Badge>
      </TableCell>
      <TableCell className="text-slate-700">
        {r.changes.length ? <ChangeList compact changes={r.changes.map((c) => describeChange(c, lookups))} /> : null}
        {outcome === "error" && r.message ? <p className="text-xs font-medium text-rose-800">{r.message}</p> : null}
        {outcome === "unchanged" ? <p className="text-xs text-slate-500">Webex already holds what the row says.</p> : null}
      </TableCell>
    </TableRow>
  );
}
