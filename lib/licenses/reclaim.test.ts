import { describe, expect, it } from "vitest";
import { applyCriteria, reclaimReasons, toCandidate, unitsByLicense } from "./reclaim";
import { csvCell, toCsv } from "@/lib/csv";

const NOW = Date.UTC(2026, 10, 26);
const daysAgo = (d: number) => new Date(NOW - d * 86_400_000).toISOString();
const C = { inviteDays: 30, inactiveDays: 90 };

describe("reclaimReasons", () => {
  const base = { loginEnabled: true, invitePending: false, created: daysAgo(400), lastActivity: daysAgo(1) };
  it("active people are not candidates", () => expect(reclaimReasons(base, C, NOW)).toEqual([]));
  it("deactivated", () => expect(reclaimReasons({ ...base, loginEnabled: false }, C, NOW)).toEqual(["deactivated"]));
  it("invite pending only after N days", () => {
    expect(reclaimReasons({ ...base, invitePending: true, created: daysAgo(10), lastActivity: null }, C, NOW)).toEqual([]);
    expect(reclaimReasons({ ...base, invitePending: true, created: daysAgo(31), lastActivity: null }, C, NOW)).toEqual(["invite-pending"]);
  });
  it("inactive after N days, counting from creation without activity", () => {
    expect(reclaimReasons({ ...base, lastActivity: daysAgo(91) }, C, NOW)).toEqual(["inactive"]);
    expect(reclaimReasons({ ...base, lastActivity: daysAgo(89) }, C, NOW)).toEqual([]);
    expect(reclaimReasons({ ...base, lastActivity: null, created: daysAgo(100) }, C, NOW)).toEqual(["inactive"]);
  });
});

describe("toCandidate / applyCriteria / unitsByLicense", () => {
  it("keeps licensed people idle at least 30 days, and N filters later", () => {
    const a = toCandidate({ id: "a", licenses: ["L1", "L2"], lastActivity: daysAgo(40), created: daysAgo(400) }, NOW)!;
    const b = toCandidate({ id: "b", licenses: ["L1"], loginEnabled: false, lastActivity: daysAgo(1) }, NOW)!;
    expect(toCandidate({ id: "c", licenses: [], loginEnabled: false }, NOW)).toBeNull();
    expect(toCandidate({ id: "d", licenses: ["L1"], lastActivity: daysAgo(2), created: daysAgo(400) }, NOW)).toBeNull();
    expect(toCandidate({ id: "e", type: "bot", licenses: ["L1"], loginEnabled: false }, NOW)).toBeNull();
    expect(applyCriteria([a, b], C, NOW).map((r) => r.id)).toEqual(["b"]);
    const loose = applyCriteria([a, b], { inviteDays: 30, inactiveDays: 30 }, NOW);
    expect(loose.map((r) => r.id)).toEqual(["a", "b"]);
    expect(Object.fromEntries(unitsByLicense(loose))).toEqual({ L1: 2, L2: 1 });
  });
});

describe("csv", () => {
  it("quotes and defuses formulas", () => {
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell("=HYPERLINK()")).toBe("'=HYPERLINK()");
    expect(csvCell(-3)).toBe("-3");
    expect(toCsv(["h1", "h2"], [[1, null]])).toBe("h1,h2\r\n1,\r\n");
  });
});
