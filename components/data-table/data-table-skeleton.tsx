import { Skeleton } from "@/components/ui/skeleton";

/** Placeholder rows with the same geometry as the table, so nothing jumps when data arrives. */
export function DataTableSkeleton({ columns, rows = 12, label = "Loading" }: { columns: readonly string[]; rows?: number; label?: string }) {
  return (
    <div role="status" aria-label={label} className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full table-fixed border-separate border-spacing-0 text-sm" aria-hidden>
        <colgroup>
          {columns.map((w, i) => (
            <col key={i} style={{ width: w }} />
          ))}
        </colgroup>
        <thead className="bg-slate-50">
          <tr>
            {columns.map((_, i) => (
              <th key={i} className="h-10 border-b border-slate-200 px-3">
                <Skeleton className="h-3 w-16" />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: rows }, (_, r) => (
            <tr key={r} style={{ height: 48 }}>
              {columns.map((_, i) => (
                <td key={i} className="border-b border-slate-100 px-3">
                  <Skeleton className={i === 1 ? "h-3.5 w-40" : "h-3 w-3/4"} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <span className="sr-only">{label}…</span>
    </div>
  );
}
