import { isAdminReader, requireScope } from "../auth";
import { ApiError, type Reply } from "../http";
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

export function listPeople(ctx: Ctx): Reply {
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
    for (const id of list) {
      const person = store.person(id);
      if (person && person.orgId === store.org.id && listed(person)) {
        if (matches(person)) items.push(personJson(person, { ...view, presence: false }));
      } else notFoundIds.push(id);
    }
    return { status: 200, body: { items, notFoundIds } };
  }

  if (email) {
    // Emails are unique, so this is an index lookup rather than a scan.
    const person = store.personByEmail(email);
    const items = person && person.seq > afterSeq && matches(person) ? [personJson(person, view)] : [];
    return { status: 200, body: { items } };
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
  return { status: 200, body: { items: page.map((p) => personJson(p, view)) }, headers };
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
