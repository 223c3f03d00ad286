import { randomUUID } from "node:crypto";
import { requireScope } from "./auth";
import { ApiError, type Reply } from "./http";
import { decodeId } from "./ids";
import { nextLink } from "./query";
import { callerOf, type Ctx, type EmulatorState } from "./state";
import type { Person } from "./types";

// Webex's admin audit log (GET /v1/adminAudit/events). One event per change the emulator carries out, recorded in
// ONE place (the server, after a /v1 write answered) from the write log the handlers already keep (noteWrite), so
// no write handler knows about auditing. The target's state before a PUT or DELETE is captured before the handler
// runs (`snapshotTarget`), which lets the event say which fields changed.
//
// IDs as in the spec's example: the event's `id`, `actorId` and `targetId` are standard base64 of a bare UUID
// ("MjQ4Njg2OTYtYWMwZC00ODY4…"), not the `ciscospark://us/PEOPLE/<uuid>` IDs of the People API; only the org IDs
// are in the People API's form. A client must compare people by their UUID.

export type AuditCategory = "USERS" | "LICENSES" | "ROLES";

/** What the emulator returns for /adminAudit/eventCategories: the categories it records, and a few it never does. */
export const EVENT_CATEGORIES = ["COMPLIANCE", "DEVICES", "LICENSES", "LOGINS", "LOGOUT", "ROLES", "SETTINGS", "USERS"];

export interface AdminAuditEvent {
  id: string;
  actorId: string;
  actorOrgId: string;
  created: string;
  data: {
    actorOrgName: string;
    targetName: string;
    eventDescription: string;
    actorName: string;
    actorEmail: string;
    adminRoles: string[];
    trackingId: string;
    targetType: string;
    targetId: string;
    eventCategory: string;
    actorUserAgent: string;
    actorIp: string;
    targetOrgId: string;
    actionText: string;
    targetOrgName: string;
  };
}

/** Webex caps a request at one year of events (the spec: "A maximum of one year … per request"). */
export const MAX_WINDOW_MS = 365 * 24 * 3600_000;
export const MAX_PAGE = 200;
const DEFAULT_PAGE = 100;

/** Called before a write handler runs: the target of PUT/DELETE /people/{id} as it was. */
export function snapshotTarget(ctx: Ctx): Person | undefined {
  const id = ctx.params.id;
  if (!id || ctx.req.method === "GET" || ctx.req.method === "HEAD") return undefined;
  const person = ctx.state.store.person(id);
  return person ? structuredClone(person) : undefined;
}

const FIELD_NAMES: [keyof Person, string][] = [
  ["displayName", "display name"],
  ["firstName", "first name"],
  ["lastName", "last name"],
  ["emails", "email"],
  ["title", "title"],
  ["department", "department"],
  ["manager", "manager"],
  ["managerId", "manager"],
  ["phoneNumbers", "phone numbers"],
  ["extension", "extension"],
  ["locationId", "location"],
  ["addresses", "addresses"],
  ["avatar", "avatar"],
  ["siteUrls", "site URLs"],
  ["loginEnabled", "sign-in"],
];

/** base64 of the bare UUID behind a People API ID, as the audit log names people. */
export function auditPersonId(personId: string): string {
  return Buffer.from(decodeId("PEOPLE", personId) ?? personId, "utf8").toString("base64");
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Records the admin audit events of the writes a /v1 request carried out (whatever status the client got). */
export function recordAdminAudit(ctx: Ctx, method: string, before: Person | undefined): void {
  const caller = ctx.caller;
  if (!caller) return;
  for (const write of ctx.writes ?? []) {
    if (!write.changed) continue;
    const after = ctx.state.store.person(write.personId);
    const target = after ?? before;
    const name = target ? `${target.displayName} (${target.emails[0] ?? ""})` : write.personId;
    const events: [AuditCategory, string, string][] = [];
    if (method === "POST") events.push(["USERS", "A user was created", `created user ${name}`]);
    else if (method === "DELETE") events.push(["USERS", "A user was deleted", `deleted user ${name}`]);
    else if (method === "PATCH" || !before || !after) events.push(["LICENSES", "Licenses were changed for a user", `changed the licenses of ${name}`]);
    else {
      const fields = [...new Set(FIELD_NAMES.filter(([k]) => !same(before[k], after[k])).map(([, label]) => label))];
      if (fields.length > 0) events.push(["USERS", "A user was modified", `modified ${fields.join(", ")} of user ${name}`]);
      if (!same([...before.roles].sort(), [...after.roles].sort())) {
        const names = (ids: string[]) => ids.map((id) => ctx.state.store.role(id)?.name ?? id).join(", ") || "none";
        events.push(["ROLES", "Admin roles were changed for a user", `changed the admin roles of ${name} from ${names(before.roles)} to ${names(after.roles)}`]);
      }
      if (!same([...before.licenses].sort(), [...after.licenses].sort())) {
        events.push(["LICENSES", "Licenses were changed for a user", `changed the licenses of ${name}`]);
      }
    }
    for (const [category, description, text] of events) record(ctx.state, ctx, write.personId, target, category, description, text);
  }
}

function record(state: EmulatorState, ctx: Ctx, targetId: string, target: Person | undefined, category: AuditCategory, description: string, text: string): void {
  const caller = callerOf(ctx);
  const org = state.store.org;
  const agent = ctx.req.headers["user-agent"];
  state.auditEvents.push({
    id: Buffer.from(randomUUID(), "utf8").toString("base64"),
    actorId: auditPersonId(caller.person.id),
    actorOrgId: org.id,
    created: new Date().toISOString(),
    data: {
      actorOrgName: org.displayName,
      targetName: target?.displayName ?? targetId,
      eventDescription: description,
      actorName: caller.person.displayName,
      actorEmail: caller.person.emails[0] ?? "",
      adminRoles: caller.level === "full" ? ["Full_Admin"] : ["User"],
      trackingId: ctx.trackingId,
      targetType: "TargetResourceType.USER",
      targetId: auditPersonId(targetId),
      eventCategory: `EventCategory.${category}`,
      actorUserAgent: typeof agent === "string" ? agent : "",
      actorIp: ctx.req.socket.remoteAddress ?? "",
      targetOrgId: org.id,
      actionText: `${caller.person.displayName} ${text}`,
      targetOrgName: org.displayName,
    },
  });
}

function requireAuditReader(ctx: Ctx) {
  const caller = callerOf(ctx);
  requireScope(caller, "audit:events_read");
  if (caller.level !== "full") throw new ApiError(403, "Only full administrators can read the admin audit log.");
  return caller;
}

function time(url: URL, name: string): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === "") throw new ApiError(400, `Query parameter ${name} is required.`);
  const value = Date.parse(raw);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || Number.isNaN(value)) {
    throw new ApiError(400, `Query parameter ${name} must be an ISO 8601 date and time, like 2026-01-01T13:12:11.789Z.`);
  }
  return value;
}

function intParam(url: URL, name: string, fallback: number, min: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ApiError(400, `Query parameter ${name} must be a whole number from ${min} to ${max}.`);
  }
  return value;
}

/** GET /v1/adminAudit/events: newest first, `from` ≤ created < `to`, offset paging with a Link to the next page. */
export function listAdminAuditEvents(ctx: Ctx): Reply {
  requireAuditReader(ctx);
  const { url, state } = ctx;
  const orgId = url.searchParams.get("orgId");
  if (!orgId) throw new ApiError(400, "Query parameter orgId is required.");
  if (orgId !== state.store.org.id) throw new ApiError(403, "orgId must be the caller's organization.");
  const from = time(url, "from");
  const to = time(url, "to");
  if (from >= to) throw new ApiError(400, "from must be before to.");
  if (to - from > MAX_WINDOW_MS) throw new ApiError(400, "A maximum of one year of audit events can be requested: narrow from and to.");
  const max = intParam(url, "max", DEFAULT_PAGE, 1, MAX_PAGE);
  const offset = intParam(url, "offset", 0, 0, Number.MAX_SAFE_INTEGER);
  const actor = url.searchParams.get("actorId");
  // Either form of a person's ID filters by actor.
  const actorId = actor && decodeId("PEOPLE", actor) ? auditPersonId(actor) : actor;
  const categories = (url.searchParams.get("eventCategories") ?? "")
    .split(",")
    .map((c) => c.trim())
    .filter(Boolean);
  const matching: AdminAuditEvent[] = [];
  for (let i = state.auditEvents.length - 1; i >= 0; i--) {
    const e = state.auditEvents[i]!;
    const at = Date.parse(e.created);
    if (at < from || at >= to) continue;
    if (actorId && e.actorId !== actorId) continue;
    if (categories.length > 0 && !categories.includes(e.data.eventCategory.replace(/^EventCategory\./, ""))) continue;
    matching.push(e);
  }
  const items = matching.slice(offset, offset + max);
  const headers: Record<string, string> = {};
  if (offset + max < matching.length) headers.Link = nextLink(ctx.req, url, "offset", String(offset + max));
  return { status: 200, body: { items }, headers };
}

/** GET /v1/adminAudit/eventCategories. */
export function listAdminAuditCategories(ctx: Ctx): Reply {
  requireAuditReader(ctx);
  return { status: 200, body: { eventCategories: EVENT_CATEGORIES } };
}
