import { describe, expect, it } from "vitest";
import { createViewSchema, normalizeViewQuery, sameViewQuery, updateViewSchema, VIEW_QUERY_MAX } from "./saved-views";

describe("normalizeViewQuery", () => {
  it("keeps the grid's parameters, sorted, without the leading ?", () => {
    expect(normalizeViewQuery("?size=50&q=ada")).toEqual({ ok: true, query: "q=ada&size=50" });
    expect(normalizeViewQuery("")).toEqual({ ok: true, query: "" });
  });

  it("accepts parameter names it does not know yet (facets added to the grid later)", () => {
    expect(normalizeViewQuery("hasLicense=abc&inactiveDays=90&status=active")).toEqual({ ok: true, query: "hasLicense=abc&inactiveDays=90&status=active" });
  });

  it("drops paging: a view is filters, sort and columns, not a position", () => {
    expect(normalizeViewQuery("q=ada&cursor=abc.def&page=3")).toEqual({ ok: true, query: "q=ada" });
  });

  it("keeps the last of a repeated parameter, as the grid reads it", () => {
    expect(normalizeViewQuery("q=a&q=b")).toEqual({ ok: true, query: "q=b" });
  });

  it("round-trips values that need encoding", () => {
    const r = normalizeViewQuery("q=" + encodeURIComponent("José & Co"));
    expect(r.ok && new URLSearchParams(r.query).get("q")).toBe("José & Co");
  });

  it.each([
    ["a name that is not letters", "q_x=1"],
    ["a name too long", "a".repeat(21) + "=1"],
    ["an empty name", "=1"],
    ["a prototype key", "__proto__=1"],
    ["a control character in a value", "q=a%00b"],
    ["a newline in a value", "q=a%0Ab"],
    ["a value over 1,000 characters", "q=" + "x".repeat(1001)],
    ["a query over the cap", "q=" + "x".repeat(VIEW_QUERY_MAX)],
    ["a broken escape", "q=%E0%A4%A"],
    ["too many parameters", Array.from({ length: 31 }, (_, i) => `p${"abcdefghijklmnopqrstuvwxyzABCDEF"[i]}=1`).join("&").replace(/\d/g, "")],
  ])("refuses %s", (_, q) => {
    expect(normalizeViewQuery(q).ok).toBe(false);
  });

  it("says which parameter it refused", () => {
    expect(normalizeViewQuery("q=1&bad-name=2")).toEqual({ ok: false, message: '"bad-name" is not a parameter of the people grid' });
  });

  it("compares views by their canonical form", () => {
    expect(sameViewQuery("?q=a&size=50", "size=50&q=a&cursor=x")).toBe(true);
    expect(sameViewQuery("q=a", "q=b")).toBe(false);
  });
});

describe("view schemas", () => {
  it("trims the name and normalises the query", () => {
    expect(createViewSchema.parse({ name: "  Sales  ", query: "?size=50&q=ada" })).toEqual({ name: "Sales", query: "q=ada&size=50", shared: false });
  });

  it("refuses an empty name, a long one, a bad query and unknown fields", () => {
    expect(createViewSchema.safeParse({ name: " ", query: "" }).success).toBe(false);
    expect(createViewSchema.safeParse({ name: "x".repeat(81), query: "" }).success).toBe(false);
    expect(createViewSchema.safeParse({ name: "ok", query: "a-b=1" }).success).toBe(false);
    expect(createViewSchema.safeParse({ name: "ok", query: "", owner: "x" }).success).toBe(false);
  });

  it("needs something to change", () => {
    expect(updateViewSchema.safeParse({}).success).toBe(false);
    expect(updateViewSchema.safeParse({ shared: true }).success).toBe(true);
  });
});
