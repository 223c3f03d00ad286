import { describe, expect, it } from "vitest";
import { changesCsvCells } from "./changes-csv";
import { changesQuerySchema, notRevertableReason, revertAuditEdit, revertEdit, type ChangeItem } from "./changes";

const changed = (field: ChangeItem["field"], before: ChangeItem["before"], after: ChangeItem["after"]) => ({ kind: "changed" as const, field, before, after });

describe("Undo of a feed row", () => {
  it("sends the before-value as the change and the after-value as original", () => {
    expect(revertEdit(changed("title", "Engineer", "Lead"))).toEqual({ changes: { title: "Engineer" }, original: { title: "Lead" } });
    expect(revertEdit(changed("email", "a@x.example", "b@x.example"))).toEqual({ changes: { emails: ["a@x.example"] }, original: { emails: ["b@x.example"] } });
    expect(revertEdit(changed("licenses", ["L1"], ["L1", "L2"]))).toEqual({ changes: { licenses: ["L1"] }, original: { licenses: ["L1", "L2"] } });
    expect(revertEdit(changed("loginEnabled", true, false))).toEqual({ changes: { loginEnabled: true }, original: { loginEnabled: false } });
  });

  it("clears a field that was empty before", () => {
    expect(revertEdit(changed("department", null, "Sales"))).toEqual({ changes: { department: null }, original: { department: "Sales" } });
    expect(revertEdit(changed("roles", [], ["R1"]))).toEqual({ changes: { roles: [] }, original: { roles: ["R1"] } });
  });

  it("says why added, removed, Webex-set, blank-required and undone rows cannot be reverted", () => {
    expect(notRevertableReason({ kind: "added", field: null, before: null, after: null })).toMatch(/delete them/);
    expect(notRevertableReason({ kind: "removed", field: null, before: null, after: null })).toMatch(/cannot be restored through the Webex API/);
    expect(notRevertableReason(changed("invitePending", true, false))).toMatch(/Webex sets this itself/);
    expect(notRevertableReason(changed("displayName", "", "Ada"))).toMatch(/display name/);
    expect(notRevertableReason({ ...changed("title", "a", "b"), revertedAt: "2026-12-01T00:00:00Z" })).toBe("Already undone.");
    expect(revertEdit({ kind: "removed", field: null, before: null, after: null })).toBeNull();
    expect(notRevertableReason(changed("title", "a", "b"))).toBeNull();
  });
});

describe("Undo of Roster's own change", () => {
  it("restores every changed field, with its after-values as original", () => {
    expect(
      revertAuditEdit({
        action: "person.update",
        outcome: "ok",
        changes: [
          { field: "title", before: "Engineer", after: "Lead" },
          { field: "department", before: null, after: "R&D" },
        ],
      }),
    ).toEqual({ ok: true, changes: { title: "Engineer", department: null }, original: { title: "Lead", department: "R&D" } });
  });

  it("refuses creations, deletions, failed rows and rows without fields, saying why", () => {
    expect(revertAuditEdit({ action: "person.create", outcome: "ok", changes: [] })).toMatchObject({ ok: false });
    expect(revertAuditEdit({ action: "person.delete", outcome: "ok", changes: [] })).toMatchObject({ ok: false, reason: expect.stringMatching(/cannot be restored/) });
    expect(revertAuditEdit({ action: "person.update", outcome: "error", changes: [{ field: "title", before: "a", after: "b" }] })).toMatchObject({ ok: false });
    expect(revertAuditEdit({ action: "person.update", outcome: "ok", changes: [] })).toMatchObject({ ok: false });
  });
});

describe("the feed's query and CSV", () => {
  it("validates filters and the keyset cursor", () => {
    expect(changesQuerySchema.safeParse({ kind: "changed", field: "title", cursor: "1764700000000000-12", limit: "10" }).success).toBe(true);
    expect(changesQuerySchema.safeParse({ kind: "renamed" }).success).toBe(false);
    expect(changesQuerySchema.safeParse({ field: "status" }).success).toBe(false);
    expect(changesQuerySchema.safeParse({ cursor: "12" }).success).toBe(false);
    expect(changesQuerySchema.safeParse({ from: "2026-02-01", to: "2026-01-01" }).success).toBe(false);
  });

  it("writes a row's values as stored, lists joined, times in UTC", () => {
    const item: ChangeItem = {
      id: "7",
      kind: "changed",
      personId: "P1",
      email: "ada@acme.example",
      displayName: "Ada",
      field: "licenses",
      before: ["L1"],
      after: ["L1", "L2"],
      seenFrom: "2026-12-01T10:00:00+01:00",
      seenTo: "2026-12-01T11:00:00Z",
      actor: { name: "Hal", email: "hal@acme.example", source: "webex" },
      revertedAt: null,
      revertedBy: null,
      notRevertable: null,
    };
    expect(changesCsvCells(item)).toEqual([
      "2026-12-01T11:00:00.000Z",
      "2026-12-01T09:00:00.000Z",
      "7",
      "Changed",
      "Ada",
      "ada@acme.example",
      "P1",
      "Licenses",
      "L1",
      "L1; L2",
      "hal@acme.example",
      "Webex admin audit log",
      "",
      "",
    ]);
  });
});
