"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import { accessFrom, type CopiedAccess } from "@/lib/people/onboarding";
import type { Person } from "@/lib/people/person";
import type { PersonDetail } from "@/lib/people/person-detail";
import { searchIntent } from "@/lib/people/people-view";
import { peopleListOptions } from "@/lib/query/people";
import { personOptions } from "@/lib/query/person";

const MAX_RESULTS = 10;

type Found = { state: "idle" } | { state: "searching" } | { state: "found"; people: Person[] } | { state: "error"; message: string };
type Copy = { state: "idle" } | { state: "copying"; id: string } | { state: "copied"; from: PersonDetail; access: CopiedAccess } | { state: "error"; message: string };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * "Copy access from an existing person": find someone already set up (name prefix or exact email), read them from
 * Webex (GET /people/{id}) and hand their licenses and admin roles to the form, which shows them ticked. The
 * helpdesk can still change them; capacity is checked before the person is added, as for any choice.
 */
export function CopyAccess({
  onCopy,
  licenseName,
  roleName,
  known,
}: {
  onCopy: (access: CopiedAccess) => void;
  licenseName: (id: string) => string;
  roleName: (id: string) => string;
  known: { licenses: readonly string[]; roles: readonly string[] };
}) {
  const qc = useQueryClient();
  const id = useId();
  const [text, setText] = useState("");
  const [found, setFound] = useState<Found>({ state: "idle" });
  const [copy, setCopy] = useState<Copy>({ state: "idle" });

  const search = async () => {
    const intent = searchIntent(text);
    if (intent.kind === "none") return;
    if (intent.kind === "invalid-email") {
      setFound({ state: "error", message: intent.message });
      return;
    }
    setFound({ state: "searching" });
    try {
      const params = intent.kind === "email" ? { email: intent.email, max: MAX_RESULTS } : { displayName: intent.displayName, max: MAX_RESULTS };
      const page = await qc.fetchQuery({ ...peopleListOptions(params), staleTime: 0 });
      setFound({ state: "found", people: page.items.filter((p) => !p.type || p.type === "person") });
    } catch (e) {
      setFound({ state: "error", message: e instanceof Error ? e.message : "The search failed. Try again." });
    }
  };

  const copyFrom = async (personId: string) => {
    setCopy({ state: "copying", id: personId });
    try {
      // As Webex holds them now, not as the search listed them.
      const person = await qc.fetchQuery({ ...personOptions(personId), staleTime: 0 });
      const access = accessFrom(person, known);
      onCopy(access);
      setCopy({ state: "copied", from: person, access });
    } catch (e) {
      setCopy({ state: "error", message: e instanceof Error ? e.message : "Could not read that person from Webex. Try again." });
    }
  };

  const busy = found.state === "searching";
  return (
    <div className="rounded-md border border-slate-200 bg-slate-50 p-4" data-testid="copy-access">
      <label htmlFor={`${id}-q`} className="text-sm font-medium text-slate-700">
        Copy access from an existing person
      </label>
      <p id={`${id}-hint`} className="text-xs text-slate-500">
        Their licenses and admin roles are ticked below; change them as needed.
      </p>
      <div className="mt-2 flex flex-wrap gap-2">
        <input
          id={`${id}-q`}
          type="search"
          autoComplete="off"
          placeholder="Name, or the whole email address"
          className={inputClass(found.state === "error", "max-w-xs")}
          value={text}
          aria-describedby={`${id}-hint`}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault(); // not the onboarding form's submit
              void search();
            }
          }}
        />
        <Button size="md" onClick={() => void search()} disabled={busy || !text.trim()}>
          {busy ? <Spinner /> : null}
          {busy ? "Searching…" : "Find"}
        </Button>
      </div>
      <div role="status" className="mt-2 text-sm">
        {found.state === "error" ? <p className="text-rose-700">{found.message}</p> : null}
        {found.state === "found" && found.people.length === 0 ? <p className="text-slate-700">Nobody found. Names match from the start; an email must be complete.</p> : null}
        {found.state === "found" && found.people.length > 0 ? <p className="sr-only">{plural(found.people.length, "person", "people")} found</p> : null}
      </div>
      {found.state === "found" && found.people.length > 0 ? (
        <ul aria-label="People found" className="mt-1 divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
          {found.people.map((p) => {
            const label = p.displayName || p.emails?.[0] || "Unnamed person";
            const copying = copy.state === "copying" && copy.id === p.id;
            return (
              <li key={p.id} className="flex items-center justify-between gap-3 px-3 py-2 text-sm">
                <span className="min-w-0">
                  <span className="block truncate font-medium text-slate-900">{label}</span>
                  <span className="block truncate text-xs text-slate-500">{p.emails?.[0]}</span>
                </span>
                <Button size="sm" onClick={() => void copyFrom(p.id)} disabled={copy.state === "copying"} aria-label={`Copy access from ${label}`}>
                  {copying ? <Spinner /> : null}
                  {copying ? "Reading…" : "Copy access"}
                </Button>
              </li>
            );
          })}
        </ul>
      ) : null}
      <div role="status" className="mt-2 text-sm" data-testid="copied-access">
        {copy.state === "error" ? <p className="text-rose-700">{copy.message}</p> : null}
        {copy.state === "copied" ? <CopiedSummary from={copy.from} access={copy.access} licenseName={licenseName} roleName={roleName} /> : null}
      </div>
    </div>
  );
}

function CopiedSummary({ from, access, licenseName, roleName }: { from: PersonDetail; access: CopiedAccess; licenseName: (id: string) => string; roleName: (id: string) => string }) {
  const who = from.displayName || from.emails?.[0] || "that person";
  return (
    <div className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-emerald-900">
      <p className="font-medium">Copied from {who}:</p>
      <p>
        {plural(access.licenses.length, "license", "licenses")}
        {access.licenses.length ? ` (${access.licenses.map(licenseName).join(", ")})` : ""}, {plural(access.roles.length, "admin role", "admin roles")}
        {access.roles.length ? ` (${access.roles.map(roleName).join(", ")})` : ""}.
      </p>
      {access.skippedLicenses.length || access.skippedRoles.length ? (
        <p className="mt-1">
          Not copied, as they are not in your organization&apos;s lists: {[...access.skippedLicenses, ...access.skippedRoles].join(", ")}.
        </p>
      ) : null}
      <p className="mt-1 text-xs">Change them below if this person needs different access. Free units are checked again when you add the person.</p>
    </div>
  );
}
