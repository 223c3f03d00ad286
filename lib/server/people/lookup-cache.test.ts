import { describe, expect, it } from "vitest";
import { cachedLookup, clearLookupCache } from "./lookup-cache";

describe("cachedLookup", () => {
  it("shares one load per key within a minute and reloads after", async () => {
    clearLookupCache();
    let calls = 0;
    const load = async () => ++calls;
    expect(await cachedLookup("org:roles", load, 0)).toBe(1);
    expect(await cachedLookup("org:roles", load, 59_000)).toBe(1);
    expect(await cachedLookup("org:roles", load, 61_000)).toBe(2);
    expect(await cachedLookup("other:roles", load, 61_000)).toBe(3);
  });

  it("never keeps a failure", async () => {
    clearLookupCache();
    await expect(cachedLookup("k", () => Promise.reject(new Error("boom")), 0)).rejects.toThrow("boom");
    expect(await cachedLookup("k", async () => "ok", 1)).toBe("ok");
  });
});
