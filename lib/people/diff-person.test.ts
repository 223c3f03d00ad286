// @vitest-environment node
import { describe, expect, it } from "vitest";
import { changesBetween, diffPerson, originalFor, setDiff } from "./diff-person";
import { callingProblems, exhaustedAdditions, isCallingLicense, remainingUnits } from "./capacity";
import { onboardingFormSchema, personPatchBodySchema } from "./schemas";

const person = { id: "p", displayName: "Ann Lee", title: "Engineer", licenses: ["L1", "L2"], roles: [], department: undefined };

describe("changesBetween", () => {
  it("sends only what changed; emptied fields become null; order of IDs does not count", () => {
    expect(changesBetween(person, { displayName: "Ann Lee", title: "Lead", licenses: ["L2", "L1"], department: "" })).toEqual({ title: "Lead" });
    expect(changesBetween(person, { title: "" })).toEqual({ title: null });
    expect(changesBetween(person, { displayName: "Ann Lee" })).toEqual({});
    expect(originalFor(person, { title: "Lead", department: "X" })).toEqual({ title: "Engineer", department: null });
  });
  it("diffPerson and setDiff", () => {
    expect(diffPerson(person, { ...person, title: "Lead" })).toEqual([{ field: "title", before: "Engineer", after: "Lead" }]);
    expect(setDiff(["a", "b"], ["b", "c"])).toEqual({ added: ["c"], removed: ["a"] });
  });
});

describe("capacity and Calling rules", () => {
  const calling = { id: Buffer.from("ciscospark://us/LICENSE/org:BCSTD_1").toString("base64url"), name: "Basic", totalUnits: 5, consumedUnits: 5 };
  const msg = { id: "MSG", name: "Messaging", totalUnits: 10, consumedUnits: 3 };
  it("remaining units; exhausted additions ignore licenses already held", () => {
    expect(remainingUnits(msg)).toBe(7);
    expect(remainingUnits({ id: "x" })).toBeNull();
    expect(exhaustedAdditions([calling, msg], [], [calling.id, "MSG"]).map((l) => l.name)).toEqual(["Basic"]);
    expect(exhaustedAdditions([calling, msg], [calling.id], [calling.id])).toEqual([]);
  });
  it("Calling needs extension/number and location; location without Calling is refused", () => {
    expect(isCallingLicense(calling)).toBe(true);
    expect(isCallingLicense(msg)).toBe(false);
    expect(Object.keys(callingProblems({ licenses: [calling.id] }, [calling]))).toEqual(["extension", "locationId"]);
    expect(callingProblems({ licenses: [calling.id], extension: "12", locationId: "L" }, [calling])).toEqual({});
    expect(Object.keys(callingProblems({ licenses: [], locationId: "L" }, [calling]))).toEqual(["locationId"]);
  });
});

describe("schemas", () => {
  it("onboarding: invalid email, 10,000-character names, missing names each get a field message", () => {
    const r = onboardingFormSchema.safeParse({
      email: "not-an-email", firstName: "x".repeat(10_000), lastName: "", displayName: "", department: "", title: "", manager: "",
      managerId: "", extension: "", locationId: "", phoneNumbers: [], addresses: [], licenses: [], roles: [],
    });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["email", "firstName"]));
  });
  it("PATCH body: original keys must be writable fields", () => {
    expect(personPatchBodySchema.safeParse({ changes: { title: "x" }, original: { title: "y" } }).success).toBe(true);
    expect(personPatchBodySchema.safeParse({ changes: { title: "x" }, original: { status: "y" } }).success).toBe(false);
  });
});
