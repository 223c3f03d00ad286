import "server-only";
import { templateCsvLines } from "@/lib/import/export-rows";
import type { JobTarget } from "@/lib/jobs/schemas";
import type { WebexClient } from "@/lib/server/webex/client";
import { readCatalog, readTarget } from "./directory";

// The people CSV in the import template's format: export → edit in a spreadsheet → import changes exactly the
// edited cells. Read with Calling data (Location, Extension), managers written as their email.

export interface PeopleExport {
  csv: string;
  people: number;
  calls: number;
}

export async function exportPeopleCsv(webex: WebexClient, target: JobTarget): Promise<PeopleExport> {
  const catalog = await readCatalog(webex, { locations: true });
  // A selection is at most MAX_SELECTION people (the route's schema).
  const { people, calls: read } = await readTarget(webex, target, { callingData: true });
  let calls = catalog.calls + read;
  // Managers by email: those outside the exported people are looked up by ID (85 per call).
  const emails = new Map(people.map((p) => [p.id, p.emails?.[0] ?? ""]));
  const missing = [...new Set(people.map((p) => p.managerId).filter((id): id is string => !!id && !emails.has(id)))];
  if (missing.length) {
    const found = await webex.getPeopleByIds(missing);
    calls += Math.ceil(missing.length / 85);
    for (const p of found.items) emails.set(p.id, p.emails?.[0] ?? "");
  }
  const csv = templateCsvLines(people, { ...catalog, emailOf: (id) => emails.get(id) || undefined }, { header: true });
  return { csv, people: people.filter((p) => (p.type ?? "person") === "person").length, calls };
}

/** The template: the header row of this organization (its licenses and roles), nothing else. */
export async function templateCsv(webex: WebexClient): Promise<string> {
  const catalog = await readCatalog(webex, { locations: false });
  return templateCsvLines([], { ...catalog, emailOf: () => undefined }, { header: true });
}
