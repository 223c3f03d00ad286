"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Checkbox } from "@/components/ui/checkbox";
import { DateTime } from "@/components/ui/date-time";
import { Table, TableBody, TableCaption, TableCell, TableEmpty, TableHead, TableHeader, TableRow, TableRowHeader } from "@/components/ui/table";
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
    <Table data-testid="reclaim-table" aria-busy={busy}>
      <TableCaption>Licensed people who match the reclaim criteria</TableCaption>
      <TableHeader>
        <tr>
          <TableHead className="w-10">
            <Checkbox aria-label="Select every person on this page" checked={allSelected} indeterminate={!allSelected && rows.some((r) => selected.has(r.id))} onChange={(e) => onSelect(rows, e.target.checked)} />
          </TableHead>
          <TableHead>Person</TableHead>
          <TableHead>Why</TableHead>
          <TableHead>Last activity</TableHead>
          <TableHead>Licenses held</TableHead>
        </tr>
      </TableHeader>
      <TableBody>
        {rows.map((r) => (
          <PersonRow key={r.id} row={r} selected={selected.has(r.id)} onToggle={(on) => onSelect([r], on)} licenseName={licenseName} />
        ))}
        {!rows.length ? <TableEmpty columns={5}>Nobody matches these criteria and filters.</TableEmpty> : null}
      </TableBody>
    </Table>
  );
}

function PersonRow({ row: r, selected, onToggle, licenseName }: { row: ReclaimRow; selected: boolean; onToggle: (on: boolean) => void; licenseName: (id: string) => string }) {
  const idle = daysSince(r.lastActivity);
  return (
    <TableRow data-person-id={r.id} hover={!selected} className={selected ? "bg-brand-50" : undefined}>
      <TableCell>
        <Checkbox aria-label={`Select ${r.displayName}`} checked={selected} onChange={(e) => onToggle(e.target.checked)} />
      </TableCell>
      <TableRowHeader>
        <Link href={`/people/${encodeURIComponent(r.id)}`} className="font-medium text-brand-600 hover:underline">{r.displayName}</Link>
        <span className="block text-xs text-slate-500">{r.email}</span>
      </TableRowHeader>
      <TableCell>
        <span className="flex flex-wrap gap-1">
          {r.reasons.map((x) => (
            <Badge key={x} tone={REASON_INFO[x].tone} dot>{REASON_INFO[x].label}</Badge>
          ))}
        </span>
      </TableCell>
      <TableCell className="tabular-nums text-slate-700">
        {r.lastActivity ? <><DateTime value={r.lastActivity} mode="date" /> ({idle} days)</> : r.invitePending ? <>Invited <DateTime value={r.created} mode="date" /></> : "Never"}
      </TableCell>
      <TableCell className="text-slate-700">{r.licenses.map(licenseName).join(", ")}</TableCell>
    </TableRow>
  );
}
