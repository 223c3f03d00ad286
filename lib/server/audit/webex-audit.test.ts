import { describe, expect, it } from "vitest";
import { auditActionOf, peopleIdFromAudit, webexAuditPermit } from "./webex-audit";

const b64url = (s: string) => Buffer.from(s, "utf8").toString("base64url");
const UUID = "24868696-ac0d-4868-bd21-de1d7838c97f";
const ORG_US = b64url("ciscospark://us/ORGANIZATION/96abc2aa-3dcc-11e5-a152-fe34819cdc9a");
const ORG_EU = b64url("ciscospark://eu/ORGANIZATION/96abc2aa-3dcc-11e5-a152-fe34819cdc9a");
const role = (code: string) => b64url(`ciscospark://us/ROLE/${code}`);

describe("peopleIdFromAudit", () => {
  it("turns the audit log's base64 UUID (the spec's example actorId) into the People API ID, in the org's region", () => {
    expect(peopleIdFromAudit("MjQ4Njg2OTYtYWMwZC00ODY4LWJkMjEtZGUxZDc4MzhjOTdm", ORG_US)).toBe(b64url(`ciscospark://us/PEOPLE/${UUID}`));
    expect(peopleIdFromAudit(Buffer.from(UUID).toString("base64"), ORG_EU)).toBe(b64url(`ciscospark://eu/PEOPLE/${UUID}`));
    expect(peopleIdFromAudit(UUID.toUpperCase(), ORG_US)).toBe(b64url(`ciscospark://us/PEOPLE/${UUID}`));
  });

  it("keeps a People API ID or anything it cannot read as it is", () => {
    const peopleId = b64url(`ciscospark://us/PEOPLE/${UUID}`);
    expect(peopleIdFromAudit(peopleId, ORG_US)).toBe(peopleId);
    expect(peopleIdFromAudit("not-an-id", ORG_US)).toBe("not-an-id");
    expect(peopleIdFromAudit(undefined, ORG_US)).toBeNull();
  });
});

describe("auditActionOf", () => {
  const ev = (eventCategory: string, eventDescription: string, actionText = "") => ({ id: "x", created: "", data: { eventCategory, eventDescription, actionText } });
  it("files Webex's events under Roster's actions", () => {
    expect(auditActionOf(ev("EventCategory.USERS", "A user was created"))).toBe("person.create");
    expect(auditActionOf(ev("EventCategory.USERS", "A user was deleted"))).toBe("person.delete");
    expect(auditActionOf(ev("EventCategory.USERS", "A user was modified", "Hal modified title of user X"))).toBe("person.update");
    expect(auditActionOf(ev("EventCategory.LICENSES", "Licenses were changed for a user"))).toBe("person.licenses");
    expect(auditActionOf(ev("EventCategory.ROLES", "Admin roles were changed for a user"))).toBe("person.update");
    expect(auditActionOf(ev("USERS", "User deactivated"))).toBe("person.deactivate");
  });
});

describe("webexAuditPermit", () => {
  const all = ["spark-admin:people_read", "audit:events_read"];
  it("only a full administrator whose session has audit:events_read (or unknown scopes)", () => {
    expect(webexAuditPermit({ roles: [role("id_full_admin")], scopes: all })).toEqual({ ok: true });
    expect(webexAuditPermit({ roles: [role("id_full_admin")], scopes: [] })).toEqual({ ok: true });
    expect(webexAuditPermit({ roles: [role("id_user_admin")], scopes: all })).toMatchObject({ ok: false, reason: expect.stringMatching(/only to full administrators/) });
    expect(webexAuditPermit({ roles: [role("id_readonly_admin")], scopes: all })).toMatchObject({ ok: false });
    expect(webexAuditPermit({ roles: [role("id_full_admin")], scopes: ["spark-admin:people_read"] })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/audit:events_read.*sign in again/i),
    });
  });
});
