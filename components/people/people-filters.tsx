"use client";

import { useId } from "react";
import { Popover, PopoverCheckbox } from "@/components/ui/popover";
import type { Location, Role } from "@/lib/people/person";

/**
 * Admin role filter: one or several roles (Webex returns people holding any of them). `counts`: from the directory
 * index, how many people would match with each role chosen (the other filters as they are).
 */
export function RoleFilter({ roles, selected, onChange, loading, counts }: { roles: Role[] | undefined; selected: string[]; onChange: (ids: string[]) => void; loading: boolean; counts?: Record<string, number> }) {
  return (
    <Popover
      title="Admin role"
      active={selected.length > 0}
      triggerLabel={selected.length ? `Admin role filter, ${selected.length} selected` : "Admin role filter"}
      trigger={
        <>
          Admin role
          {selected.length ? <span className="rounded-full bg-brand-500 px-1.5 text-xs leading-5 text-white">{selected.length}</span> : null}
        </>
      }
    >
      {loading ? <p className="px-2 py-1.5 text-sm text-slate-600">Loading roles…</p> : null}
      {!loading && !roles?.length ? <p className="px-2 py-1.5 text-sm text-slate-600">No roles available.</p> : null}
      {roles?.map((r) => (
        <PopoverCheckbox
          key={r.id}
          checked={selected.includes(r.id)}
          onChange={(on) => onChange(on ? [...selected, r.id] : selected.filter((id) => id !== r.id))}
        >
          {r.name || r.id}
          {counts?.[r.id] !== undefined ? (
            <span className="ml-auto pl-3 text-xs tabular-nums text-slate-500">
              <span className="sr-only">, </span>
              {counts[r.id]!.toLocaleString("en")}
              <span className="sr-only"> {counts[r.id] === 1 ? "person" : "people"}</span>
            </span>
          ) : null}
        </PopoverCheckbox>
      ))}
    </Popover>
  );
}

/** Location filter: Webex answers one location at a time. */
export function LocationFilter({ locations, selected, onChange }: { locations: Location[] | undefined; selected: string | null; onChange: (id: string | null) => void }) {
  const id = useId();
  const sorted = [...(locations ?? [])].sort((a, b) => (a.name ?? "").localeCompare(b.name ?? ""));
  const unknown = selected && !sorted.some((l) => l.id === selected);
  return (
    <div>
      <label htmlFor={id} className="sr-only">
        Location
      </label>
      <select
        id={id}
        value={selected ?? ""}
        onChange={(e) => onChange(e.target.value || null)}
        className={`h-9 max-w-52 rounded-md border bg-white pl-2.5 pr-8 text-sm font-medium shadow-sm ${selected ? "border-brand-500 text-brand-700" : "border-slate-300 text-slate-800"}`}
      >
        <option value="">All locations</option>
        {unknown ? <option value={selected}>Unknown location</option> : null}
        {sorted.map((l) => (
          <option key={l.id} value={l.id}>
            {l.name || l.id}
          </option>
        ))}
      </select>
    </div>
  );
}
