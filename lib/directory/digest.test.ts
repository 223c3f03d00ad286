import { describe, expect, it } from "vitest";
import { digestCsv, digestMarkdown, levelCrossings, mdText, type Digest, type LicenseSnapshot } from "./digest";

const T = Date.parse("2026-03-10T00:00:00Z");
const snap = (licenseId: string, hour: number, consumed: number, total = 100): LicenseSnapshot => ({ licenseId, name: `License ${licenseId}`, at: T + hour * 3_600_000, total, consumed });

describe("levelCrossings", () => {
  it("lists each change of level within the day, from the last level before it, both ways", () => {
    const out = levelCrossings([snap("A", -2, 70)], [snap("A", 9, 79), snap("A", 10, 81), snap("A", 15, 96), snap("A", 18, 60)]);
    expect(out.map((x) => [x.from, x.to, x.direction, x.consumed])).toEqual([
      ["ok", "warning", "up", 81],
      ["warning", "critical", "up", 96],
      ["critical", "ok", "down", 60],
    ]);
  });

  it("without a snapshot before the day, the day's first sets the level (no crossing); unknown pools are left out", () => {
    expect(levelCrossings([], [snap("B", 1, 90), snap("B", 2, 91)])).toEqual([]);
    expect(levelCrossings([snap("C", -1, 0, 0)], [snap("C", 3, 5, 10)])).toEqual([]);
  });
});

describe("the digest file", () => {
  const digest: Digest = {
    date: "2026-03-10",
    truncated: false,
    licenseNames: new Map([["L1", "Messaging"]]),
    crossings: levelCrossings([snap("L1", -1, 70)], [snap("L1", 12, 100)]),
    changes: [
      { seenAt: T + 9 * 3_600_000, email: "ann@acme.example", displayName: "Ann | *Admin*", kind: "changed", field: "licenses", before: [], after: ["L1"], actor: "Bob (bob@acme.example)", reverted: false },
      { seenAt: T + 10 * 3_600_000, email: "new@acme.example", displayName: "=HYPERLINK(1)", kind: "added", field: null, before: null, after: null, actor: null, reverted: false },
      { seenAt: T + 11 * 3_600_000, email: "gone@acme.example", displayName: "Gone", kind: "removed", field: null, before: null, after: null, actor: null, reverted: false },
    ],
  };

  it("Markdown: counts by kind, one row per change (license names, Webex text escaped), the pool crossings", () => {
    const md = digestMarkdown(digest);
    expect(md).toContain("# Roster daily digest — 2026-03-10 (UTC)");
    expect(md).toContain("1 person added, 1 person removed, 1 field changed.");
    expect(md).toContain("| 09:00 | Ann \\| \\*Admin\\* (ann@acme.example) | licenses | none | Messaging | Bob (bob@acme.example) |");
    expect(md).toContain("| 12:00 | License L1 | OK → Exhausted | 100 of 100 |");
  });

  it("an empty day says so", () => {
    const md = digestMarkdown({ ...digest, changes: [], crossings: [] });
    expect(md).toContain("No changes were seen that day.");
    expect(md).toContain("No pool changed capacity level that day");
  });

  it("CSV: a row per change then per crossing, formulas neutralised", () => {
    const lines = digestCsv(digest).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines).toHaveLength(1 + 3 + 1);
    expect(lines[2]).toContain("'=HYPERLINK(1)");
    expect(lines[4]).toBe("license,2026-03-10T12:00:00.000Z,License L1,L1,capacity level,OK,Exhausted (100 of 100),,");
  });

  it("mdText keeps Webex text out of the markup", () => {
    expect(mdText("a|b\nc [x](y)")).toBe("a\\|b c \\[x\\](y)");
  });
});
