import "server-only";
import { type KnownValues, scanFacets, sortOrder, type SortKey } from "@/lib/directory/facets";
import type { DirectoryFilter } from "@/lib/directory/filter";
import type { DirectoryPeopleLabels, DirectoryPeopleResponse } from "@/lib/directory/people-api";
import type { IndexedPerson } from "@/lib/directory/types";
import type { Person } from "@/lib/people/person";
import type { Db } from "@/lib/server/db";
import { logError } from "@/lib/server/log";
import { referenceLicenses, referenceLocations, referenceRoles, type Reader } from "@/lib/server/reference";
import type { WebexClient } from "@/lib/server/webex/client";
import { type DirectorySnapshot, getDirectory } from "./cache";

// The people grid's index view (issue 15): facet counts, an exact total, org-wide sort and a page by offset, all
// computed in memory over the cached snapshot of the org (./cache.ts). No Webex call, except the names of licenses,
// roles and locations, which come from the shared reference-data cache (decision 012) like /api/licenses's.

export interface DirectoryPeopleQuery {
  filter: DirectoryFilter;
  q: string;
  sort: { key: SortKey; desc: boolean } | null;
  offset: number;
  limit: number;
}

export const NOT_INDEXED_MESSAGE = "Roster has not indexed this organization yet. Sync now reads everyone from Webex once; filters with counts work from then on.";

// Each snapshot's people sorted by each column (positions in snapshot.people), computed on first use (a sort of
// 100,000 people costs more than a query): a WeakMap on the snapshot's array, so a new generation starts afresh and
// the old one is freed.
const sorted = new WeakMap<readonly IndexedPerson[], Map<string, Int32Array>>();

function sortedOrder(snap: DirectorySnapshot, sort: DirectoryPeopleQuery["sort"]): Int32Array | null {
  if (!sort || (sort.key === "name" && !sort.desc)) return null; // the snapshot is kept in display-name order
  let bySort = sorted.get(snap.people);
  if (!bySort) sorted.set(snap.people, (bySort = new Map()));
  const k = `${sort.desc ? "-" : ""}${sort.key}`;
  let order = bySort.get(k);
  if (!order) bySort.set(k, (order = sortOrder(snap.people, sort.key, sort.desc)));
  return order;
}

/** An indexed person in the shape GET /api/people answers (absent fields left out, as Webex leaves them out). */
export function toGridPerson(p: IndexedPerson): Person {
  const out: Person = { id: p.id, emails: [p.email], displayName: p.displayName, licenses: p.licenses, roles: p.roles, invitePending: p.invitePending, loginEnabled: p.loginEnabled };
  if (p.firstName) out.firstName = p.firstName;
  if (p.lastName) out.lastName = p.lastName;
  if (p.status) out.status = p.status;
  if (p.department) out.department = p.department;
  if (p.title) out.title = p.title;
  if (p.locationId) out.locationId = p.locationId;
  if (p.lastActivity) out.lastActivity = p.lastActivity;
  if (p.created) out.created = p.created;
  if (p.type) out.type = p.type;
  return out;
}

/** The answer over a snapshot (no I/O): what the route and the benchmark run. */
export function queryDirectory(snap: DirectorySnapshot, query: DirectoryPeopleQuery, now: number, known: KnownValues) {
  const { facets, matched } = scanFacets(snap.people, query.filter, now, { known, q: query.q });
  const order = sortedOrder(snap, query.sort);
  // The page: the offset-th to (offset + limit)-th matching person in the sorted order.
  const rows: IndexedPerson[] = [];
  const offset = Math.min(query.offset, facets.total);
  let seen = 0;
  for (let k = 0; k < snap.people.length && rows.length < query.limit; k++) {
    const i = order ? order[k]! : k;
    if (!matched[i]) continue;
    if (seen++ >= offset) rows.push(snap.people[i]!);
  }
  return { total: facets.total, offset, rows: rows.map(toGridPerson), facets };
}

async function labels(reader: Reader, webex: WebexClient): Promise<DirectoryPeopleLabels & { known: { licenses: string[]; roles: string[]; locations: string[] } }> {
  // Names are a nicety: when Webex cannot give them now, the counts still answer (the grid shows IDs as unknown).
  const [lic, roles, locs] = await Promise.allSettled([referenceLicenses(reader, webex), referenceRoles(reader, webex), referenceLocations(reader, webex)]);
  for (const r of [lic, roles, locs]) if (r.status === "rejected") logError("directory facets: reference names unavailable", { orgId: reader.orgId }, r.reason);
  const named = (items: { id: string; name?: string }[]) => Object.fromEntries(items.map((i) => [i.id, i.name || "Unnamed"]));
  const licenses = lic.status === "fulfilled" ? lic.value.items : [];
  const roleItems = roles.status === "fulfilled" ? roles.value : [];
  const locItems = locs.status === "fulfilled" ? locs.value : [];
  return {
    licenses: named(licenses),
    roles: named(roleItems),
    locations: named(locItems),
    known: { licenses: licenses.map((l) => l.id), roles: roleItems.map((r) => r.id), locations: locItems.map((l) => l.id) },
  };
}

/** GET /api/directory/people. */
export async function directoryPeople(db: Db, reader: Reader, webex: WebexClient, query: DirectoryPeopleQuery, now = Date.now()): Promise<DirectoryPeopleResponse> {
  const [snap, names] = await Promise.all([getDirectory(db, reader.orgId), labels(reader, webex)]);
  if (!snap || snap.asOf === null) return { indexed: false, asOf: null, generation: 0, message: NOT_INDEXED_MESSAGE };
  const { known, ...labelMaps } = names;
  const result = queryDirectory(snap, query, now, known);
  return { indexed: true, asOf: snap.asOf, locationsAsOf: snap.locationsAsOf, generation: snap.generation, limit: query.limit, ...result, labels: labelMaps };
}
