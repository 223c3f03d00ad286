"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCaption, TableCell, TableEmpty, TableHead, TableHeader, TableRow, TableRowHeader } from "@/components/ui/table";
import { csvFileName, toCsv } from "@/lib/csv";
import { licenseHoldersOptions, type Holder } from "@/lib/query/license-capacity";
import { statusInfo } from "@/lib/people/person";
import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { downloadText } from "@/lib/download";
import { DateTime } from "@/components/ui/date-time";
import { useUrlView } from "@/components/ui/use-url-view";
import { HOLDERS_VIEW_KEYS, parseHoldersView, serializeHoldersView, HOLDERS_MAX_FILTER, type HolderSort } from "@/lib/licenses/holders-view";
import { filterNavigation } from "@/lib/url-view";
import { daysSince, isoUtc } from "@/lib/format";

const PAGE = 50;
type SortKey = HolderSort;

function signIn(h: Holder): { label: string; tone: "green" | "slate" | "violet" } {
  if (h.loginEnabled === false) return { label: "Deactivated", tone: "slate" };
  if (h.invitePending) return { label: "Invite pending", tone: "violet" };
  if (h.loginEnabled === true) return { label: "Enabled", tone: "green" };
  return { label: "—", tone: "slate" };
}

export function HoldersTable({ licenseId, licenseName }: { licenseId: string; licenseName: string }) {
  const q = useQuery(licenseHoldersOptions(licenseId));
  // Filter, sort and page are the URL's (History API: a copied link reopens the list; Back/Forward and reload keep it).
  const { view, navigate } = useUrlView(parseHoldersView, serializeHoldersView, { keys: HOLDERS_VIEW_KEYS });
  const { q: filter, sort } = view;

  const rows = useMemo(() => {
    const all = q.data?.holders ?? [];
    const f = filter.trim().toLowerCase();
    const filtered = f ? all.filter((h) => h.displayName.toLowerCase().includes(f) || h.email.toLowerCase().includes(f)) : all;
    const cmp: Record<SortKey, (a: Holder, b: Holder) => number> = {
      name: (a, b) => a.displayName.localeCompare(b.displayName),
      email: (a, b) => a.email.localeCompare(b.email),
      // Longest idle first: the people most worth a look.
      lastActivity: (a, b) => (a.lastActivity ?? "").localeCompare(b.lastActivity ?? ""),
    };
    return [...filtered].sort(cmp[sort]);
  }, [q.data, filter, sort]);

  const pages = Math.max(1, Math.ceil(rows.length / PAGE));
  const current = Math.min(view.page - 1, pages - 1);
  const visible = rows.slice(current * PAGE, current * PAGE + PAGE);

  function exportCsv() {
    const csv = toCsv(
      ["Name", "Email", "Person ID", "Type", "Status", "Last activity", "Sign-in"],
      rows.map((h) => [h.displayName, h.email, h.id, h.type, h.status, isoUtc(h.lastActivity), signIn(h).label]),
    );
    downloadText(csvFileName(`holders-${licenseName}`), csv);
  }

  if (q.isPending) {
    return (
      <div className="space-y-2" aria-busy="true" aria-label="Loading holders">
        <p className="text-sm text-slate-600">Loading holders from Webex…</p>
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} className="h-8 w-full" />
        ))}
      </div>
    );
  }
  if (q.isError) return <ApiErrorAlert error={q.error} title="Could not load who holds this license" onRetry={() => void q.refetch()} />;

  const sortBy = (key: SortKey) => ({
    direction: "ascending" as const,
    active: sort === key,
    onSort: () => navigate({ ...view, sort: key, page: 1 }),
  });

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
          Filter holders
          <input
            type="search"
            value={filter}
            onChange={(e) => navigate({ ...view, q: e.target.value, page: 1 }, filterNavigation(view.q, e.target.value))}
            maxLength={HOLDERS_MAX_FILTER}
            placeholder="Name or email"
            className="h-9 w-72 rounded-md border border-slate-300 px-3 text-sm font-normal shadow-sm"
          />
        </label>
        <div className="flex items-center gap-3">
          <p className="text-sm text-slate-600" aria-live="polite" data-testid="holders-count">
            {rows.length === q.data.holders.length ? `${q.data.holders.length} holders` : `${rows.length} of ${q.data.holders.length} holders`}
          </p>
          <Button size="sm" onClick={exportCsv} disabled={!rows.length}>
            Export CSV
          </Button>
        </div>
      </div>
      <Table data-testid="holders-table">
        <TableCaption>People holding {licenseName}</TableCaption>
        <TableHeader>
          <tr>
            <TableHead sort={sortBy("name")}>Name</TableHead>
            <TableHead sort={sortBy("email")}>Email</TableHead>
            <TableHead>Status</TableHead>
            <TableHead sort={sortBy("lastActivity")}>Last activity</TableHead>
            <TableHead>Sign-in</TableHead>
          </tr>
        </TableHeader>
        <TableBody>
          {visible.map((h) => {
            const s = statusInfo(h.status ?? undefined);
            const idle = daysSince(h.lastActivity);
            const si = signIn(h);
            return (
              <TableRow key={h.id} data-person-id={h.id} hover>
                <TableRowHeader>
                  <Link href={`/people/${encodeURIComponent(h.id)}`} className="font-medium text-brand-600 hover:underline">
                    {h.displayName}
                  </Link>
                  {h.type === "EXTERNAL" ? <span className="ml-2 text-xs text-slate-500">(external)</span> : null}
                </TableRowHeader>
                <TableCell className="text-slate-700" data-field="email">
                  {h.email}
                </TableCell>
                <TableCell>
                  <Badge tone={s.tone} dot title={s.description}>
                    {s.label}
                  </Badge>
                </TableCell>
                <TableCell className="tabular-nums text-slate-700">
                  {h.lastActivity ? (
                    <>
                      <DateTime value={h.lastActivity} mode="date" />
                      {idle !== null && idle >= 30 ? <span className="ml-1 text-xs text-slate-500">({idle} days)</span> : null}
                    </>
                  ) : (
                    "—"
                  )}
                </TableCell>
                <TableCell>
                  <Badge tone={si.tone}>{si.label}</Badge>
                </TableCell>
              </TableRow>
            );
          })}
          {!visible.length ? <TableEmpty columns={5}>{q.data.holders.length ? "No holder matches this filter." : "Nobody holds this license."}</TableEmpty> : null}
        </TableBody>
      </Table>
      {pages > 1 ? (
        <nav aria-label="Holders pages" className="flex items-center justify-between gap-3 text-sm text-slate-600">
          <span>
            Page {current + 1} of {pages}
          </span>
          <div className="flex gap-2">
            <Button size="sm" onClick={() => navigate({ ...view, page: current })} disabled={current === 0}>
              Previous
            </Button>
            <Button size="sm" onClick={() => navigate({ ...view, page: current + 2 })} disabled={current >= pages - 1}>
              Next
            </Button>
          </div>
        </nav>
      ) : null}
      <p className="text-xs text-slate-500">
        {q.data.source === "assigned-to"
          ? "Holders as Webex lists them for this license (includeAssignedTo=user)."
          : "Webex did not list this license's holders, so Roster read every person in the organization instead."}
      </p>
    </div>
  );
}
