import { cn } from "./cn";

// The hand-written lists of the console (jobs, activity, licenses, roles, import, previews): one look, composed from
// these pieces. The people grid (components/data-table) is TanStack's and has its own.
//
// Cell padding comes from CSS variables set on the <table> by its density, so each cell has one padding class (no
// clash with a caller's classes) and no React context is needed: a server component can render the whole table.

export type TableVariant = "card" | "inset" | "plain";
export type TableDensity = "compact" | "normal" | "relaxed";

const FRAME: Record<TableVariant, string> = {
  /** A list on the page: its own white card. */
  card: "overflow-auto rounded-lg border border-slate-200 bg-white shadow-sm",
  /** A list inside a panel or dialog. */
  inset: "overflow-auto rounded-lg border border-slate-200 bg-white",
  /** A small figures table in a panel: no frame, no header band. */
  plain: "overflow-x-auto",
};

// --cell-l / --cell-r: a cell's left and right padding; --cell-r-last: the last cell's right; --head-y / --cell-y:
// the header's and the body's vertical padding.
const SPACING: Record<TableDensity | "plain", string> = {
  compact: "[--cell-l:0.75rem] [--cell-r:0.75rem] [--cell-r-last:0.75rem] [--head-y:0.5rem] [--cell-y:0.5rem]",
  normal: "[--cell-l:1rem] [--cell-r:1rem] [--cell-r-last:1rem] [--head-y:0.625rem] [--cell-y:0.625rem]",
  relaxed: "[--cell-l:1rem] [--cell-r:1rem] [--cell-r-last:1rem] [--head-y:0.625rem] [--cell-y:0.75rem]",
  plain: "[--cell-l:0] [--cell-r:1rem] [--cell-r-last:0] [--head-y:0.5rem] [--cell-y:0.5rem]",
};

const PAD_X = "pl-(--cell-l) pr-(--cell-r) last:pr-(--cell-r-last)";

/**
 * A table in its scroll container. Every other prop (data-testid, aria-busy, aria-rowcount…) goes to the <table>.
 * `scrollLabel` makes the container a focusable, named region (a list that scrolls by itself must be reachable by
 * keyboard); `scrollClassName` bounds its height (e.g. "max-h-72") and `containerRef` reaches it (a virtualizer).
 */
export function Table({
  variant = "card",
  density = "normal",
  scrollLabel,
  scrollClassName,
  containerRef,
  className,
  children,
  ...props
}: React.ComponentProps<"table"> & {
  variant?: TableVariant;
  density?: TableDensity;
  scrollLabel?: string;
  scrollClassName?: string;
  containerRef?: React.Ref<HTMLDivElement>;
}) {
  return (
    <div
      ref={containerRef}
      className={cn(FRAME[variant], scrollClassName)}
      {...(scrollLabel ? { role: "region", "aria-label": scrollLabel, tabIndex: 0 } : {})}
    >
      <table
        className={cn(
          "w-full text-left text-sm",
          SPACING[variant === "plain" ? "plain" : density],
          // The plain table's header has a rule under it and no band.
          variant === "plain" && "[&>thead]:bg-transparent",
          className,
        )}
        {...props}
      >
        {children}
      </table>
    </div>
  );
}

/** The table's caption, for screen readers only unless `visible`. */
export function TableCaption({ visible = false, children }: { visible?: boolean; children: React.ReactNode }) {
  return <caption className={visible ? "mb-1 text-left text-sm font-medium text-slate-800" : "sr-only"}>{children}</caption>;
}

/** The header; `sticky` keeps it in view while the container scrolls. */
export function TableHeader({ sticky = false, children }: { sticky?: boolean; children: React.ReactNode }) {
  return <thead className={cn("border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600", sticky && "sticky top-0 z-10")}>{children}</thead>;
}

/** The body; `alignTop` for rows of several lines. */
export function TableBody({ alignTop = false, children }: { alignTop?: boolean; children: React.ReactNode }) {
  return <tbody className={cn("divide-y divide-slate-100", alignTop && "align-top")}>{children}</tbody>;
}

/** A row; `hover` highlights it under the pointer (rows that link somewhere). */
export function TableRow({ hover = false, className, ...props }: React.ComponentProps<"tr"> & { hover?: boolean }) {
  return <tr className={cn(hover && "hover:bg-slate-50", className)} {...props} />;
}

export interface TableSort {
  /** The order this column sorts in. */
  direction: "ascending" | "descending";
  /** Whether the list is sorted by this column now. */
  active: boolean;
  onSort: () => void;
}

/** A column header (`th scope="col"`); `numeric` aligns it right, over its figures; `sort` makes it a sort button. */
export function TableHead({ numeric = false, sort, className, children, ...props }: React.ComponentProps<"th"> & { numeric?: boolean; sort?: TableSort }) {
  return (
    <th
      scope="col"
      aria-sort={sort?.active ? sort.direction : undefined}
      className={cn(PAD_X, "py-(--head-y) font-semibold", numeric ? "text-right" : "text-left", className)}
      {...props}
    >
      {sort ? (
        <button type="button" onClick={sort.onSort} className="inline-flex items-center gap-1 uppercase hover:text-slate-900">
          {children}
          <span aria-hidden className={sort.active ? "text-slate-900" : "text-slate-300"}>
            {sort.direction === "ascending" ? "↑" : "↓"}
          </span>
          <span className="sr-only">{sort.active ? "(sorted)" : "(sort by this)"}</span>
        </button>
      ) : (
        children
      )}
    </th>
  );
}

/** The cell that names its row (`th scope="row"`), in body type. */
export function TableRowHeader({ className, ...props }: React.ComponentProps<"th">) {
  return <th scope="row" className={cn(PAD_X, "py-(--cell-y) text-left font-normal", className)} {...props} />;
}

/** A body cell; `numeric` aligns it right with figures of one width. */
export function TableCell({ numeric = false, className, ...props }: React.ComponentProps<"td"> & { numeric?: boolean }) {
  return <td className={cn(PAD_X, "py-(--cell-y)", numeric && "text-right tabular-nums", className)} {...props} />;
}

/** One row across all `columns`: the list is empty (or, with `loading`, not loaded yet). */
export function TableEmpty({ columns, loading = false, children }: { columns: number; loading?: boolean; children: React.ReactNode }) {
  return (
    <tr>
      <td colSpan={columns} className={cn("px-(--cell-l) py-8 text-center", loading ? "text-slate-500" : "text-slate-600")}>
        {children}
      </td>
    </tr>
  );
}
