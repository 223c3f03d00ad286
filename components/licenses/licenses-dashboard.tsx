"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, TableRowHeader } from "@/components/ui/table";
import { useUrlView } from "@/components/ui/use-url-view";
import { byUtilisation, formatCount, formatPercent, LEVEL_INFO, totalsBySubscription, type LicenseCapacity } from "@/lib/licenses/capacity";
import { csvFileName, toCsv } from "@/lib/csv";
import { effectiveSubscription, LICENSES_VIEW_KEYS, parseLicensesView, serializeLicensesView, type LicenseSort } from "@/lib/licenses/licenses-view";
import { capacityOptions, freshCapacityOptions, type CapacityResponse } from "@/lib/query/license-capacity";
import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { downloadText } from "@/lib/download";
import { relativeTime } from "@/lib/format";
import { CapacityBar, LevelBadge } from "./level-badge";
import { UtilisationChart } from "./utilisation-chart";

type SortKey = LicenseSort;
const ALL = "__all__";

const COLUMNS: { key: SortKey | null; label: string; numeric?: boolean }[] = [
  { key: "name", label: "License" },
  { key: null, label: "Status" },
  { key: "utilisation", label: "Used" },
  { key: "remaining", label: "Remaining", numeric: true },
  { key: "total", label: "Total", numeric: true },
  { key: null, label: "Users / workspaces", numeric: true },
];

function compare(key: SortKey): (a: LicenseCapacity, b: LicenseCapacity) => number {
  switch (key) {
    case "utilisation":
      return byUtilisation;
    case "name":
      return (a, b) => a.name.localeCompare(b.name);
    case "remaining":
      return (a, b) => a.remaining - b.remaining || byUtilisation(a, b);
    case "total":
      return (a, b) => b.total - a.total || byUtilisation(a, b);
  }
}

export function LicensesDashboard({ initial }: { initial: CapacityResponse }) {
  const qc = useQueryClient();
  const q = useQuery({ ...capacityOptions(), initialData: initial, initialDataUpdatedAt: initial.fetchedAt });
  // Refresh asks Webex now (the page shows the org's shared figures, up to a couple of minutes old); a failure
  // shows in the query's error state below.
  const refresh = () => void qc.fetchQuery(freshCapacityOptions()).catch(() => undefined);
  // The subscription filter and the sort live in the URL (reload, Back/Forward and a shared link keep them).
  const { view, navigate } = useUrlView(parseLicensesView, serializeLicensesView, { keys: LICENSES_VIEW_KEYS });
  const sort = view.sort;
  const setSort = (next: SortKey) => navigate({ ...view, sort: next });
  const data = q.data;

  const subscriptions = useMemo(() => [...new Set(data.licenses.map((l) => l.subscriptionId ?? ""))], [data.licenses]);
  const chosen = effectiveSubscription(view, subscriptions);
  const subscription = chosen === null ? ALL : chosen;
  const setSubscription = (value: string) => navigate({ ...view, subscription: value === ALL ? null : value });
  const rows = useMemo(() => {
    const filtered = subscription === ALL ? data.licenses : data.licenses.filter((l) => (l.subscriptionId ?? "") === subscription);
    return [...filtered].sort(compare(sort));
  }, [data.licenses, subscription, sort]);
  const totals = useMemo(() => totalsBySubscription(rows), [rows]);
  const attention = rows.filter((l) => LEVEL_INFO[l.level].rank > 0).length;

  function exportCsv() {
    const csv = toCsv(
      ["License", "License ID", "Subscription", "Site", "Status", "Consumed", "Total", "Remaining", "Utilisation %", "Users", "Workspaces"],
      rows.map((l) => [l.name, l.id, l.subscriptionId, l.siteUrl, LEVEL_INFO[l.level].label, l.consumed, l.total, l.remaining, l.utilisation === null ? "" : (l.utilisation * 100).toFixed(1), l.users, l.workspaces]),
    );
    downloadText(csvFileName("licenses"), csv);
  }

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="flex flex-wrap items-end gap-3">
          <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
            <span id="subscription-filter-label">Subscription</span>
            <select
              aria-labelledby="subscription-filter-label"
              value={subscription}
              onChange={(e) => setSubscription(e.target.value)}
              className="h-9 rounded-md border border-slate-300 bg-white px-2 text-sm font-normal text-slate-900 shadow-sm"
            >
              <option value={ALL}>All subscriptions ({data.licenses.length} licenses)</option>
              {subscriptions.map((s) => (
                <option key={s} value={s}>
                  {s || "No subscription"}
                </option>
              ))}
            </select>
          </label>
          <p className="pb-2 text-sm text-slate-600" aria-live="polite">
            {rows.length} license{rows.length === 1 ? "" : "s"}, {attention} need{attention === 1 ? "s" : ""} attention
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-xs text-slate-500" aria-live="polite">
            {q.isFetching ? "Refreshing…" : `Updated ${relativeTime(q.dataUpdatedAt)}`}
          </span>
          <Button size="sm" onClick={refresh} disabled={q.isFetching}>
            {q.isFetching ? <Spinner /> : null}
            Refresh
          </Button>
          <Button size="sm" onClick={exportCsv} disabled={!rows.length}>
            Export CSV
          </Button>
          <Link href="/licenses/reclaim" className={buttonClass("primary", "sm")}>
            Reclaim licenses
          </Link>
        </div>
      </div>

      {q.isError ? <ApiErrorAlert error={q.error} title="Could not refresh the licenses; showing the last figures." onRetry={refresh} /> : null}

      <section aria-labelledby="capacity-heading">
        <h2 id="capacity-heading" className="sr-only">Capacity per license</h2>
        <Table data-testid="licenses-table" density="relaxed">
          <TableHeader>
            <tr>
              {COLUMNS.map((c) => (
                <TableHead
                  key={c.label}
                  numeric={c.numeric}
                  sort={c.key ? { direction: c.key === "name" ? "ascending" : "descending", active: c.key === sort, onSort: () => setSort(c.key!) } : undefined}
                >
                  {c.label}
                </TableHead>
              ))}
            </tr>
          </TableHeader>
          <TableBody>
            {rows.map((l) => (
              <TableRow key={l.id} data-license-id={l.id} hover>
                <TableRowHeader>
                  <Link href={`/licenses/${encodeURIComponent(l.id)}`} className="font-medium text-brand-600 hover:underline">
                    {l.name}
                  </Link>
                  <div className="mt-0.5 text-xs text-slate-500">{[l.subscriptionId ?? "No subscription", l.siteUrl].filter(Boolean).join(" · ")}</div>
                </TableRowHeader>
                <TableCell data-col="status">
                  <LevelBadge level={l.level} />
                </TableCell>
                <TableCell className="w-64" data-col="used">
                  <div className="flex items-baseline justify-between gap-3 whitespace-nowrap tabular-nums">
                    <span className="font-semibold text-slate-900" data-field="percent">
                      {formatPercent(l.utilisation)}
                    </span>
                    <span className="text-xs text-slate-600">
                      <span data-field="consumed">{formatCount(l.consumed)}</span> of <span data-field="total">{formatCount(l.total)}</span>
                    </span>
                  </div>
                  <CapacityBar level={l.level} utilisation={l.utilisation} className="mt-1.5 w-full" />
                </TableCell>
                <TableCell numeric className={l.remaining <= 0 ? "font-semibold text-rose-700" : undefined} data-field="remaining">
                  {formatCount(l.remaining)}
                </TableCell>
                <TableCell numeric data-field="total-col">
                  {formatCount(l.total)}
                </TableCell>
                <TableCell numeric className="text-slate-700">
                  <span data-field="users">{l.users === null ? "—" : formatCount(l.users)}</span>
                  <span className="text-slate-400"> / </span>
                  <span data-field="workspaces">{l.workspaces === null ? "—" : formatCount(l.workspaces)}</span>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </section>

      <div className="grid gap-6 xl:grid-cols-5">
        <section aria-labelledby="chart-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm xl:col-span-3">
          <h2 id="chart-heading" className="mb-3 text-base font-semibold text-slate-900">Utilisation across licenses</h2>
          <UtilisationChart licenses={rows} />
        </section>
        <section aria-labelledby="totals-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm xl:col-span-2">
          <h2 id="totals-heading" className="mb-3 text-base font-semibold text-slate-900">Totals per subscription</h2>
          <Table variant="plain" data-testid="subscription-totals">
            <TableHeader>
              <tr>
                <TableHead>Subscription</TableHead>
                <TableHead numeric>Used</TableHead>
                <TableHead numeric>Total</TableHead>
                <TableHead numeric>Left</TableHead>
              </tr>
            </TableHeader>
            <TableBody>
              {totals.map((t) => (
                <TableRow key={t.subscriptionId ?? "none"}>
                  <TableRowHeader>
                    <div className="font-medium text-slate-900">{t.subscriptionId ?? "No subscription"}</div>
                    <div className="text-xs text-slate-500">
                      {t.licenses} license{t.licenses === 1 ? "" : "s"} · {formatPercent(t.utilisation)} used
                    </div>
                  </TableRowHeader>
                  <TableCell numeric>{formatCount(t.consumed)}</TableCell>
                  <TableCell numeric>{formatCount(t.total)}</TableCell>
                  <TableCell numeric>{formatCount(t.remaining)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <p className="mt-4 text-xs text-slate-500">
            Levels: <strong>Warning</strong> from 80 %, <strong>Critical</strong> from 95 %, <strong>Exhausted</strong> at 100 %,{" "}
            <strong>Overage</strong> above 100 %.
          </p>
        </section>
      </div>
    </div>
  );
}
