import { describe, expect, it } from "vitest";
import { SKIP, countReasons, planItem, type PlanPerson } from "./plan";

const me = "ME";
const person = (over: Partial<PlanPerson> = {}): PlanPerson => ({ id: "P1", type: "person", licenses: ["L1"], roles: [], loginEnabled: true, ...over });

describe("planItem", () => {
  it("license add: before → after, or skipped when held, for Calling, and for bots", () => {
    expect(planItem(person(), { action: "license-add", licenseId: "L2", actorId: me })).toEqual({
      state: "pending",
      licenseIds: ["L2"],
      changes: [{ field: "licenses", before: ["L1"], after: ["L1", "L2"] }],
    });
    expect(planItem(person(), { action: "license-add", licenseId: "L1", actorId: me })).toEqual({ state: "skipped", reason: SKIP.hasLicense });
    expect(planItem(person(), { action: "license-add", licenseId: "L9", actorId: me, licenseIsCalling: true })).toEqual({ state: "skipped", reason: SKIP.calling });
    expect(planItem(person({ type: "bot" }), { action: "license-add", licenseId: "L2", actorId: me })).toEqual({ state: "skipped", reason: SKIP.notPerson });
  });

  it("license remove only from holders", () => {
    expect(planItem(person(), { action: "license-remove", licenseId: "L1", actorId: me })).toMatchObject({ state: "pending", changes: [{ before: ["L1"], after: [] }] });
    expect(planItem(person(), { action: "license-remove", licenseId: "L2", actorId: me })).toEqual({ state: "skipped", reason: SKIP.lacksLicense });
  });

  it("roles: add and remove, never your own removed", () => {
    expect(planItem(person(), { action: "role-add", roleId: "R", actorId: me })).toMatchObject({ state: "pending", changes: [{ field: "roles", before: [], after: ["R"] }] });
    expect(planItem(person({ roles: ["R"] }), { action: "role-add", roleId: "R", actorId: me })).toEqual({ state: "skipped", reason: SKIP.hasRole });
    expect(planItem(person({ roles: ["R"] }), { action: "role-remove", roleId: "R", actorId: me })).toMatchObject({ state: "pending" });
    expect(planItem(person({ id: me, roles: ["R"] }), { action: "role-remove", roleId: "R", actorId: me })).toEqual({ state: "skipped", reason: SKIP.self });
    expect(planItem(person(), { action: "role-remove", roleId: "R", actorId: me })).toEqual({ state: "skipped", reason: SKIP.lacksRole });
  });

  it("sign-in: deactivate the active (never yourself), reactivate the deactivated", () => {
    expect(planItem(person(), { action: "deactivate", actorId: me })).toMatchObject({ state: "pending", changes: [{ field: "loginEnabled", before: true, after: false }] });
    expect(planItem(person({ loginEnabled: false }), { action: "deactivate", actorId: me })).toEqual({ state: "skipped", reason: SKIP.deactivated });
    expect(planItem(person({ id: me }), { action: "deactivate", actorId: me })).toEqual({ state: "skipped", reason: SKIP.self });
    expect(planItem(person({ loginEnabled: false }), { action: "reactivate", actorId: me })).toMatchObject({ state: "pending" });
    expect(planItem(person(), { action: "reactivate", actorId: me })).toEqual({ state: "skipped", reason: SKIP.active });
  });

  it("delete never yourself; resend only to invite-pending people", () => {
    expect(planItem(person(), { action: "delete", actorId: me })).toEqual({ state: "pending", changes: [] });
    expect(planItem(person({ id: me }), { action: "delete", actorId: me })).toEqual({ state: "skipped", reason: SKIP.self });
    expect(planItem(person({ invitePending: true }), { action: "resend-invites", actorId: me })).toEqual({ state: "pending", changes: [] });
    expect(planItem(person({ invitePending: false }), { action: "resend-invites", actorId: me })).toEqual({ state: "skipped", reason: SKIP.notPending });
  });
});

describe("countReasons", () => {
  it("groups and sorts by count", () => {
    expect(countReasons(["b", "a", "b", "c", "b", "a"])).toEqual([
      { reason: "b", count: 3 },
      { reason: "a", count: 2 },
      { reason: "c", count: 1 },
    ]);
  });
});
