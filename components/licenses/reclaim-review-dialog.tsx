"use client";

import { useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog } from "@/components/ui/dialog";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { ReclaimRow } from "@/lib/licenses/reclaim";
import { ApiRequestError } from "@/lib/query/fetch-api";
import { reclaimBatch, type ReclaimPersonResult } from "@/lib/query/reclaim";

const BATCH = 10;

const OUTCOME: Record<ReclaimPersonResult["outcome"], { label: string; tone: "green" | "slate" | "red" }> = {
  removed: { label: "Removed", tone: "green" },
  skipped: { label: "Nothing to do", tone: "slate" },
  failed: { label: "Failed", tone: "red" },
};

/**
 * Review → confirm → per-person results. The admin picks which licenses to take back; each person is changed
 * through the safe edit path on the server, in batches, with progress.
 */
export function ReclaimReviewDialog({
  open,
  people,
  licenseName,
  initialLicenses,
  onClose,
}: {
  open: boolean;
  people: ReclaimRow[];
  licenseName: (id: string) => string;
  initialLicenses: string[];
  onClose: (changed: boolean) => void;
}) {
  const held = useMemo(() => {
    const m = new Map<string, number>();
    for (const p of people) for (const l of p.licenses) m.set(l, (m.get(l) ?? 0) + 1);
    return [...m.entries()].sort((a, b) => licenseName(a[0]).localeCompare(licenseName(b[0])));
  }, [people, licenseName]);
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(initialLicenses.length ? initialLicenses : held.map(([id]) => id)));
  const [phase, setPhase] = useState<"review" | "running" | "done">("review");
  const [results, setResults] = useState<ReclaimPersonResult[]>([]);
  const [fatal, setFatal] = useState<string | null>(null);

  const items = people.map((p) => ({ personId: p.id, licenseIds: p.licenses.filter((l) => chosen.has(l)) })).filter((i) => i.licenseIds.length);
  const units = items.reduce((n, i) => n + i.licenseIds.length, 0);

  async function run() {
    setPhase("running");
    setResults([]);
    setFatal(null);
    for (let i = 0; i < items.length; i += BATCH) {
      try {
        const { results: r } = await reclaimBatch(items.slice(i, i + BATCH));
        setResults((prev) => [...prev, ...r]);
      } catch (err) {
        const e = err instanceof ApiRequestError ? err : null;
        setFatal(`${e?.message ?? "The request failed."}${e?.trackingId ? ` (tracking ID ${e.trackingId})` : ""} ${items.length - i} people were not processed.`);
        break;
      }
    }
    setPhase("done");
  }

  const counts = { removed: 0, skipped: 0, failed: 0 };
  for (const r of results) counts[r.outcome] += 1;
  const freed = results.reduce((n, r) => n + r.removed.length, 0);

  const footer =
    phase === "review" ? (
      <>
        <Button onClick={() => onClose(false)}>Cancel</Button>
        <Button variant="primary" onClick={() => void run()} disabled={!items.length}>
          Remove {units} license{units === 1 ? "" : "s"} from {items.length} {items.length === 1 ? "person" : "people"}
        </Button>
      </>
    ) : (
      <Button variant="primary" onClick={() => onClose(true)} disabled={phase === "running"}>
        {phase === "running" ? "Working…" : "Done"}
      </Button>
    );

  return (
    <Dialog
      open={open}
      onClose={() => onClose(phase !== "review")}
      busy={phase === "running"}
      size="xl"
      title={phase === "review" ? "Review: remove licenses" : phase === "running" ? "Removing licenses…" : "Results"}
      description={
        phase === "review"
          ? "Only the licenses you tick are removed. Each person is read fresh from Webex and written back whole, so nothing else about them changes."
          : undefined
      }
      footer={footer}
    >
      {phase === "review" ? (
        <div className="space-y-4">
          <fieldset>
            <legend className="mb-2 text-sm font-semibold text-slate-900">Licenses to remove</legend>
            <ul className="grid gap-2 sm:grid-cols-2">
              {held.map(([id, n]) => (
                <li key={id}>
                  <label className="flex cursor-pointer items-center gap-2 rounded-md border border-slate-200 px-3 py-2 text-sm hover:bg-slate-50">
                    <Checkbox
                      checked={chosen.has(id)}
                      onChange={(e) =>
                        setChosen((s) => {
                          const next = new Set(s);
                          if (e.target.checked) next.add(id);
                          else next.delete(id);
                          return next;
                        })
                      }
                    />
                    <span className="min-w-0 flex-1 truncate">{licenseName(id)}</span>
                    <span className="text-xs tabular-nums text-slate-500">frees {n}</span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          {!items.length ? <Alert tone="warning" title="Tick at least one license to remove." /> : null}
          <div>
            <h3 className="mb-2 text-sm font-semibold text-slate-900">
              {items.length} {items.length === 1 ? "person" : "people"} affected
            </h3>
            <ul className="max-h-60 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200 text-sm">
              {people.map((p) => {
                const lose = p.licenses.filter((l) => chosen.has(l));
                return (
                  <li key={p.id} className="flex flex-wrap items-baseline justify-between gap-2 px-3 py-2">
                    <span>
                      <span className="font-medium">{p.displayName}</span> <span className="text-slate-500">{p.email}</span>
                    </span>
                    <span className="text-xs text-slate-600">{lose.length ? lose.map(licenseName).join(", ") : "nothing (keeps all)"}</span>
                  </li>
                );
              })}
            </ul>
          </div>
        </div>
      ) : (
        <div className="space-y-4">
          <ProgressBar label="People processed" value={results.length} max={items.length} />
          <p className="text-sm text-slate-700" aria-live="polite" data-testid="reclaim-summary">
            {results.length} of {items.length} processed: {counts.removed} removed, {counts.skipped} with nothing to do, {counts.failed} failed.{" "}
            {freed} unit{freed === 1 ? "" : "s"} freed.
          </p>
          {fatal ? <Alert tone="error" title="Stopped">{fatal}</Alert> : null}
          <table className="w-full text-left text-sm" data-testid="reclaim-results">
            <caption className="sr-only">Result per person</caption>
            <thead className="text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="py-2 font-semibold">Person</th>
                <th scope="col" className="py-2 font-semibold">Result</th>
                <th scope="col" className="py-2 font-semibold">Details</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {results.map((r) => {
                const p = people.find((x) => x.id === r.personId);
                return (
                  <tr key={r.personId}>
                    <th scope="row" className="py-2 pr-3 font-normal">
                      <span className="font-medium">{r.displayName ?? p?.displayName ?? r.personId}</span>
                      <span className="block text-xs text-slate-500">{r.email ?? p?.email}</span>
                    </th>
                    <td className="py-2 pr-3">
                      <Badge tone={OUTCOME[r.outcome].tone} dot>{OUTCOME[r.outcome].label}</Badge>
                    </td>
                    <td className="py-2 text-slate-700">
                      {r.removed.length ? `Removed ${r.removed.map(licenseName).join(", ")}. ` : ""}
                      {r.message ?? ""}
                      {r.trackingId ? <span className="block text-xs text-slate-500">Tracking ID: <code className="select-all">{r.trackingId}</code></span> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Dialog>
  );
}
