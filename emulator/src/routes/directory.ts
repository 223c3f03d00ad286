import { requireAdmin, requireScope } from "../auth";
import { ApiError, type Reply } from "../http";
import { decodeCursor, encodeCursor, maxParam, nextLink } from "../query";
import { callerOf, type Ctx } from "../state";
import type { Location } from "../types";

// Roles, organizations and locations: small, fixed collections of the seeded org.
function admin(ctx: Ctx, scopes: string[], what: string) {
  const caller = callerOf(ctx);
  requireScope(caller, ...scopes);
  requireAdmin(caller, what);
  return caller;
}

export function listRoles(ctx: Ctx): Reply {
  admin(ctx, ["spark-admin:roles_read"], "list roles");
  return { status: 200, body: { items: ctx.state.store.roles.map((r) => ({ id: r.id, name: r.name })) } };
}

export function getRole(ctx: Ctx): Reply {
  admin(ctx, ["spark-admin:roles_read"], "read roles");
  const role = ctx.state.store.role(ctx.params.id ?? "");
  if (!role) throw new ApiError(404, "Role not found.");
  return { status: 200, body: { id: role.id, name: role.name } };
}

const orgJson = (ctx: Ctx) => {
  const org = ctx.state.store.org;
  return { id: org.id, displayName: org.displayName, created: org.created };
};

export function listOrganizations(ctx: Ctx): Reply {
  admin(ctx, ["spark-admin:organizations_read"], "list organizations");
  return { status: 200, body: { items: [orgJson(ctx)] } };
}

export function getOrganization(ctx: Ctx): Reply {
  admin(ctx, ["spark-admin:organizations_read"], "read organizations");
  if (ctx.params.id !== ctx.state.store.org.id) throw new ApiError(404, "Organization not found.");
  return { status: 200, body: orgJson(ctx) };
}

const LOCATION_SCOPES = ["spark-admin:locations_read", "spark-admin:people_read", "spark-admin:devices_read"];

function locationJson(l: Location): Location {
  return { ...l, address: { ...l.address } };
}

export function listLocations(ctx: Ctx): Reply {
  admin(ctx, LOCATION_SCOPES, "list locations");
  const q = ctx.url.searchParams;
  const name = q.get("name")?.toLowerCase();
  const id = q.get("id");
  const max = maxParam(ctx.url, "max", 500, 1000);
  // Locations never change, so their position in the list is a stable cursor.
  const start = decodeCursor(q.get("cursor"));
  const all = ctx.state.store.locations.filter((l) => (!name || l.name.toLowerCase().includes(name)) && (!id || l.id === id));
  const page = all.slice(start, start + max);
  const headers: Record<string, string> = {};
  if (start + max < all.length) headers.Link = nextLink(ctx.req, ctx.url, "cursor", encodeCursor(start + max));
  return { status: 200, body: { items: page.map(locationJson) }, headers };
}

export function getLocation(ctx: Ctx): Reply {
  admin(ctx, LOCATION_SCOPES, "read locations");
  const location = ctx.state.store.location(ctx.params.id ?? "");
  if (!location) throw new ApiError(404, "Location not found.");
  return { status: 200, body: locationJson(location) };
}
