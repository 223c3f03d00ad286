import { normalizePhone } from "../phone";
import { requireAdmin, requireScope, requireWriter } from "../auth";
import { ApiError, readJson, type Reply } from "../http";
import { decodeCursor, encodeCursor, maxParam, nextLink } from "../query";
import { callerOf, noteWrite, type Ctx } from "../state";
import type { Store } from "../store";
import type { License, Person } from "../types";
import { parseWith } from "../validate";
import { licenseError, type LicenseRefusal } from "./assignment";
import { patchLicensesSchema } from "./people-body";

function licenseJson(store: Store, l: License): Record<string, unknown> {
  const users = store.consumedByUsers(l.id);
  return {
    id: l.id,
    name: l.name,
    totalUnits: l.totalUnits,
    consumedUnits: users + l.consumedByWorkspaces,
    consumedByUsers: users,
    consumedByWorkspaces: l.consumedByWorkspaces,
    subscriptionId: l.subscriptionId,
    ...(l.siteUrl ? { siteUrl: l.siteUrl, siteType: l.siteType } : {}),
  };
}

function reader(ctx: Ctx) {
  const caller = callerOf(ctx);
  requireScope(caller, "spark-admin:licenses_read");
  requireAdmin(caller, "list licenses");
  return caller;
}

export function listLicenses(ctx: Ctx): Reply {
  reader(ctx);
  const orgId = ctx.url.searchParams.get("orgId");
  if (orgId && orgId !== ctx.state.store.org.id) throw new ApiError(403, "Only partner administrators may list licenses of another organization.");
  const store = ctx.state.store;
  return { status: 200, body: { items: store.licenses.map((l) => licenseJson(store, l)) } };
}

export function getLicense(ctx: Ctx): Reply {
  reader(ctx);
  const store = ctx.state.store;
  const license = store.license(ctx.params.id ?? "");
  if (!license) throw new ApiError(404, "License not found.");
  const body = licenseJson(store, license);
  const assignedTo = ctx.url.searchParams.get("includeAssignedTo");
  if (assignedTo === null) return { status: 200, body };
  if (assignedTo !== "user") throw new ApiError(400, "includeAssignedTo must be user.");
  const limit = maxParam(ctx.url, "limit", 300, 300);
  const after = decodeCursor(ctx.url.searchParams.get("next"));
  const page: Person[] = [];
  let more = false;
  store.scan(after, (p) => {
    if (!p.licenses.includes(license.id)) return true;
    if (page.length === limit) return !(more = true);
    page.push(p);
    return true;
  });
  const users = page.map((p) => ({ id: p.id, type: "INTERNAL", displayName: p.displayName, email: p.emails[0] ?? "" }));
  const last = page[page.length - 1];
  const headers: Record<string, string> = {};
  if (more && last) headers.Link = nextLink(ctx.req, ctx.url, "next", encodeCursor(last.seq));
  return { status: 200, body: { ...body, users }, headers };
}

/**
 * PATCH /licenses/users: each operation is applied on its own; 206 when only some were applied, 400 (with the
 * spec's `errorCode`) when none could be. An exhausted pool follows `licenseOverflow`: "reject" answers 400 for the
 * whole request (the seed documents) and changes nothing; "skip" goes on without the licenses that don't fit (the
 * official spec), so the answer is 206 when something else was applied.
 */
export async function patchUserLicenses(ctx: Ctx): Promise<Reply> {
  const caller = callerOf(ctx);
  requireWriter(caller, "assign licenses");
  const body = parseWith(patchLicensesSchema, await readJson(ctx.req));
  const { store, config } = ctx.state;
  if (!body.email && !body.personId) throw new ApiError(400, "Either email or personId is required.");
  const person = body.personId ? store.person(body.personId) : store.personByEmail(body.email ?? "");
  if (!person) throw new ApiError(404, "Person not found.");
  const ops = body.licenses ?? [];
  const unknown = ops.filter((l) => !store.license(l.id)).map((l) => l.id);
  if (unknown.length > 0) throw licenseError("notRecognized", unknown);
  const badLocation = ops.find((op) => op.properties?.locationId !== undefined && !store.location(op.properties.locationId));
  if (badLocation) throw new ApiError(400, "Unable to find location", {}, 400, "Unable to find location.");
  // A Calling phone number is stored as Webex stores it (E.164), read in the country of the location it is for;
  // one that is not a valid number refuses the whole request (the spec lists no errorCode for it).
  const numbers = new Map<string, string>();
  for (const op of ops) {
    const given = op.properties?.phoneNumber;
    if (!given || (op.operation ?? "add") === "remove") continue;
    const locationId = op.properties?.locationId ?? person.locationId;
    const country = (locationId ? store.location(locationId)?.address.country : undefined) ?? person.addresses[0]?.country;
    const value = normalizePhone(given, country);
    if (value === null) throw new ApiError(400, "Invalid phone number", {}, 400, `Invalid phone number "${given}" for the location's country (${country ?? "unknown"}).`);
    numbers.set(op.id, value);
  }

  // What each add would need, decided before anything changes (so "reject" leaves the person as it was).
  const refused = new Map<string, LicenseRefusal>();
  const wanted = new Map<string, number>();
  for (const op of ops) {
    const license = store.license(op.id)!;
    if ((op.operation ?? "add") === "remove" || person.licenses.includes(license.id)) continue;
    const props = op.properties ?? {};
    if (license.calling && !((props.phoneNumber || props.extension) && (props.phoneNumber || props.locationId))) {
      refused.set(license.id, "callingProperties");
      continue;
    }
    wanted.set(license.id, (wanted.get(license.id) ?? 0) + 1);
    if (store.freeUnits(license) < (wanted.get(license.id) ?? 0)) refused.set(license.id, "exhausted");
  }
  const exhausted = [...refused].filter(([, why]) => why === "exhausted").map(([id]) => id);
  if (exhausted.length > 0 && config.licenseOverflow === "reject") throw licenseError("exhausted", exhausted.map((id) => store.license(id)!.name));

  const before = [...person.licenses].sort().join(",");
  let applied = 0;
  for (const op of ops) {
    const license = store.license(op.id)!;
    const held = person.licenses.includes(license.id);
    if ((op.operation ?? "add") === "remove") {
      if (held) store.setLicenses(person, person.licenses.filter((id) => id !== license.id));
      if (license.calling && held) {
        delete person.locationId;
        delete person.extension;
        person.phoneNumbers = person.phoneNumbers.filter((n) => n.type !== "work" && n.type !== "work_extension");
      }
      applied++;
      continue;
    }
    if (held) {
      applied++;
      continue;
    }
    if (refused.has(license.id)) continue;
    const props = op.properties ?? {};
    store.setLicenses(person, [...person.licenses, license.id]);
    if (license.calling) {
      person.locationId = props.locationId ?? person.locationId ?? store.locations[0]?.id;
      if (props.extension) person.extension = props.extension;
      if (props.phoneNumber) person.phoneNumbers = [...person.phoneNumbers, { type: "work", value: numbers.get(op.id) ?? props.phoneNumber, primary: true }];
    }
    applied++;
  }
  if (refused.size > 0 && applied === 0) {
    const [first] = [...refused.values()];
    throw licenseError(first!, [...refused].filter(([, why]) => why === first).map(([id]) => store.license(id)!.name));
  }
  const changed = [...person.licenses].sort().join(",") !== before;
  noteWrite(ctx, person.id, changed);
  if (changed) person.lastModified = new Date().toISOString();
  return {
    status: refused.size > 0 ? 206 : 200,
    body: { orgId: person.orgId, personId: person.id, email: person.emails[0] ?? "", licenses: person.licenses, siteUrls: [] },
  };
}
