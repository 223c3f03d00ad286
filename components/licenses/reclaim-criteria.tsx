"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { DEFAULT_CRITERIA, MAX_DAYS, MIN_DAYS, REASON_INFO, type ReclaimCriteria, type ReclaimReason } from "@/lib/licenses/reclaim";

const ANY = "";

/**
 * The reclaim criteria (days an invite may stay pending, days without activity), applied with Apply. The inputs
 * always show `criteria`, the URL's: after Apply, and when Back/Forward changes them.
 */
export function ReclaimCriteriaForm({ criteria, onApply }: { criteria: ReclaimCriteria; onApply: (criteria: ReclaimCriteria) => void }) {
  const shown = { inviteDays: String(criteria.inviteDays), inactiveDays: String(criteria.inactiveDays) };
  const [draft, setDraft] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  const [seen, setSeen] = useState(`${shown.inviteDays}/${shown.inactiveDays}`);
  if (seen !== `${shown.inviteDays}/${shown.inactiveDays}`) {
    setSeen(`${shown.inviteDays}/${shown.inactiveDays}`);
    setDraft(shown);
    setError(null);
  }

  function apply(e: React.FormEvent) {
    e.preventDefault();
    const inviteDays = Number(draft.inviteDays);
    const inactiveDays = Number(draft.inactiveDays);
    const ok = (n: number) => Number.isInteger(n) && n >= MIN_DAYS && n <= MAX_DAYS;
    if (!ok(inviteDays) || !ok(inactiveDays)) {
      setError(`Enter whole numbers of days from ${MIN_DAYS} to ${MAX_DAYS}.`);
      return;
    }
    setError(null);
    onApply({ inviteDays, inactiveDays });
  }

  return (
    <form onSubmit={apply} className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-describedby="criteria-help">
      <DaysInput label="Invite pending for more than" value={draft.inviteDays} onChange={(v) => setDraft((d) => ({ ...d, inviteDays: v }))} invalid={Boolean(error)} />
      <DaysInput label="No activity for more than" value={draft.inactiveDays} onChange={(v) => setDraft((d) => ({ ...d, inactiveDays: v }))} invalid={Boolean(error)} />
      <Button type="submit">Apply</Button>
      <p id="criteria-help" className="basis-full text-xs text-slate-500">
        Deactivated people always count. Defaults: {DEFAULT_CRITERIA.inviteDays} days for invites, {DEFAULT_CRITERIA.inactiveDays} days of inactivity. Changing these
        does not need a new scan.
      </p>
      {error ? <p role="alert" className="basis-full text-sm font-medium text-rose-700">{error}</p> : null}
    </form>
  );
}

function DaysInput({ label, value, onChange, invalid }: { label: string; value: string; onChange: (value: string) => void; invalid: boolean }) {
  return (
    <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
      {label}
      <span className="flex items-center gap-2">
        <input type="number" inputMode="numeric" min={MIN_DAYS} max={MAX_DAYS} value={value} onChange={(e) => onChange(e.target.value)} className="h-9 w-24 rounded-md border border-slate-300 px-2 text-sm font-normal shadow-sm" aria-invalid={invalid} />
        <span className="font-normal text-slate-600">days</span>
      </span>
    </label>
  );
}

/** Reason and Holding: they narrow the list at once (no Apply). `licenses`: the IDs the candidates hold. */
export function ReclaimFilters({
  reason,
  license,
  licenses,
  licenseName,
  onReason,
  onLicense,
}: {
  reason: ReclaimReason | null;
  license: string | null;
  licenses: string[];
  licenseName: (id: string) => string;
  onReason: (reason: ReclaimReason | null) => void;
  onLicense: (license: string | null) => void;
}) {
  return (
    <>
      <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
        <span id="reclaim-reason-label">Reason</span>
        <select aria-labelledby="reclaim-reason-label" value={reason ?? ANY} onChange={(e) => onReason((e.target.value || null) as ReclaimReason | null)} className="h-9 rounded-md border border-slate-300 bg-white px-2 text-sm font-normal shadow-sm">
          <option value={ANY}>Any reason</option>
          {(Object.keys(REASON_INFO) as ReclaimReason[]).map((r) => (
            <option key={r} value={r}>{REASON_INFO[r].label}</option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
        <span id="reclaim-holding-label">Holding</span>
        <select aria-labelledby="reclaim-holding-label" value={license ?? ANY} onChange={(e) => onLicense(e.target.value || null)} className="h-9 max-w-64 rounded-md border border-slate-300 bg-white px-2 text-sm font-normal shadow-sm">
          <option value={ANY}>Any license</option>
          {licenses.map((id) => (
            <option key={id} value={id}>{licenseName(id)}</option>
          ))}
        </select>
      </label>
    </>
  );
}
