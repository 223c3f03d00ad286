"use client";

import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { formatCount } from "@/lib/licenses/capacity";

/** What the criteria and filters would free: units by license, most first (`units`: [license ID, units]). */
export function ReclaimSummary({ units, people, licenseName }: { units: [string, number][]; people: number; licenseName: (id: string) => string }) {
  return (
    <section aria-labelledby="units-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="units-heading" className="text-base font-semibold text-slate-900">
        Reclaimable: {formatCount(units.reduce((n, [, u]) => n + u, 0))} units from {formatCount(people)} people
      </h2>
      <ul className="mt-3 grid gap-2 sm:grid-cols-2 lg:grid-cols-3" data-testid="units-by-license">
        {units.map(([id, n]) => (
          <li key={id} className="flex items-center justify-between gap-3 rounded-md bg-slate-50 px-3 py-2 text-sm">
            <span className="min-w-0 truncate">{licenseName(id)}</span>
            <span className="shrink-0 font-semibold tabular-nums">{formatCount(n)}</span>
          </li>
        ))}
        {!units.length ? <li className="text-sm text-slate-600">Nothing to reclaim with these criteria.</li> : null}
      </ul>
    </section>
  );
}

/** Every person matching the criteria and filters as CSV (not only the rows shown). */
export function ReclaimExportButton({ matching, exporting, onExport }: { matching: number; exporting: boolean; onExport: () => void }) {
  return (
    <Button
      onClick={onExport}
      disabled={exporting || !matching}
      aria-busy={exporting}
      title="Every person matching these criteria and filters, with why and the criteria, for approval"
      data-testid="export-reclaim"
    >
      {exporting ? <Spinner /> : null}
      {exporting ? "Exporting…" : `Export ${formatCount(matching)} as CSV`}
    </Button>
  );
}
