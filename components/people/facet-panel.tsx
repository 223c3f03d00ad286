"use client";

import { useId } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { FacetCounts, YesNo } from "@/lib/directory/facets";
import { INACTIVE_DAYS } from "@/lib/directory/facets";
import type { DirectoryFilter } from "@/lib/directory/filter";
import type { DirectoryPeopleLabels } from "@/lib/directory/people-api";
import { formatCount } from "@/lib/format";
import { statusInfo } from "@/lib/people/person";

// The people grid's facets (issue 15): every value with the number of people who would match if it were chosen,
// given the other choices (lib/directory/facets.ts). Plain checkboxes and radio buttons in fieldsets, so keyboard
// and screen reader use is the browser's own; the count of matching people is announced politely as it changes.

export interface FacetChoice {
  filter: DirectoryFilter;
  roles: string[];
}

interface Props {
  facets: FacetCounts | null;
  labels: DirectoryPeopleLabels | null;
  /** The facets chosen, and the grid's role filter (its counts are in the toolbar's Admin role menu). */
  choice: FacetChoice;
  onChange: (next: FacetChoice) => void;
  onClear: () => void;
  /** A facet is chosen (or the grid's roles or location): "Clear filters" is offered (it clears the search text too). */
  active: boolean;
  /** The index exists (false: never synced; the panel offers Sync now). */
  indexed: boolean | null;
  loading: boolean;
  /** "1,234 people match" / "People in the index" announced with the counts. */
  total: number | null;
  /** The index's freshness line with Sync now (components/directory's IndexFreshness, given by the page). */
  freshness?: React.ReactNode;
}

const toggle = (xs: string[], v: string, on: boolean) => (on ? [...xs.filter((x) => x !== v), v] : xs.filter((x) => x !== v));
const byCount = (rec: Record<string, number>) => Object.entries(rec).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));

function Count({ n }: { n: number | undefined }) {
  return n === undefined ? null : <span className="ml-auto pl-2 text-xs tabular-nums text-slate-500">{formatCount(n)}</span>;
}

function Option({ type, name, checked, onChange, label, count, testId }: { type: "checkbox" | "radio"; name?: string; checked: boolean; onChange: (on: boolean) => void; label: string; count?: number; testId?: string }) {
  const id = useId();
  const zero = count === 0 && !checked;
  return (
    <div className="flex items-center gap-2 rounded px-1.5 py-1 hover:bg-slate-50">
      <input
        id={id}
        type={type}
        name={name}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        className="h-4 w-4 shrink-0 cursor-pointer accent-brand-500"
        data-testid={testId}
      />
      <label htmlFor={id} className={cn("flex min-w-0 flex-1 cursor-pointer items-center text-sm", zero ? "text-slate-500" : "text-slate-800")}>
        <span className="min-w-0 truncate" title={label}>
          {label}
        </span>
        <Count n={count} />
        {count !== undefined ? <span className="sr-only">, {count === 1 ? "1 person" : `${formatCount(count)} people`}</span> : null}
      </label>
    </div>
  );
}

function Section({ title, children, open = true, chosen = 0 }: { title: string; children: React.ReactNode; open?: boolean; chosen?: number }) {
  return (
    <details open={open || chosen > 0} className="group border-t border-slate-200 py-2 first:border-t-0">
      <summary className="flex cursor-pointer list-none items-center justify-between rounded px-1.5 py-1 text-sm font-semibold text-slate-900 hover:bg-slate-50 [&::-webkit-details-marker]:hidden">
        <span>
          {title}
          {chosen ? <span className="ml-1.5 rounded-full bg-brand-500 px-1.5 text-xs leading-5 text-white">{chosen}</span> : null}
        </span>
        <svg aria-hidden viewBox="0 0 16 16" className="h-4 w-4 text-slate-500 transition-transform group-open:rotate-180" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="m4 6 4 4 4-4" />
        </svg>
      </summary>
      <fieldset className="mt-1 min-w-0">
        <legend className="sr-only">{title}</legend>
        {children}
      </fieldset>
    </details>
  );
}

function YesNoFacet({ title, value, counts, yes, no, onChange, testId }: { title: string; value: boolean | null; counts: YesNo | undefined; yes: string; no: string; onChange: (v: boolean | null) => void; testId: string }) {
  const name = useId();
  return (
    <Section title={title} open={false} chosen={value === null ? 0 : 1}>
      <Option type="radio" name={name} checked={value === null} onChange={() => onChange(null)} label="Any" />
      <Option type="radio" name={name} checked={value === true} onChange={() => onChange(true)} label={yes} count={counts?.yes} testId={`${testId}-yes`} />
      <Option type="radio" name={name} checked={value === false} onChange={() => onChange(false)} label={no} count={counts?.no} testId={`${testId}-no`} />
    </Section>
  );
}

function Scroll({ children }: { children: React.ReactNode }) {
  return <div className="max-h-56 overflow-y-auto pr-1">{children}</div>;
}

export function FacetPanel({ facets, labels, choice, onChange, onClear, active, indexed, loading, total, freshness }: Props) {
  const inactiveName = useId();
  const f = choice.filter;
  const set = (patch: Partial<DirectoryFilter>) => onChange({ ...choice, filter: { ...f, ...patch } });
  const name = (rec: Record<string, string> | undefined, id: string, fallback: string) => rec?.[id] ?? fallback;
  const licenseIds = facets ? byCount(facets.hasLicense).map(([id]) => id) : [];
  licenseIds.sort((a, b) => name(labels?.licenses, a, a).localeCompare(name(labels?.licenses, b, b)));

  return (
    <aside aria-label="Filters" className="w-full shrink-0 rounded-lg border border-slate-200 bg-white p-3 shadow-sm lg:w-64" data-testid="facet-panel">
      <div className="mb-2 flex items-center justify-between gap-2">
        <h2 className="text-sm font-semibold text-slate-900">Filters</h2>
        {active ? (
          <Button size="sm" variant="ghost" onClick={onClear}>
            Clear filters
          </Button>
        ) : null}
      </div>
      <p className="mb-2 text-sm text-slate-700" aria-live="polite" aria-atomic="true" data-testid="facet-total">
        {indexed === false ? "" : total === null ? (loading ? "Counting…" : "") : `${formatCount(total)} ${total === 1 ? "person matches" : "people match"}`}
      </p>
      {freshness ? <div className="mb-2 text-xs">{freshness}</div> : null}
      {indexed === false ? (
        <p className="rounded-md bg-slate-50 p-2 text-sm text-slate-700">
          Filters with counts (status, licenses, department, inactive days…) work from Roster&apos;s index of your organization. Press <strong>Sync now</strong> to build it: Roster
          reads everyone from Webex once.
        </p>
      ) : (
        <div className={cn(loading && !facets && "opacity-60")}>
          <Section title="Status" chosen={f.status.length}>
            {(facets ? byCount(facets.status) : []).map(([s, n]) => (
              <Option key={s} type="checkbox" checked={f.status.includes(s)} onChange={(on) => set({ status: toggle(f.status, s, on) })} label={statusInfo(s).label} count={n} />
            ))}
          </Section>

          <Section title="Has license" chosen={f.hasLicenses.length + (f.noLicense ? 1 : 0)}>
            <Option type="checkbox" checked={f.noLicense} onChange={(on) => set({ noLicense: on })} label="No license at all" count={facets?.noLicense} testId="facet-no-license" />
            <Scroll>
              {licenseIds.map((id) => (
                <Option
                  key={id}
                  type="checkbox"
                  checked={f.hasLicenses.includes(id)}
                  onChange={(on) => set({ hasLicenses: toggle(f.hasLicenses, id, on) })}
                  label={name(labels?.licenses, id, "Unknown license")}
                  count={facets?.hasLicense[id]}
                />
              ))}
            </Scroll>
          </Section>

          <Section title="Lacks license" open={false} chosen={f.lacksLicenses.length}>
            <Scroll>
              {licenseIds.map((id) => (
                <Option
                  key={id}
                  type="checkbox"
                  checked={f.lacksLicenses.includes(id)}
                  onChange={(on) => set({ lacksLicenses: toggle(f.lacksLicenses, id, on) })}
                  label={`Lacks ${name(labels?.licenses, id, "unknown license")}`}
                  count={facets?.lacksLicense[id]}
                />
              ))}
            </Scroll>
          </Section>

          <Section title="Inactive for" chosen={f.inactiveDays === null ? 0 : 1}>
            <Option type="radio" name={inactiveName} checked={f.inactiveDays === null} onChange={() => set({ inactiveDays: null })} label="Any" />
            {INACTIVE_DAYS.map((d) => (
              <Option
                key={d}
                type="radio"
                name={inactiveName}
                checked={f.inactiveDays === d}
                onChange={() => set({ inactiveDays: d })}
                label={`${d} days or more`}
                count={facets?.inactive[String(d)]}
                testId={`facet-inactive-${d}`}
              />
            ))}
          </Section>

          <Section title="Department" open={false} chosen={f.departments.length}>
            <Scroll>
              {(facets ? byCount(facets.departments) : []).map(([d, n]) => (
                <Option key={d || "(none)"} type="checkbox" checked={f.departments.includes(d)} onChange={(on) => set({ departments: toggle(f.departments, d, on) })} label={d || "No department"} count={n} />
              ))}
            </Scroll>
          </Section>

          <Section title="Location" open={false} chosen={f.locations.length}>
            <Scroll>
              {(facets ? byCount(facets.locations) : []).map(([l, n]) => (
                <Option
                  key={l || "(none)"}
                  type="checkbox"
                  checked={f.locations.includes(l)}
                  onChange={(on) => set({ locations: toggle(f.locations, l, on) })}
                  label={l ? name(labels?.locations, l, "Unknown location") : "No known location"}
                  count={n}
                />
              ))}
            </Scroll>
          </Section>

          <YesNoFacet title="Admin" value={f.admin} counts={facets?.admin} yes="Holds an admin role" no="No admin role" onChange={(admin) => set({ admin })} testId="facet-admin" />

          <YesNoFacet title="Invitation" value={f.invitePending} counts={facets?.invitePending} yes="Invite pending" no="Accepted" onChange={(invitePending) => set({ invitePending })} testId="facet-pending" />
          <YesNoFacet title="Sign-in" value={f.signInDisabled} counts={facets?.signInDisabled} yes="Sign-in disabled" no="Sign-in enabled" onChange={(signInDisabled) => set({ signInDisabled })} testId="facet-signin" />
        </div>
      )}
    </aside>
  );
}
