"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Checkbox } from "@/components/ui/checkbox";
import { DateTime } from "@/components/ui/date-time";
import { daysSince } from "@/lib/format";
import { REASON_INFO, type ReclaimRow } from "@/lib/licenses/reclaim";

/** One page of candidates with a checkbox each, and one for the whole page. */
export function ReclaimTable({
  rows,
  selected,
  onSelect,
  licenseName,
  busy,
}: {
  rows: ReclaimRow[];
  selected: ReadonlyMap<string, ReclaimRow>;
  onSelect: (rows: ReclaimRow[], on: boolean) => void;
  licenseName: (id: string) => string;
  busy: boolean;
}) {
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm" data-testid="reclaim-table" aria-busy={busy}>
        <caption className="sr-only">Licensed people who match the reclaim criteria</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="w-10 px-4 py-2.5">
              <Checkbox aria-label="Select every person on this page" checked={allSelected} indeterminate={!allSelected && rows.some((r) => selected.has(r.id))} onChange={(e) => onSelect(rows, e.target.checked)} />
            </th>
            <th scope="col" className="px-4 py-2.5 font-semibold">Person</th>
            <th scope="col" className="px-4 py-2.5 font-semibold">Why</th>
            <th scope="col" className="px-4 py-2.5 font-semibold">Last activity</th>
            <th scope="col" className="px-4 py-2.5 font-semibold">Licenses held</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <PersonRow key={r.id} row={r} selected={selected.has(r.id)} onToggle={(on) => onSelect([r], on)} licenseName={licenseName} />
          ))}
          {!rows.length ? (
            <tr>
              <td colSpan={5} className="px-4 py-8 text-center text-slate-600">Nobody matches these criteria and filters.</td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}

function PersonRow({ row: r, selected, onToggle, licenseName }: { row: ReclaimRow; selected: boolean; onToggle: (on: boolean) => void; licenseName: (id: string) => string }) {
  const idle = daysSince(r.lastActivity);
  return (
    <tr data-person-id={r.id} className={selected ? "bg-brand-50" : "hover:bg-slate-50"}>
      <td className="px-4 py-2.5">
        <Checkbox aria-label={`Select ${r.displayName}`} checked={selected} onChange={(e) => onToggle(e.target.checked)} />
      </td>
      <th scope="row" className="px-4 py-2.5 font-normal">
        <Link href={`/people/${encodeURIComponent(r.id)}`} className="font-medium text-brand-600 hover:underline">{r.displayName}</Link>
        <span className="block text-xs text-slate-500">{r.email}</span>
      </th>
      <td className="px-4 py-2.5">
        <span className="flex flex-wrap gap-1">
          {r.reasons.map((x) => (
            <Badge key={x} tone={REASON_INFO[x].tone} dot>{REASON_INFO[x].label}</Badge>
          ))}
        </span>
      </td>
      <td className="px-4 py-2.5 tabular-nums text-slate-700">
        {r.lastActivity ? <><DateTime value={r.lastActivity} mode="date" /> ({idle} days)</> : r.invitePending ? <>Invited <DateTime value={r.created} mode="date" /></> : "Never"}
      </td>
      <td className="px-4 py-2.5 text-slate-700">{r.licenses.map(licenseName).join(", ")}</td>
    </tr>
  );
}
