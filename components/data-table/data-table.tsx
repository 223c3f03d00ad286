"use client";

import type { ReactTable, Row, RowData } from "@tanstack/react-table";
import type { Virtualizer } from "@tanstack/react-virtual";
import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { DataTableColumnHeader } from "./data-table-column-header";
import type { DataTableFeatures } from "./data-table-features";

const ROW_HEIGHT = 48;
/** Pages up to this size render every row; bigger ones (250, 1000) are virtualised. */
export const VIRTUALIZE_ABOVE = 100;
/** Rows rendered for a big page in the moment before the virtualizer's code has arrived (about a screenful). */
const FIRST_ROWS = 30;

// The virtualizer (~11 kB gzip) is not on the first load of a page of 100 (the default): it loads when a bigger page
// is shown. A big page rendered on the server keeps its server HTML until the code is there (Suspense during
// hydration); on the client the first FIRST_ROWS rows stand in for the moment it takes.
const DataTableVirtualRows = lazy(() => import("./data-table-virtual-rows"));

export interface DataTableProps<TData extends RowData, TSelected> {
  table: ReactTable<DataTableFeatures, TData, TSelected>;
  /** Screen-reader caption: what the table shows and how it is sorted. */
  caption: string;
  /** Opens a row (click or Enter). */
  onOpenRow?: (row: Row<DataTableFeatures, TData>) => void;
  /** True while a different page is being fetched and the previous rows are still shown. */
  busy?: boolean;
  /** Height of the scrolling area; the header stays visible while rows scroll. */
  maxHeightClass?: string;
}

const INTERACTIVE = "a, button, input, select, textarea, label, [role='tooltip']";

/**
 * A table built from TanStack Table v9 state: sticky header, fixed column widths (so the layout does not
 * jump between pages), rows that open on click/Enter, roving focus with arrow keys, and row virtualisation
 * for large pages (spacer rows keep native table semantics; aria-rowcount/rowindex keep positions known).
 */
export function DataTable<TData extends RowData, TSelected>({ table, caption, onOpenRow, busy = false, maxHeightClass = "max-h-[calc(100vh-18rem)]" }: DataTableProps<TData, TSelected>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = table.getRowModel().rows;
  const virtual = rows.length > VIRTUALIZE_ABOVE;
  const [active, setActive] = useState(0);
  const focusPending = useRef<number | null>(null);

  const virtualizer = useRef<Pick<Virtualizer<HTMLElement, Element>, "scrollToIndex"> | null>(null);

  const activeIndex = Math.min(active, Math.max(0, rows.length - 1));
  const visibleColumns = table.getVisibleLeafColumns();

  // After arrow-key moves into rows that were not rendered yet, focus them once they are (run after every render of
  // the table and of the virtual rows, which re-render on their own while scrolling).
  const focusPendingRow = () => {
    const target = focusPending.current;
    if (target === null) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`tr[data-row-index="${target}"]`);
    if (el) {
      focusPending.current = null;
      el.focus({ preventScroll: !virtual });
    }
  };
  useEffect(focusPendingRow);

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, index));
    setActive(next);
    focusPending.current = next;
    if (virtual && virtualizer.current) virtualizer.current.scrollToIndex(next, { align: "auto" });
    else scrollRef.current?.querySelector<HTMLElement>(`tr[data-row-index="${next}"]`)?.focus();
  };

  const onRowKeyDown = (e: React.KeyboardEvent<HTMLTableRowElement>, index: number, row: Row<DataTableFeatures, TData>) => {
    if (e.target !== e.currentTarget) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 480) / ROW_HEIGHT) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(index + 1),
      ArrowUp: () => moveTo(index - 1),
      Home: () => moveTo(0),
      End: () => moveTo(rows.length - 1),
      PageDown: () => moveTo(index + page),
      PageUp: () => moveTo(index - page),
      Enter: () => onOpenRow?.(row),
      " ": () => row.toggleSelected(),
    };
    const action = keys[e.key];
    if (action && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      action();
    }
  };

  const renderRow = (index: number) => {
    const row = rows[index];
    if (!row) return null;
    const selected = row.getIsSelected();
    return (
      <tr
        key={row.id}
        data-row-index={index}
        data-testid="data-row"
        aria-rowindex={index + 2}
        tabIndex={index === activeIndex ? 0 : -1}
        onFocus={() => setActive(index)}
        onKeyDown={(e) => onRowKeyDown(e, index, row)}
        onClick={(e) => {
          if ((e.target as HTMLElement).closest(INTERACTIVE)) return;
          onOpenRow?.(row);
        }}
        className={cn(
          "group cursor-pointer outline-none",
          selected ? "bg-brand-50" : "hover:bg-slate-50",
          "focus-visible:bg-brand-50 focus-visible:shadow-[inset_3px_0_0_0_var(--color-brand-500,#0a66c2)]",
        )}
        style={{ height: ROW_HEIGHT }}
      >
        {row.getVisibleCells().map((cell) => {
          const meta = cell.column.columnDef.meta;
          return (
            <td
              key={cell.id}
              className={cn(
                "truncate border-b border-slate-100 px-3 py-0 align-middle text-slate-700",
                meta?.align === "right" && "text-right",
                meta?.align === "center" && "text-center",
                meta?.className,
              )}
            >
              <table.FlexRender cell={cell} />
            </td>
          );
        })}
      </tr>
    );
  };

  return (
    <div
      ref={scrollRef}
      className={cn("relative overflow-auto rounded-lg border border-slate-200 bg-white shadow-sm", maxHeightClass)}
      aria-busy={busy || undefined}
    >
      <table className="w-full min-w-max table-fixed border-separate border-spacing-0 text-sm" aria-rowcount={rows.length + 1}>
        <caption className="sr-only">{caption}</caption>
        <colgroup>
          {visibleColumns.map((c) => (
            <col key={c.id} style={{ width: c.columnDef.meta?.width }} />
          ))}
        </colgroup>
        <thead className="sticky top-0 z-10 bg-slate-50">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} aria-rowindex={1}>
              {group.headers.map((header) => (
                <DataTableColumnHeader key={header.id} table={table} header={header} />
              ))}
            </tr>
          ))}
        </thead>
        <tbody className={cn("transition-opacity", busy && "opacity-60")}>
          {virtual ? (
            <Suspense fallback={<FirstRows count={rows.length} colSpan={visibleColumns.length} renderRow={renderRow} />}>
              <DataTableVirtualRows
                count={rows.length}
                rowHeight={ROW_HEIGHT}
                colSpan={visibleColumns.length}
                getScrollElement={() => scrollRef.current}
                getItemKey={(index) => rows[index]?.id ?? index}
                renderRow={renderRow}
                controlRef={virtualizer}
                onRendered={focusPendingRow}
              />
            </Suspense>
          ) : (
            rows.map((_, index) => renderRow(index))
          )}
        </tbody>
      </table>
    </div>
  );
}

/** A big page's first rows and a spacer for the rest, while the virtualizer's code is on its way. */
function FirstRows({ count, colSpan, renderRow }: { count: number; colSpan: number; renderRow: (index: number) => React.ReactNode }) {
  const shown = Math.min(count, FIRST_ROWS);
  return (
    <>
      {Array.from({ length: shown }, (_, index) => renderRow(index))}
      {count > shown ? (
        <tr aria-hidden style={{ height: (count - shown) * ROW_HEIGHT }}>
          <td colSpan={colSpan} />
        </tr>
      ) : null}
    </>
  );
}
