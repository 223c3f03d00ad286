import { describe, expect, it } from "vitest";
import { DEFAULT_LICENSES_VIEW, effectiveSubscription, parseLicensesView, serializeLicensesView } from "./licenses-view";

describe("the licenses dashboard's view in the URL", () => {
  it("round-trips a subscription and a sort, and leaves defaults out", () => {
    for (const view of [
      { subscription: "Sub-1234.A", sort: "name" as const },
      { subscription: "", sort: "remaining" as const },
      { subscription: null, sort: "total" as const },
    ]) {
      expect(parseLicensesView(new URLSearchParams(serializeLicensesView(view).slice(1)))).toEqual(view);
    }
    expect(serializeLicensesView(DEFAULT_LICENSES_VIEW)).toBe("");
    expect(serializeLicensesView({ subscription: "", sort: "utilisation" })).toBe("?subscription=none");
  });

  it("invalid values fall back to the defaults without errors", () => {
    expect(parseLicensesView({ subscription: "<script>", sort: "price" })).toEqual(DEFAULT_LICENSES_VIEW);
    expect(parseLicensesView(new URLSearchParams("subscription=&sort="))).toEqual(DEFAULT_LICENSES_VIEW);
    expect(parseLicensesView({ sort: ["name", "total"] }).sort).toBe("total"); // a repeated key: the last one
  });

  it("a subscription the organization does not have (any more) shows all", () => {
    expect(effectiveSubscription({ subscription: "Sub-gone", sort: "name" }, ["Sub-1", ""])).toBeNull();
    expect(effectiveSubscription({ subscription: "Sub-1", sort: "name" }, ["Sub-1", ""])).toBe("Sub-1");
    expect(effectiveSubscription({ subscription: "", sort: "name" }, ["Sub-1", ""])).toBe("");
  });
});
