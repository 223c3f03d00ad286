"use client";

import { useCallback, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { formatCount } from "@/lib/licenses/capacity";
import type { ReclaimRow } from "@/lib/licenses/reclaim";
import { ReclaimTable } from "./reclaim-table";

const PAGE = 50;

/** Selected people by ID, with their row: filters refetch the list, and the selection must survive that. */
export function useReclaimSelection() {
  const [selected, setSelected] = useState<ReadonlyMap<string, ReclaimRow>>(new Map());
  const select = useCallback((rows: ReclaimRow[], on: boolean) => {
    setSelected((s) => {
      const next = new Map(s);
      for (const r of rows) {
        if (on) next.set(r.id, r);
        else next.delete(r.id);
      }
      return next;
    });
  }, []);
  const clear = useCallback(() => setSelected(new Map()), []);
  return { selected, select, clear };
}

/**
 * The candidates: their filters and actions (`toolbar`), the selection bar with Review, the table 50 rows a page
 * (`page`: 0-based, from the URL), and the pages. `rows` is what the API sent (at most its limit of `matching`).
 */
export function ReclaimCandidates({
  rows,
  matching,
  page,
  onPage,
  selection,
  canWrite,
  onReview,
  busy,
  licenseName,
  toolbar,
  notice,
}: {
  rows: ReclaimRow[];
  matching: number;
  page: number;
  onPage: (page: number) => void;
  selection: ReturnType<typeof useReclaimSelection>;
  canWrite: boolean;
  onReview: () => void;
  busy: boolean;
  licenseName: (id: string) => string;
  toolbar: ReactNode;
  notice?: ReactNode;
}) {
  const { selected, select, clear } = selection;
  const pages = Math.max(1, Math.ceil(rows.length / PAGE));
  const current = Math.min(page, pages - 1);
  const visible = rows.slice(current * PAGE, current * PAGE + PAGE);
  return (
    <section aria-labelledby="people-heading" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id="people-heading" className="text-base font-semibold text-slate-900">People</h2>
        <div className="flex flex-wrap items-end gap-3">{toolbar}</div>
      </div>
      {notice}

      <div className="sticky top-0 z-10 flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-200 bg-white px-4 py-2.5 shadow-sm" aria-live="polite">
        <span className="text-sm text-slate-700">
          {selected.size ? `${selected.size} selected` : `${formatCount(matching)} people match`}
          {selected.size ? (
            <Button variant="ghost" size="sm" className="ml-2" onClick={clear}>Clear selection</Button>
          ) : rows.length > visible.length ? (
            <Button variant="ghost" size="sm" className="ml-2" onClick={() => select(rows, true)}>Select all {formatCount(rows.length)}</Button>
          ) : null}
        </span>
        <span className="flex items-center gap-3">
          {!canWrite ? <span className="text-xs text-slate-500">Your administrator role can only look.</span> : null}
          <Button variant="primary" size="sm" disabled={!selected.size || !canWrite} onClick={onReview}>
            Review and remove…
          </Button>
        </span>
      </div>

      <ReclaimTable rows={visible} selected={selected} onSelect={select} licenseName={licenseName} busy={busy} />
      {matching > rows.length ? (
        <p className="text-sm text-slate-600" role="status">
          Showing the first {formatCount(rows.length)} of {formatCount(matching)} by name. Narrow the list with Reason or Holding to see the rest.
        </p>
      ) : null}
      {pages > 1 ? (
        <nav aria-label="Reclaim list pages" className="flex items-center justify-between text-sm text-slate-600">
          <span>Page {current + 1} of {pages}</span>
          <span className="flex gap-2">
            <Button size="sm" onClick={() => onPage(current - 1)} disabled={current === 0}>Previous</Button>
            <Button size="sm" onClick={() => onPage(current + 1)} disabled={current >= pages - 1}>Next</Button>
          </span>
        </nav>
      ) : null}
    </section>
  );
}
