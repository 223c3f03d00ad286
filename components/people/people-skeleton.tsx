import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

// Same widths as the default columns (people-columns.tsx), so the real table replaces it without a jump.
const DEFAULT_WIDTHS = ["44px", "196px", "210px", "130px", "118px", "170px", "140px", "140px"] as const;

export function PeopleTableSkeleton() {
  return <DataTableSkeleton columns={DEFAULT_WIDTHS} label="Loading people" />;
}

/** The toolbar's footprint while the page loads (loading.tsx). */
export function PeopleToolbarSkeleton() {
  return (
    <div className="mb-3 flex flex-wrap items-center gap-2" aria-hidden>
      <Skeleton className="h-9 w-full rounded-md sm:w-80" />
      <Skeleton className="h-9 w-32 rounded-md" />
      <Skeleton className="h-9 w-36 rounded-md" />
      <Skeleton className="ml-auto h-9 w-28 rounded-md" />
    </div>
  );
}
