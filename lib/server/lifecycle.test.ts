// @vitest-environment node
import { describe, expect, it, vi } from "vitest";
import { shutdownTimeoutMs } from "./lifecycle";

describe("shutdownTimeoutMs", () => {
  it("defaults to 25 s, reads seconds, refuses nonsense with a message", () => {
    expect(shutdownTimeoutMs(undefined)).toBe(25_000);
    expect(shutdownTimeoutMs(" ")).toBe(25_000);
    expect(shutdownTimeoutMs("55")).toBe(55_000);
    const err = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      for (const bad of ["0", "-1", "soon", "99999"]) expect(shutdownTimeoutMs(bad)).toBe(25_000);
      expect(err.mock.calls[0]![0]).toMatch(/ROSTER_SHUTDOWN_TIMEOUT_SECONDS must be a number of seconds from 1 to 3600; got "0"/);
    } finally {
      err.mockRestore();
    }
  });
});
