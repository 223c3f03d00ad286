import { describe, expect, it } from "vitest";
import { EMPTY_ONBOARDING, accessFrom, firstEmptyField, keepForAnother } from "./onboarding";

const filled = {
  ...EMPTY_ONBOARDING,
  email: "new.hire@acme.example",
  firstName: "New",
  lastName: "Hire",
  displayName: "New Hire",
  department: "Finance",
  title: "Analyst",
  manager: "Ada Lovelace",
  managerId: "Y2lzY29zcGFyazovL3VzL1BFT1BMRS9hZGE",
  extension: "4411",
  locationId: "Y2lzY29zcGFyazovL3VzL0xPQ0FUSU9OL2hx",
  phoneNumbers: [{ type: "mobile" as const, value: "+1 555 0100" }],
  addresses: [{ type: "work", streetAddress: "1 Main St", locality: "Oslo", region: "", postalCode: "0150", country: "NO" }],
  licenses: ["L1", "L2"],
  roles: ["R1"],
};

describe("Add another like this", () => {
  it("keeps licenses, location, department and manager; clears the personal fields and admin roles", () => {
    expect(keepForAnother(filled)).toEqual({
      ...EMPTY_ONBOARDING,
      licenses: ["L1", "L2"],
      locationId: filled.locationId,
      department: "Finance",
      manager: "Ada Lovelace",
      managerId: filled.managerId,
    });
  });

  it("focus goes to the first empty field: the email", () => {
    expect(firstEmptyField(keepForAnother(filled))).toBe("email");
    expect(firstEmptyField({ ...filled, lastName: "  " })).toBe("lastName");
    expect(firstEmptyField(filled)).toBeNull();
  });
});

describe("Copy access from an existing person", () => {
  it("takes the person's licenses and roles that the organization's lists hold, and names the rest", () => {
    expect(accessFrom({ licenses: ["L1", "L9", "L1"], roles: ["R2", "R7"] }, { licenses: ["L1", "L2"], roles: ["R1", "R2"] })).toEqual({
      licenses: ["L1"],
      roles: ["R2"],
      skippedLicenses: ["L9"],
      skippedRoles: ["R7"],
    });
    expect(accessFrom({}, { licenses: ["L1"], roles: [] })).toEqual({ licenses: [], roles: [], skippedLicenses: [], skippedRoles: [] });
  });
});
