"use client";

import type { Header, ReactTable, RowData } from "@tanstack/react-table";
import { cn } from "@/components/ui/cn";
import type { DataTableFeatures } from "./data-table-features";

/** A header cell; sortable columns get a button that says what it does ("sorts this page"). */
export function DataTableColumnHeader<TData extends RowData, TSelected>({
  table,
  header,
}: {
  table: ReactTable<DataTableFeatures, TData, TSelected>;
  header: Header<DataTableFeatures, TData, unknown>;
}) {
  const column = header.column;
  const meta = column.columnDef.meta;
  const sorted = column.getIsSorted();
  const canSort = column.getCanSort();
  const base = cn(
    "h-10 border-b border-slate-200 px-3 text-left text-xs font-semibold text-slate-600",
    meta?.align === "right" && "text-right",
    meta?.align === "center" && "text-center",
  );
  if (header.isPlaceholder) return <th className={base} />;
  if (!canSort) {
    return (
      <th scope="col" className={base}>
        <table.FlexRender header={header} />
      </th>
    );
  }
  const label = meta?.label ?? column.id;
  const next = column.getNextSortingOrder();
  const action = next === "asc" ? "ascending" : next === "desc" ? "descending" : "unsorted (Webex order)";
  // manualSorting: the server sorts every match (the people grid's index view), not just the loaded rows.
  const whole = Boolean(table.options.manualSorting);
  return (
    <th scope="col" aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"} className={cn(base, "px-1.5")}>
      <button
        type="button"
        onClick={column.getToggleSortingHandler()}
        title={whole ? `Sort everyone matching by ${label}, ${next === false ? "unsorted (by name)" : action}` : `Sort the people on this page by ${label}, ${action}`}
        className={cn(
          "inline-flex h-7 max-w-full items-center gap-1 rounded px-1.5 hover:bg-slate-200/70 hover:text-slate-900",
          sorted && "text-slate-900",
        )}
      >
        <span className="truncate">
          <table.FlexRender header={header} />
        </span>
        <SortIcon dir={sorted} />
        <span className="sr-only">{whole ? ", sorts everyone matching" : ", sorts this page only"}</span>
      </button>
    </th>
  );
}

function SortIcon({ dir }: { dir: false | "asc" | "desc" }) {
  return (
    <svg aria-hidden viewBox="0 0 16 16" className={cn("h-3.5 w-3.5 shrink-0", dir ? "text-brand-600" : "text-slate-400")} fill="none" stroke="currentColor" strokeWidth="1.8">
      {dir === "asc" ? <path d="M8 12V4M4.5 7.5 8 4l3.5 3.5" /> : dir === "desc" ? <path d="M8 4v8M4.5 8.5 8 12l3.5-3.5" /> : <path d="M5 6.5 8 3.5l3 3M5 9.5l3 3 3-3" />}
    </svg>
  );
}
