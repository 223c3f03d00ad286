import {
  columnVisibilityFeature,
  createSortedRowModel,
  rowSelectionFeature,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  sortFn_datetime,
  sortFn_text,
  tableFeatures,
} from "@tanstack/react-table";

/** Per-column presentation the generic table reads (widths keep the layout still while pages load). */
export interface DataTableColumnMeta {
  /** CSS width of the column (the table uses a fixed layout). */
  width: string;
  /** Name shown in the column visibility menu and used in accessible labels. */
  label: string;
  align?: "left" | "right" | "center";
  /** Cell class names (e.g. tabular numbers). */
  className?: string;
}

/**
 * The one TanStack Table v9 feature set every data table in Roster uses: sorting (of the loaded rows only;
 * server data is paged by cursor), column visibility and row selection.
 */
export const dataTableFeatures = tableFeatures({
  rowSortingFeature,
  columnVisibilityFeature,
  rowSelectionFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, text: sortFn_text, datetime: sortFn_datetime, basic: sortFn_basic },
  columnMeta: {} as DataTableColumnMeta,
});

export type DataTableFeatures = typeof dataTableFeatures;
