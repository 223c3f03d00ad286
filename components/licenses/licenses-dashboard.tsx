"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { useUrlView } from "@/components/ui/use-url-view";
import { byUtilisation, formatCount, formatPercent, LEVEL_INFO, totalsBySubscription, type LicenseCapacity } from "@/lib/licenses/capacity";
import { csvFileName, toCsv } from "@/lib/csv";
import { effectiveSubscription, parseLicensesView, serializeLicensesView, type LicenseSort } from "@/lib/licenses/licenses-view";
import { capacityOptions, freshCapacityOptions, type CapacityResponse } from "@/lib/query/license-capacity";
import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { downloadText } from "@/lib/download";
import { relativeTime } from "@/lib/format";
import { CapacityBar, LevelBadge } from "./level-badge";
import { UtilisationChart } from "./utilisation-chart";

type SortKey = LicenseSort;
const ALL = "__all__";

const COLUMNS: { key: SortKey | null; label: string; align?: "right" }[] = [
  { key: "name", label: "License" },
  { key: null, label: "Status" },
  { key: "utilisation", label: "Used" },
  { key: "remaining", label: "Remaining", align: "right" },
  { key: "total", label: "Total", align: "right" },
  { key: null, label: "Users / workspaces", align: "right" },
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
  const { view, navigate } = useUrlView(parseLicensesView, serializeLicensesView);
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

      <section aria-labelledby="capacity-heading" className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
        <h2 id="capacity-heading" className="sr-only">Capacity per license</h2>
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="licenses-table">
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
              <tr>
                {COLUMNS.map((c) => (
                  <th
                    key={c.label}
                    scope="col"
                    aria-sort={c.key && c.key === sort ? (c.key === "name" ? "ascending" : "descending") : undefined}
                    className={`px-4 py-2.5 font-semibold ${c.align === "right" ? "text-right" : ""}`}
                  >
                    {c.key ? (
                      <button type="button" onClick={() => setSort(c.key!)} className="inline-flex items-center gap-1 uppercase hover:text-slate-900">
                        {c.label}
                        <span aria-hidden className={c.key === sort ? "text-slate-900" : "text-slate-300"}>{c.key === "name" ? "↑" : "↓"}</span>
                        <span className="sr-only">{c.key === sort ? "(sorted)" : "(sort by this)"}</span>
                      </button>
                    ) : (
                      c.label
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((l) => (
                <tr key={l.id} data-license-id={l.id} className="align-middle hover:bg-slate-50">
                  <th scope="row" className="px-4 py-3 font-normal">
                    <Link href={`/licenses/${encodeURIComponent(l.id)}`} className="font-medium text-brand-600 hover:underline">
                      {l.name}
                    </Link>
                    <div className="mt-0.5 text-xs text-slate-500">
                      {[l.subscriptionId ?? "No subscription", l.siteUrl].filter(Boolean).join(" · ")}
                    </div>
                  </th>
                  <td className="px-4 py-3" data-col="status">
                    <LevelBadge level={l.level} />
                  </td>
                  <td className="w-64 px-4 py-3" data-col="used">
                    <div className="flex items-baseline justify-between gap-3 whitespace-nowrap tabular-nums">
                      <span className="font-semibold text-slate-900" data-field="percent">{formatPercent(l.utilisation)}</span>
                      <span className="text-xs text-slate-600">
                        <span data-field="consumed">{formatCount(l.consumed)}</span> of <span data-field="total">{formatCount(l.total)}</span>
                      </span>
                    </div>
                    <CapacityBar level={l.level} utilisation={l.utilisation} className="mt-1.5 w-full" />
                  </td>
                  <td className={`px-4 py-3 text-right tabular-nums ${l.remaining <= 0 ? "font-semibold text-rose-700" : ""}`} data-field="remaining">
                    {formatCount(l.remaining)}
                  </td>
                  <td className="px-4 py-3 text-right tabular-nums" data-field="total-col">{formatCount(l.total)}</td>
                  <td className="px-4 py-3 text-right tabular-nums text-slate-700">
                    <span data-field="users">{l.users === null ? "—" : formatCount(l.users)}</span>
                    <span className="text-slate-400"> / </span>
                    <span data-field="workspaces">{l.workspaces === null ? "—" : formatCount(l.workspaces)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <div className="grid gap-6 xl:grid-cols-5">
        <section aria-labelledby="chart-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm xl:col-span-3">
          <h2 id="chart-heading" className="mb-3 text-base font-semibold text-slate-900">Utilisation across licenses</h2>
          <UtilisationChart licenses={rows} />
        </section>
        <section aria-labelledby="totals-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm xl:col-span-2">
          <h2 id="totals-heading" className="mb-3 text-base font-semibold text-slate-900">Totals per subscription</h2>
          <table className="w-full text-sm" data-testid="subscription-totals">
            <thead className="text-left text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="pb-2 font-semibold">Subscription</th>
                <th scope="col" className="pb-2 text-right font-semibold">Used</th>
                <th scope="col" className="pb-2 text-right font-semibold">Total</th>
                <th scope="col" className="pb-2 text-right font-semibold">Left</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {totals.map((t) => (
                <tr key={t.subscriptionId ?? "none"}>
                  <th scope="row" className="py-2 text-left font-normal">
                    <div className="font-medium text-slate-900">{t.subscriptionId ?? "No subscription"}</div>
                    <div className="text-xs text-slate-500">{t.licenses} license{t.licenses === 1 ? "" : "s"} · {formatPercent(t.utilisation)} used</div>
                  </th>
                  <td className="py-2 text-right tabular-nums">{formatCount(t.consumed)}</td>
                  <td className="py-2 text-right tabular-nums">{formatCount(t.total)}</td>
                  <td className="py-2 text-right tabular-nums">{formatCount(t.remaining)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="mt-4 text-xs text-slate-500">
            Levels: <strong>Warning</strong> from 80 %, <strong>Critical</strong> from 95 %, <strong>Exhausted</strong> at 100 %,{" "}
            <strong>Overage</strong> above 100 %.
          </p>
        </section>
      </div>
    </div>
  );
}
