// @vitest-environment node
import { describe, expect, it } from "vitest";
import { buildPutBody, unappliedLicenses } from "./apply-changes";

const current = {
  id: "p1",
  emails: ["a@x.example"],
  displayName: "Ann",
  nickName: "Ann",
  firstName: "Ann",
  title: "Engineer",
  department: "R&D",
  licenses: ["L1", "L2"],
  roles: ["R1"],
  phoneNumbers: [{ type: "work", value: "+1 555", primary: true }],
  addresses: [{ type: "work", country: "US" }],
  created: "2020-01-01T00:00:00.000Z",
  lastModified: "2024-01-01T00:00:00.000Z",
  status: "active",
  invitePending: false,
  loginEnabled: true,
  type: "person",
  sipAddresses: [],
  somethingNew: { kept: true },
};

describe("buildPutBody", () => {
  it("changes only the requested fields and strips read-only ones", () => {
    const body = buildPutBody(current, { title: "Manager" });
    expect(body).toEqual({
      emails: ["a@x.example"],
      displayName: "Ann",
      firstName: "Ann",
      title: "Manager",
      department: "R&D",
      licenses: ["L1", "L2"],
      roles: ["R1"],
      phoneNumbers: [{ type: "work", value: "+1 555", primary: true }],
      addresses: [{ type: "work", country: "US" }],
      loginEnabled: true,
      somethingNew: { kept: true },
    });
  });

  it("clears a field given null and does not mutate the input", () => {
    const body = buildPutBody(current, { department: null, loginEnabled: false });
    expect(body).not.toHaveProperty("department");
    expect(body.loginEnabled).toBe(false);
    expect(current.department).toBe("R&D");
  });
});

describe("unappliedLicenses", () => {
  it("lists requested licenses the person lacks afterwards", () => {
    expect(unappliedLicenses(["L1", "L3"], ["L1", "L2"])).toEqual(["L3"]);
    expect(unappliedLicenses(undefined, ["L1"])).toEqual([]);
    expect(unappliedLicenses(["L1"], undefined)).toEqual(["L1"]);
  });
});
