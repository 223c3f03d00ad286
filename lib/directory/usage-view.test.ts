import { describe, expect, it } from "vitest";
import { DEFAULT_USAGE_VIEW, parseUsageView, serializeUsageView } from "./usage-view";

describe("usage view in the URL", () => {
  it("round-trips, and leaves defaults out", () => {
    expect(serializeUsageView(DEFAULT_USAGE_VIEW)).toBe("");
    const view = { by: "manager" as const, license: "L1", manager: "p1", indirect: true, sort: "idle90" as const };
    const qs = serializeUsageView(view);
    expect(qs).toBe("?usage=manager&usageLicense=L1&usageManager=p1&usageIndirect=1&usageSort=idle90");
    expect(parseUsageView(new URLSearchParams(qs))).toEqual(view);
  });

  it("never throws: unknown values mean the defaults; a manager filter only with the manager grouping", () => {
    expect(parseUsageView(new URLSearchParams("usage=planet&usageSort=x&usageLicense=%00&usageManager=p1&usageIndirect=1"))).toEqual(DEFAULT_USAGE_VIEW);
    expect(parseUsageView({ usage: ["location", "manager"] }).by).toBe("manager");
    expect(serializeUsageView({ ...DEFAULT_USAGE_VIEW, manager: "p1", indirect: true })).toBe("");
  });
});
