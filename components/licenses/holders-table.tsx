"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { csvFileName, toCsv } from "@/lib/csv";
import { licenseHoldersOptions, type Holder } from "@/lib/query/license-capacity";
import { statusInfo } from "@/lib/people/person";
import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { downloadText } from "@/lib/download";
import { DateTime } from "@/components/ui/date-time";
import { daysSince, isoUtc } from "@/lib/format";

const PAGE = 50;
type SortKey = "name" | "email" | "lastActivity";

function signIn(h: Holder): { label: string; tone: "green" | "slate" | "violet" } {
  if (h.loginEnabled === false) return { label: "Deactivated", tone: "slate" };
  if (h.invitePending) return { label: "Invite pending", tone: "violet" };
  if (h.loginEnabled === true) return { label: "Enabled", tone: "green" };
  return { label: "—", tone: "slate" };
}

export function HoldersTable({ licenseId, licenseName }: { licenseId: string; licenseName: string }) {
  const q = useQuery(licenseHoldersOptions(licenseId));
  const [filter, setFilter] = useState("");
  const [sort, setSort] = useState<SortKey>("name");
  const [page, setPage] = useState(0);

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
  const current = Math.min(page, pages - 1);
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

  const header = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={sort === key ? (key === "lastActivity" ? "ascending" : "ascending") : undefined} className="px-4 py-2.5 font-semibold">
      <button type="button" onClick={() => { setSort(key); setPage(0); }} className="inline-flex items-center gap-1 uppercase hover:text-slate-900">
        {label}
        <span aria-hidden className={sort === key ? "text-slate-900" : "text-slate-300"}>↑</span>
        <span className="sr-only">{sort === key ? "(sorted)" : "(sort by this)"}</span>
      </button>
    </th>
  );

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
          Filter holders
          <input
            type="search"
            value={filter}
            onChange={(e) => {
              setFilter(e.target.value);
              setPage(0);
            }}
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
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="w-full text-left text-sm" data-testid="holders-table">
          <caption className="sr-only">People holding {licenseName}</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
            <tr>
              {header("name", "Name")}
              {header("email", "Email")}
              <th scope="col" className="px-4 py-2.5 font-semibold">Status</th>
              {header("lastActivity", "Last activity")}
              <th scope="col" className="px-4 py-2.5 font-semibold">Sign-in</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {visible.map((h) => {
              const s = statusInfo(h.status ?? undefined);
              const idle = daysSince(h.lastActivity);
              const si = signIn(h);
              return (
                <tr key={h.id} data-person-id={h.id} className="hover:bg-slate-50">
                  <th scope="row" className="px-4 py-2.5 font-normal">
                    <Link href={`/people/${encodeURIComponent(h.id)}`} className="font-medium text-brand-600 hover:underline">
                      {h.displayName}
                    </Link>
                    {h.type === "EXTERNAL" ? <span className="ml-2 text-xs text-slate-500">(external)</span> : null}
                  </th>
                  <td className="px-4 py-2.5 text-slate-700" data-field="email">{h.email}</td>
                  <td className="px-4 py-2.5">
                    <Badge tone={s.tone} dot title={s.description}>{s.label}</Badge>
                  </td>
                  <td className="px-4 py-2.5 tabular-nums text-slate-700">
                    {h.lastActivity ? (
                      <>
                        <DateTime value={h.lastActivity} mode="date" />
                        {idle !== null && idle >= 30 ? <span className="ml-1 text-xs text-slate-500">({idle} days)</span> : null}
                      </>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td className="px-4 py-2.5">
                    <Badge tone={si.tone}>{si.label}</Badge>
                  </td>
                </tr>
              );
            })}
            {!visible.length ? (
              <tr>
                <td colSpan={5} className="px-4 py-8 text-center text-slate-600">
                  {q.data.holders.length ? "No holder matches this filter." : "Nobody holds this license."}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      {pages > 1 ? (
        <nav aria-label="Holders pages" className="flex items-center justify-between gap-3 text-sm text-slate-600">
          <span>
            Page {current + 1} of {pages}
          </span>
          <div className="flex gap-2">
            <Button size="sm" onClick={() => setPage(current - 1)} disabled={current === 0}>
              Previous
            </Button>
            <Button size="sm" onClick={() => setPage(current + 1)} disabled={current >= pages - 1}>
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
