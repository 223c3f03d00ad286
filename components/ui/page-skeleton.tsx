import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton";
import { PageHeader } from "./page-header";
import { Skeleton } from "./skeleton";

// Loading states of console pages (their loading.tsx): the page's real header, then placeholders with the
// geometry of what is coming, announced once, politely, as "Loading …" (role="status", aria-busy).

/** A polite "Loading …" region around placeholders. */
export function LoadingRegion({ label, className, children }: { label: string; className?: string; children: React.ReactNode }) {
  return (
    <div role="status" aria-busy="true" aria-label={label} className={className}>
      <div aria-hidden>{children}</div>
      <span className="sr-only">{label}…</span>
    </div>
  );
}

/** A white card with a title line and a few text lines. */
export function CardSkeleton({ lines = 3, className }: { lines?: number; className?: string }) {
  return (
    <div className={`rounded-lg border border-slate-200 bg-white p-5 shadow-sm ${className ?? ""}`}>
      <Skeleton className="mb-4 h-4 w-32" />
      <div className="space-y-2.5">
        {Array.from({ length: lines }, (_, i) => (
          <Skeleton key={i} className={i % 3 === 2 ? "h-3 w-2/3" : "h-3 w-full"} />
        ))}
      </div>
    </div>
  );
}

type Layout = "table" | "cards" | "dashboard" | "detail" | "form";

/** A whole page while it loads: its header (known before any data) and placeholders shaped like its content. */
export function PageSkeleton({ title, description, label, layout, back }: { title?: string; description?: string; label: string; layout: Layout; back?: React.ReactNode }) {
  return (
    <>
      {back ? <div className="mb-2">{back}</div> : null}
      {title ? (
        <PageHeader title={title} description={description} />
      ) : (
        // The title comes with the data (a license's or a job's name).
        <div className="mb-6 space-y-2" aria-hidden>
          <Skeleton className="h-8 w-64" />
          <Skeleton className="h-4 w-80 max-w-full" />
        </div>
      )}
      {layout === "table" ? (
        <DataTableSkeleton columns={["30%", "20%", "20%", "15%", "15%"]} rows={8} label={label} />
      ) : (
        <LoadingRegion label={label} className="space-y-6">
          {layout === "cards" ? (
            <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
              {[0, 1, 2, 3].map((i) => (
                <CardSkeleton key={i} lines={4} />
              ))}
            </div>
          ) : layout === "dashboard" ? (
            <>
              <CardSkeleton lines={6} />
              <div className="grid gap-6 xl:grid-cols-5">
                <CardSkeleton lines={5} className="xl:col-span-3" />
                <CardSkeleton lines={5} className="xl:col-span-2" />
              </div>
            </>
          ) : layout === "detail" ? (
            <>
              <div className="grid grid-cols-2 gap-3 md:grid-cols-5">
                {[0, 1, 2, 3, 4].map((i) => (
                  <div key={i} className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
                    <Skeleton className="mb-2 h-3 w-16" />
                    <Skeleton className="h-6 w-12" />
                  </div>
                ))}
              </div>
              <CardSkeleton lines={6} />
            </>
          ) : (
            <>
              <div className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
                {[0, 1, 2].map((i) => (
                  <div key={i} className="space-y-2">
                    <Skeleton className="h-3 w-20" />
                    <Skeleton className="h-9 w-40 rounded-md" />
                  </div>
                ))}
              </div>
              <CardSkeleton lines={6} />
            </>
          )}
        </LoadingRegion>
      )}
    </>
  );
}
