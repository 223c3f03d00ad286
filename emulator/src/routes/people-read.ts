import { isAdminReader, requireScope } from "../auth";
import { ApiError, sleep, type Reply } from "../http";
import { personJson } from "../person-view";
import { boolParam, decodeCursor, encodeCursor, maxParam, nextLink } from "../query";
import { callerOf, type Ctx } from "../state";
import type { Person } from "../types";

const MAX_IDS = 85;

function readScope(ctx: Ctx) {
  const caller = callerOf(ctx);
  requireScope(caller, "spark:people_read", "spark-admin:people_read");
  return caller;
}

/**
 * `callingData=true` makes Webex fetch each person's Calling data from another service: pages are slower. The
 * emulator holds the answer `callingDataLatencyMs` per 100 people listed (at least one unit per page).
 */
async function callingDataCost(ctx: Ctx, people: number): Promise<void> {
  const ms = ctx.state.config.callingDataLatencyMs * Math.max(1, Math.ceil(people / 100));
  if (ms > 0) await sleep(ms);
}

export async function listPeople(ctx: Ctx): Promise<Reply> {
  const caller = readScope(ctx);
  const { url, state } = ctx;
  const store = state.store;
  const admin = isAdminReader(caller);
  const q = url.searchParams;
  const email = q.get("email") || undefined;
  const displayName = q.get("displayName")?.toLowerCase() || undefined;
  const ids = q.get("id") || undefined;
  const roles = q.get("roles") ? (q.get("roles") ?? "").split(",").map((s) => s.trim()).filter(Boolean) : undefined;
  const locationId = q.get("locationId") || undefined;
  const callingData = boolParam(url, "callingData");
  const excludeStatus = boolParam(url, "excludeStatus");
  const orgId = q.get("orgId");

  if (orgId && orgId !== store.org.id) throw new ApiError(403, "Only partner administrators may list people of another organization.");
  if (!admin && !email && !displayName && !ids) {
    throw new ApiError(400, "Either email or displayName is required for non-admin users.");
  }
  if (!admin && (roles || locationId || callingData)) {
    throw new ApiError(403, "The roles, locationId and callingData filters are only available to administrators.");
  }
  const ceiling = locationId ? 50 : callingData ? 100 : 1000;
  const max = maxParam(url, "max", 100, ceiling);
  const afterSeq = decodeCursor(q.get("cursor"));

  // Search lag (config.listLagMs): people created within the lag are not in list results yet.
  const lag = state.config.listLagMs;
  const listedBefore = Date.now() - lag;
  const listed = (p: Person) => lag === 0 || Date.parse(p.created) <= listedBefore;
  const matches = (p: Person) =>
    listed(p) &&
    (!email || p.emails.some((e) => e.toLowerCase() === email.toLowerCase())) &&
    (!displayName || p.displayName.toLowerCase().startsWith(displayName)) &&
    (!roles || p.roles.some((r) => roles.includes(r))) &&
    (!locationId || p.locationId === locationId);
  const view = { admin, presence: true, status: !excludeStatus, callingData };

  if (ids) {
    const list = ids.split(",").map((s) => s.trim()).filter(Boolean);
    if (list.length > MAX_IDS) throw new ApiError(400, `At most ${MAX_IDS} IDs may be given in the id parameter.`);
    const items: Record<string, unknown>[] = [];
    const notFoundIds: string[] = [];
    // Neither presence nor the admin fields (roles, licenses, siteUrls, locationId, extension, invitePending,
    // loginEnabled, lastModified): Webex shows those "via GET /people/{id}, not when doing a GET /people?id=".
    for (const id of list) {
      const person = store.person(id);
      if (person && person.orgId === store.org.id && listed(person)) {
        if (matches(person)) items.push(personJson(person, { ...view, admin: false, presence: false }));
      } else notFoundIds.push(id);
    }
    if (callingData) await callingDataCost(ctx, items.length);
    return { status: 200, body: { notFoundIds, items } };
  }

  if (email) {
    // Emails are unique, so this is an index lookup rather than a scan.
    const person = store.personByEmail(email);
    const items = person && person.seq > afterSeq && matches(person) ? [personJson(person, view)] : [];
    if (callingData) await callingDataCost(ctx, items.length);
    // Webex sends notFoundIds: null on every list that was not by id.
    return { status: 200, body: { notFoundIds: null, items } };
  }

  const page: Person[] = [];
  let more = false;
  store.scan(afterSeq, (p) => {
    if (!matches(p)) return true;
    if (page.length === max) {
      more = true;
      return false;
    }
    page.push(p);
    return true;
  });
  const headers: Record<string, string> = {};
  const last = page[page.length - 1];
  if (more && last) headers.Link = nextLink(ctx.req, url, "cursor", encodeCursor(last.seq));
  if (callingData) await callingDataCost(ctx, page.length);
  return { status: 200, body: { notFoundIds: null, items: page.map((p) => personJson(p, view)) }, headers };
}

export function getPerson(ctx: Ctx): Reply {
  const caller = readScope(ctx);
  const person = ctx.state.store.person(ctx.params.id ?? "");
  if (!person || person.orgId !== caller.person.orgId) throw new ApiError(404, "Person not found.");
  const callingData = boolParam(ctx.url, "callingData");
  return { status: 200, body: personJson(person, { admin: isAdminReader(caller), presence: true, status: true, callingData }) };
}

export function getMe(ctx: Ctx): Reply {
  const caller = readScope(ctx);
  const callingData = boolParam(ctx.url, "callingData");
  return { status: 200, body: personJson(caller.person, { admin: isAdminReader(caller), presence: true, status: true, callingData }) };
}
