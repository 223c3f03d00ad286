// @vitest-environment node
import { describe, expect, it } from "vitest";
import { accessFromRoles, humaniseRoleCode, roleCode } from "./roles";

const id = (code: string) => Buffer.from(`ciscospark://us/ROLE/${code}`).toString("base64url");

describe("roles", () => {
  it("decodes role IDs to their codes", () => {
    expect(roleCode(id("id_full_admin"))).toBe("id_full_admin");
    expect(roleCode("not-an-id")).toBe("not-an-id");
    expect(roleCode(Buffer.from("ciscospark://us/PEOPLE/x").toString("base64url"))).not.toBe("x");
  });

  it("humanises codes when GET /roles is not allowed", () => {
    expect(humaniseRoleCode("id_readonly_admin")).toBe("Read-only Administrator");
    expect(humaniseRoleCode("id_compliance_officer")).toBe("Compliance Officer");
    expect(humaniseRoleCode("id_partner_admin")).toBe("Partner Administrator");
  });

  it("derives isAdmin and canWrite", () => {
    expect(accessFromRoles([id("id_full_admin")])).toEqual({ isAdmin: true, canWrite: true });
    expect(accessFromRoles([id("id_user_admin")])).toEqual({ isAdmin: true, canWrite: true });
    expect(accessFromRoles([id("id_readonly_admin")])).toEqual({ isAdmin: true, canWrite: false });
    expect(accessFromRoles([id("id_device_admin")])).toEqual({ isAdmin: true, canWrite: false });
    expect(accessFromRoles([id("id_compliance_officer")])).toEqual({ isAdmin: false, canWrite: false });
    expect(accessFromRoles([])).toEqual({ isAdmin: false, canWrite: false });
  });
});
