import "server-only";
import { CSV_BOM } from "@/lib/csv";
import { templateCsvLines } from "@/lib/import/export-rows";
import type { OrgPerson } from "@/lib/import/plan";
import { MAX_SELECTION, type JobTarget } from "@/lib/jobs/schemas";
import type { WebexClient } from "@/lib/server/webex/client";
import { isWebexError } from "@/lib/server/webex/errors";
import { readCatalog, walkPeople } from "./directory";

// The people CSV in the import template's format: export → edit in a spreadsheet → import changes exactly the
// edited cells. Read with Calling data (Location, Extension), managers written as their email.

/** Up to this many selected people are read one by one; more, and one walk of the org is cheaper. */
const READ_ONE_BY_ONE = 25;

export interface PeopleExport {
  csv: string;
  people: number;
  calls: number;
}

export async function exportPeopleCsv(webex: WebexClient, target: JobTarget | { filter: Record<string, never> }): Promise<PeopleExport> {
  const catalog = await readCatalog(webex, { locations: true });
  let calls = catalog.calls;
  let people: OrgPerson[];
  if ("personIds" in target) {
    const ids = [...new Set(target.personIds)].slice(0, MAX_SELECTION);
    if (ids.length <= READ_ONE_BY_ONE) {
      people = [];
      for (const id of ids) {
        calls += 1;
        try {
          people.push(await webex.getPerson(id, { callingData: true }));
        } catch (err) {
          if (!(isWebexError(err) && err.status === 404)) throw err;
        }
      }
    } else {
      const wanted = new Set(ids);
      const walked = await walkPeople(webex, {}, { callingData: true });
      calls += walked.calls;
      people = walked.people.filter((p) => wanted.has(p.id));
    }
  } else {
    const walked = await walkPeople(webex, target.filter, { callingData: true });
    calls += walked.calls;
    people = walked.people;
  }
  // Managers by email: those outside the exported people are looked up by ID (85 per call).
  const emails = new Map(people.map((p) => [p.id, p.emails?.[0] ?? ""]));
  const missing = [...new Set(people.map((p) => p.managerId).filter((id): id is string => !!id && !emails.has(id)))];
  if (missing.length) {
    const found = await webex.getPeopleByIds(missing);
    calls += Math.ceil(missing.length / 85);
    for (const p of found.items) emails.set(p.id, p.emails?.[0] ?? "");
  }
  const csv = CSV_BOM + templateCsvLines(people, { ...catalog, emailOf: (id) => emails.get(id) || undefined }, { header: true });
  return { csv, people: people.filter((p) => (p.type ?? "person") === "person").length, calls };
}

/** The template: the header row of this organization (its licenses and roles), nothing else. */
export async function templateCsv(webex: WebexClient): Promise<string> {
  const catalog = await readCatalog(webex, { locations: false });
  return CSV_BOM + templateCsvLines([], { ...catalog, emailOf: () => undefined }, { header: true });
}
