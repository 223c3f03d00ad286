"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { Table, TableBody, TableCaption, TableCell, TableEmpty, TableHead, TableHeader, TableRow, TableRowHeader } from "@/components/ui/table";
import { ToggleGroup, toggleOptions } from "@/components/ui/toggle-group";
import { useUrlView } from "@/components/ui/use-url-view";
import type { UsageGrouping, UsageResponse, UsageRow } from "@/lib/directory/usage";
import { parseUsageView, serializeUsageView, USAGE_VIEW_KEYS, type UsageSort, type UsageView } from "@/lib/directory/usage-view";
import { formatCount } from "@/lib/format";
import { capacityOptions } from "@/lib/query/license-capacity";
import { downloadUsageCsv, licenseUsageOptions } from "@/lib/query/license-usage";
import { IndexFreshness } from "./index-freshness";
import { UsageChart } from "./usage-chart";

const GROUPING: Record<UsageGrouping, string> = { department: "Department", location: "Location", manager: "Manager" };
const NOUN: Record<UsageGrouping, [string, string]> = { department: ["department", "departments"], location: ["location", "locations"], manager: ["manager", "managers"] };
const ALL = "__all__";

const percent = (share: number | null) => (share === null ? "—" : `${(share * 100).toFixed(share > 0 && share < 0.001 ? 2 : 1)} %`);

function sorter(sort: UsageSort): (a: UsageRow, b: UsageRow) => number {
  const tail = (a: UsageRow, b: UsageRow) => b.units - a.units || a.label.localeCompare(b.label);
  switch (sort) {
    case "units":
      return tail;
    case "label":
      return (a, b) => (a.key === null ? 1 : 0) - (b.key === null ? 1 : 0) || a.label.localeCompare(b.label);
    case "people":
      return (a, b) => b.people - a.people || tail(a, b);
    case "idle30":
      return (a, b) => b.idle30 - a.idle30 || tail(a, b);
    case "idle90":
      return (a, b) => b.idle90 - a.idle90 || tail(a, b);
  }
}

/**
 * "Usage by team" (issue 15): license units held per department, location or manager, from Roster's directory
 * index (never shown as live: the freshness line sits beside it). On /licenses every license counts (or the one
 * picked); on a license's page, that license. The grouping, the picked license and manager, and the sort are in
 * the URL beside the page's own view.
 */
export function UsageByTeam({ licenseId, licenseName }: { licenseId?: string; licenseName?: string }) {
  const { view, navigate } = useUrlView(parseUsageView, serializeUsageView, { keys: USAGE_VIEW_KEYS });
  const set = (next: Partial<UsageView>) => navigate({ ...view, ...next });
  // On /licenses, the license filter's choices come from the dashboard's own (cached) capacity query.
  const catalogue = useQuery({ ...capacityOptions(), enabled: licenseId === undefined });
  const licenseOptions = useMemo(() => [...(catalogue.data?.licenses ?? [])].sort((a, b) => a.name.localeCompare(b.name)), [catalogue.data]);
  const picked = licenseId ?? (view.license && licenseOptions.some((l) => l.id === view.license) ? view.license : undefined);
  const query = { by: view.by, licenseId: picked, indirect: view.indirect };
  const q = useQuery(licenseUsageOptions(query));
  const exportCsv = useMutation({ mutationFn: () => downloadUsageCsv(query) });
  const data = q.data;

  return (
    <section aria-labelledby="usage-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="usage-by-team">
      <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="usage-heading" className="text-base font-semibold text-slate-900">Usage by team</h2>
          <p className="mt-0.5 text-sm text-slate-600">
            {licenseName ? `Who holds ${licenseName}, ` : "License units held, "}by department, location or manager, and how many of the holders have been idle.
          </p>
        </div>
        <IndexFreshness />
      </div>

      <div className="mb-4 flex flex-wrap items-end gap-x-4 gap-y-3">
        <div className="flex flex-col gap-1">
          <span className="text-sm font-medium text-slate-700" aria-hidden>Group by</span>
          <ToggleGroup label="Group by" options={toggleOptions(GROUPING)} value={view.by} onChange={(by) => set({ by, manager: null })} />
        </div>
        {licenseId === undefined && (
          <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
            License
            <select
              value={picked ?? ALL}
              onChange={(e) => set({ license: e.target.value === ALL ? null : e.target.value })}
              className="h-9 rounded-md border border-slate-300 bg-white px-2 text-sm font-normal text-slate-900 shadow-sm"
            >
              <option value={ALL}>All licenses</option>
              {licenseOptions.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {view.by === "manager" && data?.indexed && <ManagerControls view={view} data={data} set={set} />}
        <div className="ml-auto flex items-center gap-2">
          <Button size="sm" onClick={() => exportCsv.mutate()} disabled={!data?.indexed || exportCsv.isPending}>
            {exportCsv.isPending ? <Spinner /> : null}
            Export usage CSV
          </Button>
        </div>
      </div>

      {exportCsv.isError ? <ApiErrorAlert error={exportCsv.error} title="The CSV was not downloaded" onRetry={() => exportCsv.mutate()} /> : null}
      {q.isError ? (
        <ApiErrorAlert error={q.error} title="Could not load usage by team" onRetry={() => void q.refetch()} />
      ) : !data ? (
        <div role="status" aria-busy="true" aria-label="Loading usage by team" className="space-y-2">
          <Skeleton className="h-8 w-full" />
          <Skeleton className="h-8 w-full" />
          <Skeleton className="h-8 w-2/3" />
        </div>
      ) : !data.indexed ? (
        <EmptyState title="Roster has not indexed this organization yet">
          Usage by team is counted from Roster&apos;s index of the organization&apos;s people. Press <strong>Sync now</strong> above to build it (a
          minute or so for a large organization).
        </EmptyState>
      ) : view.manager !== null ? (
        <ManagerDetail view={view} data={data} onBack={() => set({ manager: null })} />
      ) : (
        <Overview view={view} data={data} set={set} />
      )}
    </section>
  );
}

function ManagerControls({ view, data, set }: { view: UsageView; data: UsageResponse; set: (v: Partial<UsageView>) => void }) {
  const managers = useMemo(() => data.rows.filter((r) => r.key !== null).sort((a, b) => a.label.localeCompare(b.label)), [data.rows]);
  const me = data.viewer && data.viewer.directReports > 0 ? data.viewer : null;
  return (
    <>
      <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
        Manager
        <select
          value={view.manager ?? ALL}
          onChange={(e) => set({ manager: e.target.value === ALL ? null : e.target.value })}
          className="h-9 max-w-64 rounded-md border border-slate-300 bg-white px-2 text-sm font-normal text-slate-900 shadow-sm"
        >
          <option value={ALL}>All managers ({formatCount(managers.length)})</option>
          {managers.map((m) => (
            <option key={m.key} value={m.key!}>
              {m.label}
              {me && m.key === me.personId ? " (you)" : ""}
            </option>
          ))}
        </select>
      </label>
      {me && (
        <Button size="sm" variant={view.manager === me.personId ? "primary" : "secondary"} aria-pressed={view.manager === me.personId} onClick={() => set({ manager: view.manager === me.personId ? null : me.personId })}>
          My reports ({formatCount(me.directReports)})
        </Button>
      )}
      <label className="flex h-9 items-center gap-2 text-sm text-slate-700">
        <Checkbox checked={view.indirect} onChange={(e) => set({ indirect: e.target.checked })} />
        Include indirect reports
      </label>
    </>
  );
}

function Overview({ view, data, set }: { view: UsageView; data: UsageResponse; set: (v: Partial<UsageView>) => void }) {
  const rows = useMemo(() => [...data.rows].sort(sorter(view.sort)), [data.rows, view.sort]);
  const [one, many] = NOUN[data.by];
  const single = data.licenses.length === 1 ? data.licenses[0]! : null;
  const pool = data.licenses.reduce((s, l) => s + Math.max(0, l.totalUnits), 0);
  const totalUnits = data.rows.reduce((s, r) => s + r.units, 0);
  const head = (key: UsageSort, label: string, numeric = true) => (
    <TableHead numeric={numeric} className="whitespace-nowrap" sort={{ direction: key === "label" ? "ascending" : "descending", active: view.sort === key, onSort: () => set({ sort: key }) }}>
      {label}
    </TableHead>
  );
  const overlapping = data.by === "manager" && data.indirect;
  return (
    <div className="space-y-5">
      <p className="text-sm text-slate-600" aria-live="polite" data-testid="usage-summary">
        {formatCount(rows.filter((r) => r.key !== null).length)} {rows.filter((r) => r.key !== null).length === 1 ? one : many}
        {" · "}
        {formatCount(totalUnits)} {single ? `of ${formatCount(single.totalUnits)} ` : ""}units held
        {overlapping ? " (a person counts under every manager above them, so rows overlap)" : ""}
      </p>
      <div className="grid gap-6 2xl:grid-cols-5">
        <div className="2xl:col-span-3">
          <Table variant="inset" density="compact" scrollLabel={`Usage by ${one}`} scrollClassName="max-h-[28rem]" data-testid="usage-table" aria-describedby="usage-heading">
            <TableCaption>
              License usage by {one}
              {single ? `: ${single.name}` : ", all licenses"}
            </TableCaption>
            <TableHeader sticky>
              <tr>
                {head("label", GROUPING[data.by], false)}
                {head("people", "People")}
                {head("units", "Units held")}
                <TableHead numeric>{single ? "Share of pool" : "Share of all units"}</TableHead>
                {head("idle30", "Idle 30d+")}
                {head("idle90", "Idle 90d+")}
              </tr>
            </TableHeader>
            <TableBody>
              {rows.length === 0 ? (
                <TableEmpty columns={6}>The index holds nobody yet.</TableEmpty>
              ) : (
                rows.map((r) => (
                  <TableRow key={r.key ?? "__none__"} hover data-group={r.key ?? ""}>
                    <TableRowHeader>
                      {data.by === "manager" && r.key !== null ? (
                        <button type="button" className="text-left font-medium text-brand-600 hover:underline" onClick={() => set({ manager: r.key })}>
                          {r.label}
                        </button>
                      ) : (
                        <span className={r.key === null ? "text-slate-500 italic" : "font-medium text-slate-900"}>{r.label}</span>
                      )}
                    </TableRowHeader>
                    <TableCell numeric data-field="people">{formatCount(r.people)}</TableCell>
                    <TableCell numeric data-field="units" className="font-semibold text-slate-900">
                      {formatCount(r.units)}
                    </TableCell>
                    <TableCell numeric data-field="share">{percent(single ? r.licenses[0]!.share : pool > 0 ? r.units / pool : null)}</TableCell>
                    <TableCell numeric data-field="idle30">{formatCount(r.idle30)}</TableCell>
                    <TableCell numeric data-field="idle90" className={r.idle90 > 0 ? "text-rose-700" : undefined}>
                      {formatCount(r.idle90)}
                    </TableCell>
                  </TableRow>
                ))
              )}
            </TableBody>
          </Table>
          <p className="mt-2 text-xs text-slate-500">Idle columns count holders (people) with no activity in Webex for 30 or 90 days, or never.</p>
        </div>
        <div className="2xl:col-span-2">
          <h3 className="mb-2 text-sm font-semibold text-slate-900">Units held, by {one}</h3>
          <UsageChart rows={data.rows} groupNoun={many} />
        </div>
      </div>
    </div>
  );
}

/** One manager's reports, license by license: what a manager looks at first. */
function ManagerDetail({ view, data, onBack }: { view: UsageView; data: UsageResponse; onBack: () => void }) {
  const row = data.rows.find((r) => r.key === view.manager);
  const isMe = data.viewer?.personId === view.manager;
  if (!row) {
    return (
      <EmptyState title="This manager has no reports in the index">
        They may have left, or their reports changed since the link was made.{" "}
        <button type="button" className="font-medium text-brand-600 hover:underline" onClick={onBack}>
          Show all managers
        </button>
      </EmptyState>
    );
  }
  const held = data.licenses.map((l, i) => ({ license: l, u: row.licenses[i]! })).filter((x) => x.u.held > 0);
  return (
    <div className="space-y-3" data-testid="usage-manager">
      <p className="text-sm text-slate-700" aria-live="polite">
        {isMe ? "Your" : `${row.label}'s`} {view.indirect ? "reports (direct and indirect)" : "direct reports"}: <strong>{formatCount(row.people)}</strong> people,{" "}
        <strong>{formatCount(row.units)}</strong> units held by {formatCount(row.holders)} of them, {formatCount(row.idle90)} idle 90+ days.{" "}
        <button type="button" className="font-medium text-brand-600 hover:underline" onClick={onBack}>
          Show all managers
        </button>
      </p>
      <Table variant="inset" density="compact" data-testid="usage-manager-table">
        <TableCaption>Licenses held by {isMe ? "your" : `${row.label}'s`} reports</TableCaption>
        <TableHeader>
          <tr>
            <TableHead>License</TableHead>
            <TableHead numeric>Units held</TableHead>
            <TableHead numeric>Share of pool</TableHead>
            <TableHead numeric>Idle 30d+</TableHead>
            <TableHead numeric>Idle 90d+</TableHead>
          </tr>
        </TableHeader>
        <TableBody>
          {held.length === 0 ? (
            <TableEmpty columns={5}>None of these reports holds {data.licenses.length === 1 ? "this license" : "a license"}.</TableEmpty>
          ) : (
            held.map(({ license, u }) => (
              <TableRow key={license.id} hover>
                <TableRowHeader className="font-medium text-slate-900">{license.name}</TableRowHeader>
                <TableCell numeric>{formatCount(u.held)}</TableCell>
                <TableCell numeric>{percent(u.share)}</TableCell>
                <TableCell numeric>{formatCount(u.idle30)}</TableCell>
                <TableCell numeric className={u.idle90 > 0 ? "text-rose-700" : undefined}>
                  {formatCount(u.idle90)}
                </TableCell>
              </TableRow>
            ))
          )}
        </TableBody>
      </Table>
    </div>
  );
}
