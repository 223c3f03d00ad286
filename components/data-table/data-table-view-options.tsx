"use client";

import type { ReactTable, RowData } from "@tanstack/react-table";
import { Button } from "@/components/ui/button";
import { Popover, PopoverCheckbox } from "@/components/ui/popover";
import type { DataTableFeatures } from "./data-table-features";

/** The "Columns" menu: show or hide columns; the owner decides where the choice is kept. */
export function DataTableViewOptions<TData extends RowData, TSelected>({
  table,
  onReset,
}: {
  table: ReactTable<DataTableFeatures, TData, TSelected>;
  onReset: () => void;
}) {
  const columns = table.getAllLeafColumns().filter((c) => c.getCanHide());
  const visible = columns.filter((c) => c.getIsVisible()).length;
  return (
    <Popover
      title="Show columns"
      align="end"
      trigger={
        <>
          <svg aria-hidden viewBox="0 0 16 16" className="h-4 w-4 text-slate-500" fill="none" stroke="currentColor" strokeWidth="1.6">
            <rect x="2" y="3" width="12" height="10" rx="1.5" />
            <path d="M6 3v10M10 3v10" />
          </svg>
          Columns
        </>
      }
      triggerLabel={`Columns (${visible} of ${columns.length} optional columns shown)`}
    >
      <div className="max-h-80 overflow-auto">
        {columns.map((c) => (
          <PopoverCheckbox key={c.id} checked={c.getIsVisible()} onChange={(v) => c.toggleVisibility(v)}>
            {c.columnDef.meta?.label ?? c.id}
          </PopoverCheckbox>
        ))}
      </div>
      <div className="mt-1 border-t border-slate-100 pt-1">
        <Button variant="ghost" size="sm" className="w-full justify-start" onClick={onReset}>
          Reset to default columns
        </Button>
      </div>
    </Popover>
  );
}
