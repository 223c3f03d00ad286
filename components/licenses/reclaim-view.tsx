"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Spinner } from "@/components/ui/spinner";
import { useUrlView } from "@/components/ui/use-url-view";
import { formatCount } from "@/lib/licenses/capacity";
import { DEFAULT_CRITERIA, MAX_DAYS, MIN_DAYS, REASON_INFO, type ReclaimReason, type ReclaimRow } from "@/lib/licenses/reclaim";
import { parseReclaimView, reclaimApiQuery, serializeReclaimView, type ReclaimUrlView } from "@/lib/licenses/reclaim-url";
import { downloadReclaimCsv, reclaimKeys, reclaimViewOptions, scanStatusOptions, startScan, type ReclaimViewResponse } from "@/lib/query/reclaim";
import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { DateTime } from "@/components/ui/date-time";
import { daysSince } from "@/lib/format";
import { ReclaimReviewDialog } from "./reclaim-review-dialog";
import { ReclaimScanCard } from "./reclaim-scan-card";
import { toast } from "@/components/ui/toast";

const PAGE = 50;
const ANY = "";

/**
 * `initialView`: the URL's view the server loaded `initial` for. Criteria, filters and page live in the URL
 * (lib/licenses/reclaim-url.ts): reload, Back/Forward and a forwarded link show the same list.
 */
export function ReclaimView({
  initial,
  initialView,
  canWrite,
  licenseNames,
}: {
  initial: ReclaimViewResponse;
  initialView: ReclaimUrlView;
  canWrite: boolean;
  licenseNames: Record<string, string>;
}) {
  const qc = useQueryClient();
  const { view: url, navigate } = useUrlView(parseReclaimView, serializeReclaimView);
  const criteria = { inviteDays: url.inviteDays, inactiveDays: url.inactiveDays };
  const criteriaKey = `${url.inviteDays}/${url.inactiveDays}`;
  const [draft, setDraft] = useState({ inviteDays: String(url.inviteDays), inactiveDays: String(url.inactiveDays) });
  const [draftError, setDraftError] = useState<string | null>(null);
  // Selected people by ID, with their row: filters refetch the list, and the selection must survive that.
  const [selected, setSelected] = useState<Map<string, ReclaimRow>>(new Map());
  const [reviewing, setReviewing] = useState(false);
  // New criteria (applied here, or by Back/Forward): the inputs show them, and a selection made under others goes.
  const [seenCriteria, setSeenCriteria] = useState(criteriaKey);
  if (seenCriteria !== criteriaKey) {
    setSeenCriteria(criteriaKey);
    setDraft({ inviteDays: String(url.inviteDays), inactiveDays: String(url.inactiveDays) });
    setDraftError(null);
    setSelected(new Map());
  }
  const reason: ReclaimReason | typeof ANY = url.reason ?? ANY;
  // A license the candidates do not hold (a stale link) filters nothing: the list shows everyone.
  const [knownUnits, setKnownUnits] = useState(initial.units);
  const license = url.license && url.license in knownUnits ? url.license : ANY;
  const page = url.page - 1;
  const setPage = (index: number) => navigate({ ...url, page: index + 1 });
  const query = reclaimApiQuery({ ...url, license: license || null });

  const isInitial =
    criteria.inviteDays === initialView.inviteDays && criteria.inactiveDays === initialView.inactiveDays && (reason || null) === initialView.reason && (license || null) === initialView.license;
  const view = useQuery({
    ...reclaimViewOptions(query),
    ...(isInitial ? { initialData: initial } : {}),
    placeholderData: (prev) => prev,
  });
  if (view.data && view.data.units !== knownUnits && !view.isPlaceholderData) setKnownUnits(view.data.units);
  const exportCsv = useMutation({ mutationFn: () => downloadReclaimCsv(query) });
  const scan = useQuery({ ...scanStatusOptions(), initialData: { running: initial.running, lastFinished: initial.lastFinished } });
  // When a running scan finishes, load its result.
  const wasRunning = useRef(Boolean(initial.running));
  const start = useMutation({
    mutationFn: startScan,
    onSuccess: ({ job }) => {
      // Show it as running at once (a small org's scan may finish before the next poll), then poll.
      wasRunning.current = true;
      qc.setQueryData(reclaimKeys.scan, (old: { running: unknown; lastFinished: unknown } | undefined) => ({ lastFinished: null, ...old, running: job }));
      void qc.invalidateQueries({ queryKey: reclaimKeys.scan });
    },
  });

  const lastScanStatus = scan.data?.lastFinished?.status;
  // A scan is over when the running one is gone, or when a scan we have not seen finished. The second matters
  // when a small org's scan ends before its "running" state was ever rendered (both answers arrive in one batch).
  const lastFinishedId = scan.data?.lastFinished?.id ?? null;
  const seenFinished = useRef(lastFinishedId);
  useEffect(() => {
    const running = Boolean(scan.data?.running);
    const newlyFinished = lastFinishedId !== null && lastFinishedId !== seenFinished.current;
    seenFinished.current = lastFinishedId;
    if (!running && (wasRunning.current || newlyFinished)) {
      if (lastScanStatus === "failed") toast.error("The organization scan failed", { description: "The scan card says why." });
      else toast.success("Organization scan finished", { description: "The candidates below are up to date." });
      void qc.invalidateQueries({ queryKey: reclaimKeys.all });
      setSelected(new Map());
    }
    wasRunning.current = running;
  }, [scan.data?.running, lastScanStatus, lastFinishedId, qc]);

  const name = useCallback((id: string) => licenseNames[id] ?? "Unknown license", [licenseNames]);
  const data = view.data;
  const rows = useMemo(() => data?.rows ?? [], [data]);
  const pages = Math.max(1, Math.ceil(rows.length / PAGE));
  const current = Math.min(page, pages - 1);
  const visible = rows.slice(current * PAGE, current * PAGE + PAGE);
  const chosenRows = [...selected.values()];
  const allVisibleSelected = visible.length > 0 && visible.every((r) => selected.has(r.id));
  const units = Object.entries(data?.units ?? {}).sort((a, b) => b[1] - a[1]);

  function applyCriteria(e: React.FormEvent) {
    e.preventDefault();
    const inviteDays = Number(draft.inviteDays);
    const inactiveDays = Number(draft.inactiveDays);
    const ok = (n: number) => Number.isInteger(n) && n >= MIN_DAYS && n <= MAX_DAYS;
    if (!ok(inviteDays) || !ok(inactiveDays)) {
      setDraftError(`Enter whole numbers of days from ${MIN_DAYS} to ${MAX_DAYS}.`);
      return;
    }
    setDraftError(null);
    navigate({ ...url, inviteDays, inactiveDays, page: 1 });
  }

  function toggle(list: ReclaimRow[], on: boolean) {
    setSelected((s) => {
      const next = new Map(s);
      for (const r of list) {
        if (on) next.set(r.id, r);
        else next.delete(r.id);
      }
      return next;
    });
  }

  return (
    <div className="space-y-6">
      <ReclaimScanCard
        scan={data?.scan ?? null}
        running={scan.data?.running ?? null}
        lastFinished={scan.data?.lastFinished ?? null}
        onStart={() => start.mutate()}
        starting={start.isPending}
        startError={start.error}
        canStart={canWrite}
      />

      <form onSubmit={applyCriteria} className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-describedby="criteria-help">
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
          Invite pending for more than
          <span className="flex items-center gap-2">
            <input type="number" inputMode="numeric" min={MIN_DAYS} max={MAX_DAYS} value={draft.inviteDays} onChange={(e) => setDraft((d) => ({ ...d, inviteDays: e.target.value }))} className="h-9 w-24 rounded-md border border-slate-300 px-2 text-sm font-normal shadow-sm" aria-invalid={Boolean(draftError)} />
            <span className="font-normal text-slate-600">days</span>
          </span>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
          No activity for more than
          <span className="flex items-center gap-2">
            <input type="number" inputMode="numeric" min={MIN_DAYS} max={MAX_DAYS} value={draft.inactiveDays} onChange={(e) => setDraft((d) => ({ ...d, inactiveDays: e.target.value }))} className="h-9 w-24 rounded-md border border-slate-300 px-2 text-sm font-normal shadow-sm" aria-invalid={Boolean(draftError)} />
            <span className="font-normal text-slate-600">days</span>
          </span>
        </label>
        <Button type="submit">Apply</Button>
        <p id="criteria-help" className="basis-full text-xs text-slate-500">
          Deactivated people always count. Defaults: {DEFAULT_CRITERIA.inviteDays} days for invites, {DEFAULT_CRITERIA.inactiveDays} days of inactivity. Changing these
          does not need a new scan.
        </p>
        {draftError ? <p role="alert" className="basis-full text-sm font-medium text-rose-700">{draftError}</p> : null}
      </form>

      {view.isError ? <ApiErrorAlert error={view.error} title="Could not load the reclaim list" onRetry={() => void view.refetch()} /> : null}

      {data?.scan ? (
        <>
          <section aria-labelledby="units-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <h2 id="units-heading" className="text-base font-semibold text-slate-900">
              Reclaimable: {formatCount(units.reduce((n, [, u]) => n + u, 0))} units from {formatCount(data.people)} people
            </h2>
            <ul className="mt-3 grid gap-2 sm:grid-cols-2 lg:grid-cols-3" data-testid="units-by-license">
              {units.map(([id, n]) => (
                <li key={id} className="flex items-center justify-between gap-3 rounded-md bg-slate-50 px-3 py-2 text-sm">
                  <span className="min-w-0 truncate">{name(id)}</span>
                  <span className="shrink-0 font-semibold tabular-nums">{formatCount(n)}</span>
                </li>
              ))}
              {!units.length ? <li className="text-sm text-slate-600">Nothing to reclaim with these criteria.</li> : null}
            </ul>
          </section>

          <section aria-labelledby="people-heading" className="space-y-3">
            <div className="flex flex-wrap items-end justify-between gap-3">
              <h2 id="people-heading" className="text-base font-semibold text-slate-900">People</h2>
              <div className="flex flex-wrap items-end gap-3">
                <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
                  <span id="reclaim-reason-label">Reason</span>
                  <select aria-labelledby="reclaim-reason-label" value={reason} onChange={(e) => navigate({ ...url, reason: (e.target.value || null) as ReclaimReason | null, page: 1 })} className="h-9 rounded-md border border-slate-300 bg-white px-2 text-sm font-normal shadow-sm">
                    <option value={ANY}>Any reason</option>
                    {(Object.keys(REASON_INFO) as ReclaimReason[]).map((r) => (
                      <option key={r} value={r}>{REASON_INFO[r].label}</option>
                    ))}
                  </select>
                </label>
                <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
                  <span id="reclaim-holding-label">Holding</span>
                  <select aria-labelledby="reclaim-holding-label" value={license} onChange={(e) => navigate({ ...url, license: e.target.value || null, page: 1 })} className="h-9 max-w-64 rounded-md border border-slate-300 bg-white px-2 text-sm font-normal shadow-sm">
                    <option value={ANY}>Any license</option>
                    {units.map(([id]) => (
                      <option key={id} value={id}>{name(id)}</option>
                    ))}
                  </select>
                </label>
                <Button
                  onClick={() => exportCsv.mutate()}
                  disabled={exportCsv.isPending || !data.matching}
                  aria-busy={exportCsv.isPending}
                  title="Every person matching these criteria and filters, with why and the criteria, for approval"
                  data-testid="export-reclaim"
                >
                  {exportCsv.isPending ? <Spinner /> : null}
                  {exportCsv.isPending ? "Exporting…" : `Export ${formatCount(data.matching)} as CSV`}
                </Button>
              </div>
            </div>
            {exportCsv.isError ? (
              <ApiErrorAlert error={exportCsv.error} title="The CSV was not downloaded" onRetry={() => exportCsv.mutate()} />
            ) : null}

            <div className="sticky top-0 z-10 flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-200 bg-white px-4 py-2.5 shadow-sm" aria-live="polite">
              <span className="text-sm text-slate-700">
                {selected.size ? `${selected.size} selected` : `${formatCount(data.matching)} people match`}
                {selected.size ? (
                  <Button variant="ghost" size="sm" className="ml-2" onClick={() => setSelected(new Map())}>Clear selection</Button>
                ) : rows.length > visible.length ? (
                  <Button variant="ghost" size="sm" className="ml-2" onClick={() => toggle(rows, true)}>Select all {formatCount(rows.length)}</Button>
                ) : null}
              </span>
              <span className="flex items-center gap-3">
                {!canWrite ? <span className="text-xs text-slate-500">Your administrator role can only look.</span> : null}
                <Button variant="primary" size="sm" disabled={!selected.size || !canWrite} onClick={() => setReviewing(true)}>
                  Review and remove…
                </Button>
              </span>
            </div>

            <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
              <table className="w-full text-left text-sm" data-testid="reclaim-table" aria-busy={view.isFetching}>
                <caption className="sr-only">Licensed people who match the reclaim criteria</caption>
                <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
                  <tr>
                    <th scope="col" className="w-10 px-4 py-2.5">
                      <Checkbox aria-label="Select every person on this page" checked={allVisibleSelected} indeterminate={!allVisibleSelected && visible.some((r) => selected.has(r.id))} onChange={(e) => toggle(visible, e.target.checked)} />
                    </th>
                    <th scope="col" className="px-4 py-2.5 font-semibold">Person</th>
                    <th scope="col" className="px-4 py-2.5 font-semibold">Why</th>
                    <th scope="col" className="px-4 py-2.5 font-semibold">Last activity</th>
                    <th scope="col" className="px-4 py-2.5 font-semibold">Licenses held</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {visible.map((r) => (
                    <PersonRow key={r.id} row={r} selected={selected.has(r.id)} onToggle={(on) => toggle([r], on)} name={name} />
                  ))}
                  {!visible.length ? (
                    <tr>
                      <td colSpan={5} className="px-4 py-8 text-center text-slate-600">Nobody matches these criteria and filters.</td>
                    </tr>
                  ) : null}
                </tbody>
              </table>
            </div>
            {data.matching > rows.length ? (
              <p className="text-sm text-slate-600" role="status">
                Showing the first {formatCount(rows.length)} of {formatCount(data.matching)} by name. Narrow the list with Reason or Holding to see the rest.
              </p>
            ) : null}
            {pages > 1 ? (
              <nav aria-label="Reclaim list pages" className="flex items-center justify-between text-sm text-slate-600">
                <span>Page {current + 1} of {pages}</span>
                <span className="flex gap-2">
                  <Button size="sm" onClick={() => setPage(current - 1)} disabled={current === 0}>Previous</Button>
                  <Button size="sm" onClick={() => setPage(current + 1)} disabled={current >= pages - 1}>Next</Button>
                </span>
              </nav>
            ) : null}
          </section>
        </>
      ) : null}

      {reviewing ? (
        <ReclaimReviewDialog
          open
          people={chosenRows}
          licenseName={name}
          initialLicenses={license ? [license] : []}
          onClose={(changed) => {
            setReviewing(false);
            if (changed) {
              setSelected(new Map());
              void qc.invalidateQueries({ queryKey: reclaimKeys.all });
              void qc.invalidateQueries({ queryKey: ["licenses"] });
            }
          }}
        />
      ) : null}
      <p className="text-xs text-slate-500">
        Removing a license returns its unit to the pool at once. See <Link href="/licenses" className="text-brand-600 underline">capacity</Link> afterwards.
      </p>
    </div>
  );
}

function PersonRow({ row: r, selected, onToggle, name }: { row: ReclaimRow; selected: boolean; onToggle: (on: boolean) => void; name: (id: string) => string }) {
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
      <td className="px-4 py-2.5 text-slate-700">{r.licenses.map(name).join(", ")}</td>
    </tr>
  );
}
