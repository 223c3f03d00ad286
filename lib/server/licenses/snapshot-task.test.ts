// @vitest-environment node
import { describe, expect, it, vi } from "vitest";
import { snapshotIntervalMinutes } from "./snapshot-task";

describe("snapshotIntervalMinutes", () => {
  it("defaults to hourly, accepts minutes and 0 (off), refuses nonsense with a message", () => {
    expect(snapshotIntervalMinutes(undefined)).toBe(60);
    expect(snapshotIntervalMinutes(" ")).toBe(60);
    expect(snapshotIntervalMinutes("15")).toBe(15);
    expect(snapshotIntervalMinutes("0")).toBe(0);
    const err = vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(snapshotIntervalMinutes("-5")).toBe(60);
    expect(snapshotIntervalMinutes("soon")).toBe(60);
    expect(err.mock.calls[0]![0]).toMatch(/ROSTER_SNAPSHOT_INTERVAL_MINUTES/);
    err.mockRestore();
  });
});
