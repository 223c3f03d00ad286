import "server-only";
import type { OrgPerson } from "@/lib/import/plan";
import type { PeopleFilter } from "@/lib/jobs/schemas";
import type { WebexClient } from "@/lib/server/webex/client";
import type { License, Location, Role } from "@/lib/server/webex/models";

// What an import plan or an export reads from Webex, with the fewest calls: one walk of the people (1,000 a page,
// or 100 a page when Calling data is needed — Webex's ceiling with callingData=true), and the org's licenses,
// roles and locations once each.

export interface Directory {
  people: OrgPerson[];
  licenses: License[];
  roles: Role[];
  locations: Location[];
  /** Webex calls made to read it. */
  calls: number;
}

export async function walkPeople(
  webex: WebexClient,
  filter: PeopleFilter,
  opts: { callingData: boolean; onPage?: (n: number) => void },
): Promise<{ people: OrgPerson[]; calls: number }> {
  const people: OrgPerson[] = [];
  let calls = 0;
  const max = filter.locationId ? 50 : opts.callingData ? 100 : 1000;
  for await (const page of webex.iteratePeople({ ...filter, max, ...(opts.callingData ? { callingData: true } : {}) })) {
    calls += 1;
    people.push(...(page as OrgPerson[]));
    opts.onPage?.(people.length);
  }
  return { people, calls: Math.max(calls, 1) };
}

export async function readCatalog(webex: WebexClient, opts: { locations: boolean }): Promise<Omit<Directory, "people">> {
  const [licenses, roles, locations] = await Promise.all([webex.listLicenses(), webex.listRoles(), opts.locations ? webex.listLocations() : Promise.resolve([])]);
  return { licenses, roles, locations, calls: opts.locations ? 3 : 2 };
}
