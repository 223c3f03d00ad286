// @vitest-environment node
import { describe, expect, it } from "vitest";
import { delayToNextSlot, slotOf } from "./periodic";

describe("periodic task slots", () => {
  it("numbers rounds by wall-clock interval, so instances started at different times agree", () => {
    expect(slotOf(0, 60_000)).toBe(0);
    expect(slotOf(59_999, 60_000)).toBe(0);
    expect(slotOf(60_000, 60_000)).toBe(1);
    expect(slotOf(3_600_000 * 5 + 1, 3_600_000)).toBe(5);
  });

  it("wakes just after the next slot starts, never before it", () => {
    expect(delayToNextSlot(10_000, 60_000, 0)).toBe(50_000);
    expect(delayToNextSlot(59_999, 60_000, 0)).toBe(1);
    expect(delayToNextSlot(60_000, 60_000, 0)).toBe(60_000);
    expect(slotOf(10_000 + delayToNextSlot(10_000, 60_000, 500), 60_000)).toBe(1);
  });
});
