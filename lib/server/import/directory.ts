import "server-only";
import type { JobTarget, PeopleFilter } from "@/lib/jobs/schemas";
import type { WebexClient } from "@/lib/server/webex/client";
import { isWebexError } from "@/lib/server/webex/errors";
import type { License, Location, Person, Role } from "@/lib/server/webex/models";

// What a bulk preview, an import plan or an export reads from Webex, with the fewest calls: one walk of the people
// (1,000 a page, or 100 a page when Calling data is needed — Webex's ceiling with callingData=true, 50 with a
// location filter), a few selected people one by one, and the org's licenses, roles and locations once each.

export interface Directory {
  licenses: License[];
  roles: Role[];
  locations: Location[];
  /** Webex calls made to read it. */
  calls: number;
}

export interface ReadOptions {
  callingData: boolean;
  /** More people than this: `tooMany()` is thrown. */
  cap?: number;
  tooMany?: () => Error;
}

export async function walkPeople(webex: WebexClient, filter: PeopleFilter, opts: ReadOptions): Promise<{ people: Person[]; calls: number }> {
  const people: Person[] = [];
  let calls = 0;
  const max = filter.locationId ? 50 : opts.callingData ? 100 : 1000;
  for await (const page of webex.iteratePeople({ ...filter, max, ...(opts.callingData ? { callingData: true } : {}) })) {
    calls += 1;
    people.push(...page);
    if (opts.cap !== undefined && people.length > opts.cap) throw opts.tooMany?.() ?? new Error(`More than ${opts.cap} people`);
  }
  return { people, calls: Math.max(calls, 1) };
}

/** Up to this many selected people are read one by one; more, and one walk of the org is cheaper. */
const READ_ONE_BY_ONE = 25;

export interface TargetPeople {
  people: Person[];
  /** Selected IDs Webex does not know. */
  notFound: string[];
  /** The whole org, when it was walked for this (a selection of many, or no filter). */
  walkedOrg: Person[] | null;
  calls: number;
}

/** The people a job targets or an export writes: a selection (by ID) or everyone matching the grid's filter. */
export async function readTarget(webex: WebexClient, target: JobTarget, opts: ReadOptions): Promise<TargetPeople> {
  if ("personIds" in target) {
    const ids = [...new Set(target.personIds)];
    if (ids.length <= READ_ONE_BY_ONE) {
      const people: Person[] = [];
      const notFound: string[] = [];
      for (const id of ids) {
        try {
          people.push(await webex.getPerson(id, opts.callingData ? { callingData: true } : {}));
        } catch (err) {
          if (isWebexError(err) && err.status === 404) notFound.push(id);
          else throw err;
        }
      }
      return { people, notFound, walkedOrg: null, calls: ids.length };
    }
    const wanted = new Set(ids);
    const org = await walkPeople(webex, {}, { callingData: opts.callingData });
    const people = org.people.filter((p) => wanted.has(p.id));
    const found = new Set(people.map((p) => p.id));
    return { people, notFound: ids.filter((id) => !found.has(id)), walkedOrg: org.people, calls: org.calls };
  }
  const walked = await walkPeople(webex, target.filter, opts);
  const wholeOrg = !target.filter.email && !target.filter.displayName && !target.filter.roles?.length && !target.filter.locationId;
  return { people: walked.people, notFound: [], walkedOrg: wholeOrg ? walked.people : null, calls: walked.calls };
}

export async function readCatalog(webex: WebexClient, opts: { locations: boolean }): Promise<Directory> {
  const [licenses, roles, locations] = await Promise.all([webex.listLicenses(), webex.listRoles(), opts.locations ? webex.listLocations() : Promise.resolve([])]);
  return { licenses, roles, locations, calls: opts.locations ? 3 : 2 };
}
