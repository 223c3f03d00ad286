"use client";

import { cn } from "@/components/ui/cn";
import { remainingUnits } from "@/lib/people/capacity";
import type { LicenseDetail } from "@/lib/people/person-detail";

/** Licenses as checkboxes, each with the org's remaining units; exhausted ones cannot be added. */
export function LicensePicker({
  licenses,
  value,
  held,
  onChange,
  error,
  legend = "Licenses",
}: {
  licenses: LicenseDetail[];
  value: string[];
  /** Licenses the person holds already: keeping them needs no free unit. */
  held: string[];
  onChange: (next: string[]) => void;
  error?: string;
  legend?: string;
}) {
  const sorted = [...licenses].sort((a, b) => (a.name ?? "").localeCompare(b.name ?? ""));
  const errorId = error ? "licenses-error" : undefined;
  return (
    <fieldset aria-describedby={errorId} aria-invalid={error ? true : undefined}>
      <legend className="mb-1 text-sm font-medium text-slate-700">{legend}</legend>
      <ul className={cn("divide-y divide-slate-100 rounded-md border", error ? "border-rose-500" : "border-slate-200")}>
        {sorted.map((l) => {
          const left = remainingUnits(l);
          const checked = value.includes(l.id);
          const exhausted = left === 0 && !held.includes(l.id);
          const disabled = exhausted && !checked;
          return (
            <li key={l.id}>
              <label className={cn("flex items-center gap-3 px-3 py-2 text-sm", disabled ? "cursor-not-allowed bg-slate-50" : "cursor-pointer hover:bg-slate-50")}>
                <input
                  type="checkbox"
                  className="h-4 w-4 accent-brand-500"
                  checked={checked}
                  disabled={disabled}
                  onChange={(e) => onChange(e.target.checked ? [...value, l.id] : value.filter((id) => id !== l.id))}
                />
                <span className={cn("min-w-0 flex-1 truncate", disabled ? "text-slate-500" : "text-slate-900")}>{l.name ?? l.id}</span>
                <span className={cn("shrink-0 text-xs tabular-nums", exhausted ? "font-medium text-rose-700" : "text-slate-500")}>
                  {left === null ? "No limit" : exhausted ? "No units left" : `${left.toLocaleString("en")} of ${(l.totalUnits ?? 0).toLocaleString("en")} left`}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
      {error ? (
        <p id={errorId} className="mt-1 text-sm text-rose-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

export function RolePicker({ roles, value, onChange }: { roles: { id: string; name?: string }[]; value: string[]; onChange: (next: string[]) => void }) {
  return (
    <fieldset>
      <legend className="mb-1 text-sm font-medium text-slate-700">Admin roles</legend>
      <ul className="grid gap-1 sm:grid-cols-2">
        {roles.map((r) => (
          <li key={r.id}>
            <label className="flex cursor-pointer items-center gap-2.5 rounded-md px-2 py-1.5 text-sm hover:bg-slate-50">
              <input
                type="checkbox"
                className="h-4 w-4 accent-brand-500"
                checked={value.includes(r.id)}
                onChange={(e) => onChange(e.target.checked ? [...value, r.id] : value.filter((id) => id !== r.id))}
              />
              {r.name ?? r.id}
            </label>
          </li>
        ))}
      </ul>
      <p className="mt-1 text-xs text-slate-500">No role = a regular user without admin rights.</p>
    </fieldset>
  );
}
