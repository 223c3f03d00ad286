import { describe, expect, it } from "vitest";
import { initials, personName, resolveNames, statusInfo, toLookup } from "./person";

describe("person helpers", () => {
  it("labels every Webex status in words", () => {
    for (const s of ["active", "call", "DoNotDisturb", "inactive", "meeting", "OutOfOffice", "pending", "presenting", "unknown"]) {
      expect(statusInfo(s).label).not.toBe(s === "active" ? "" : s);
    }
    expect(statusInfo("DoNotDisturb")).toMatchObject({ label: "Do not disturb", tone: "red" });
    expect(statusInfo("somethingNew").label).toBe("somethingNew");
  });

  it("names people sensibly when fields are missing", () => {
    expect(personName({ id: "1", displayName: "Ada" })).toBe("Ada");
    expect(personName({ id: "1", firstName: "Ada", lastName: "L" })).toBe("Ada L");
    expect(personName({ id: "1", emails: ["a@b.c"] })).toBe("a@b.c");
    expect(initials("Ada Lovelace")).toBe("AL");
  });

  it("resolves IDs to names and says when one is unknown", () => {
    const lookup = toLookup([{ id: "A", name: "Meetings" }, { id: "B" }]);
    expect(resolveNames(["A", "B", "C"], lookup)).toEqual(["Meetings", "Unnamed", "Unknown (not in your organization's list)"]);
  });
});
