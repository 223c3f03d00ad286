import { describe, expect, it } from "vitest";
import { changesHref, parseChangesView, serializeChangesView } from "./changes-view";

describe("the /changes URL view", () => {
  it("round-trips every filter", () => {
    const view = { kind: "changed" as const, field: "title" as const, q: "ada", from: "2026-12-01", to: "2026-12-02", person: "P1" };
    expect(parseChangesView(new URLSearchParams(serializeChangesView(view)))).toEqual(view);
  });

  it("drops what the API would refuse, and never throws", () => {
    expect(parseChangesView(new URLSearchParams("kind=renamed&field=status&from=yesterday&q=%00x"))).toEqual({});
    expect(parseChangesView(new URLSearchParams("from=2026-12-02&to=2026-12-01"))).toEqual({ from: "2026-12-02" });
  });

  it("links to one day", () => {
    expect(changesHref({ from: "2026-12-02", to: "2026-12-02" })).toBe("/changes?from=2026-12-02&to=2026-12-02");
  });
});

import { dayIn } from "./changes-view";
describe("dayIn", () => {
  it("is the day in the given zone", () => {
    const at = Date.parse("2026-12-02T23:30:00Z");
    expect(dayIn("UTC", at)).toBe("2026-12-02");
    expect(dayIn("Europe/Berlin", at)).toBe("2026-12-03");
    expect(dayIn("America/Los_Angeles", at)).toBe("2026-12-02");
  });
});
