import { describe, expect, it } from "vitest";
import { byUtilisation, capacityLevel, formatPercent, toCapacity, totalsBySubscription } from "./capacity";

describe("capacityLevel", () => {
  it.each([
    [0, 100, "ok"],
    [79, 100, "ok"],
    [80, 100, "warning"],
    [94, 100, "warning"],
    [95, 100, "critical"],
    [99, 100, "critical"],
    [100, 100, "exhausted"],
    [101, 100, "overage"],
    [0, 0, "unknown"],
    [3, 0, "overage"],
  ] as const)("%i of %i → %s", (c, t, level) => expect(capacityLevel(c, t)).toBe(level));
});

describe("toCapacity and totals", () => {
  const rows = [
    toCapacity({ id: "a", name: "A", totalUnits: 100, consumedUnits: 50, subscriptionId: "s1" }),
    toCapacity({ id: "b", name: "B", totalUnits: 10, consumedUnits: 10, subscriptionId: "s1" }),
    toCapacity({ id: "c", name: "C", totalUnits: 200, consumedUnits: 190, consumedByUsers: 180, consumedByWorkspaces: 10 }),
  ];
  it("computes remaining and sorts by utilisation", () => {
    expect(rows.map((r) => r.remaining)).toEqual([50, 0, 10]);
    expect([...rows].sort(byUtilisation).map((r) => r.id)).toEqual(["b", "c", "a"]);
  });
  it("totals per subscription", () => {
    expect(totalsBySubscription(rows)).toEqual([
      { subscriptionId: "s1", licenses: 2, total: 110, consumed: 60, remaining: 50, utilisation: 60 / 110 },
      { subscriptionId: null, licenses: 1, total: 200, consumed: 190, remaining: 10, utilisation: 0.95 },
    ]);
  });
  it("formats percentages without rounding up across a threshold", () => {
    expect(formatPercent(0.949)).toBe("94 %");
    expect(formatPercent(0.95)).toBe("95 %");
    expect(formatPercent(1)).toBe("100 %");
    expect(formatPercent(null)).toBe("—");
  });
});
