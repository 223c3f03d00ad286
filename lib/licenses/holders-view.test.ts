import { describe, expect, it } from "vitest";
import { filterNavigation } from "@/lib/url-view";
import { DEFAULT_HOLDERS_VIEW, parseHoldersView, serializeHoldersView, type HoldersView } from "./holders-view";

const roundTrip = (view: HoldersView) => parseHoldersView(new URLSearchParams(serializeHoldersView(view).slice(1)));

describe("a license's holders list in the URL", () => {
  it("round-trips the filter text, sort and page, and leaves defaults out", () => {
    const view: HoldersView = { q: "Ann O'Neil & co ", sort: "lastActivity", page: 3 };
    expect(serializeHoldersView(view)).toBe("?q=Ann+O%27Neil+%26+co+&sort=lastActivity&page=3");
    expect(roundTrip(view)).toEqual(view);
    expect(roundTrip({ q: "", sort: "email", page: 1 })).toEqual({ q: "", sort: "email", page: 1 });
    expect(serializeHoldersView(DEFAULT_HOLDERS_VIEW)).toBe("");
    expect(parseHoldersView({})).toEqual(DEFAULT_HOLDERS_VIEW);
  });

  it("unknown sorts and bad pages fall back to the defaults, odd text is tamed, without errors", () => {
    expect(parseHoldersView({ sort: "salary", page: "0" })).toEqual(DEFAULT_HOLDERS_VIEW);
    for (const page of ["-2", "2.5", "two", "1e3", "9999999", ""]) expect(parseHoldersView({ page }).page).toBe(1);
    expect(parseHoldersView({ q: "x".repeat(500) }).q).toBe("x".repeat(200));
    expect(parseHoldersView({ q: "a\u0000b\tc" }).q).toBe("a b c");
    expect(parseHoldersView(new URLSearchParams("sort=email&sort=nope")).sort).toBe("name"); // the last one counts
    expect(() => parseHoldersView(new URLSearchParams("q=%E0%A4%A&page=%"))).not.toThrow();
  });

  it("refining a filter replaces the history entry; starting one is a new step", () => {
    expect(filterNavigation("", "a")).toBe("push");
    expect(filterNavigation("an", "ann")).toBe("replace");
    expect(filterNavigation("ann", "an")).toBe("replace");
    expect(filterNavigation("ann", "bob")).toBe("push");
    expect(filterNavigation("ann", "")).toBe("push"); // clearing it is a Back step, as in the people grid
  });
});
