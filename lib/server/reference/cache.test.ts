import { describe, expect, it } from "vitest";
import { MemoryReferenceStore, permit, ReferenceAccessError, ReferenceCache, REFERENCE_SCOPES, type Reader } from "./cache";

const ALL_SCOPES = [...new Set(Object.values(REFERENCE_SCOPES).flat())];
const admin = (orgId = "org-a", scopes: string[] = ALL_SCOPES): Reader => ({ orgId, isAdmin: true, scopes });

function setup(ttlMs = 120_000, memoMs = 10_000) {
  let t = 1_000_000;
  const clock = { now: () => t, advance: (ms: number) => (t += ms) };
  const store = new MemoryReferenceStore(clock.now);
  const cache = new ReferenceCache({ store, ttlMs: () => ttlMs, memoMs, now: clock.now });
  let loads = 0;
  const load = async () => `v${++loads}`;
  return { clock, store, cache, load, loads: () => loads };
}

describe("permit", () => {
  it("allows an admin whose scopes cover the kind, refuses missing scopes and non-admins, defers unknown scopes", () => {
    expect(permit(admin(), "licenses")).toEqual({ kind: "allowed" });
    expect(permit(admin("o", ["spark-admin:roles_read"]), "role-members")).toMatchObject({ kind: "denied", message: expect.stringContaining("spark-admin:people_read") });
    expect(permit(admin("o", ["spark-admin:roles_read"]), "licenses").kind).toBe("denied");
    expect(permit({ orgId: "o", isAdmin: false, scopes: ALL_SCOPES }, "roles").kind).toBe("denied");
    expect(permit(admin("o", []), "locations")).toEqual({ kind: "unknown" });
  });
});

describe("ReferenceCache", () => {
  it("loads once per org and kind for every reader within the TTL, then loads again", async () => {
    const { cache, clock, load, loads } = setup();
    expect(await cache.get(admin(), "roles", load)).toBe("v1");
    expect(await cache.get(admin(), "roles", load)).toBe("v1");
    clock.advance(60_000); // memo gone, store still fresh
    expect(await cache.get(admin(), "roles", load)).toBe("v1");
    expect(loads()).toBe(1);
    expect(await cache.get(admin("org-b"), "roles", load)).toBe("v2");
    expect(await cache.get(admin(), "licenses", load)).toBe("v3");
    clock.advance(61_000); // past the TTL
    expect(await cache.get(admin(), "roles", load)).toBe("v4");
  });

  it("shares one load between concurrent readers", async () => {
    const { cache } = setup();
    let release!: (v: string) => void;
    let calls = 0;
    const slow = () => {
      calls++;
      return new Promise<string>((r) => (release = r));
    };
    const a = cache.get(admin(), "roles", slow);
    const b = cache.get(admin(), "roles", slow);
    await Promise.resolve();
    await new Promise((r) => setTimeout(r, 0));
    release("shared");
    expect(await Promise.all([a, b])).toEqual(["shared", "shared"]);
    expect(calls).toBe(1);
  });

  it("refuses a reader without the scope before reading anything, even when the entry is cached", async () => {
    const { cache, load } = setup();
    await cache.get(admin(), "licenses", load);
    let called = false;
    await expect(cache.get(admin("org-a", ["spark-admin:roles_read"]), "licenses", async () => ((called = true), "x"))).rejects.toBeInstanceOf(ReferenceAccessError);
    await expect(cache.get({ orgId: "org-a", isAdmin: false, scopes: ALL_SCOPES }, "licenses", load)).rejects.toMatchObject({ status: 403 });
    expect(called).toBe(false);
  });

  it("serves readers with unknown scopes live (Webex decides) and never from the cache", async () => {
    const { cache, load, loads } = setup();
    await cache.get(admin(), "roles", load);
    expect(await cache.get(admin("org-a", []), "roles", load)).toBe("v2");
    expect(loads()).toBe(2);
  });

  it("never keeps a failure", async () => {
    const { cache, load } = setup();
    await expect(cache.get(admin(), "roles", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await cache.get(admin(), "roles", load)).toBe("v1");
  });

  it("fresh reads go to Webex and replace the entry for everyone", async () => {
    const { cache, load } = setup();
    await cache.get(admin(), "licenses", load);
    expect(await cache.get(admin(), "licenses", load, { fresh: true })).toBe("v2");
    expect(await cache.get(admin(), "licenses", load)).toBe("v2");
  });

  it("an invalidation drops the entry, and a load that began before it is not stored", async () => {
    const { cache, load, loads } = setup();
    await cache.get(admin(), "licenses", load);
    await cache.invalidate("org-a", ["licenses"]);
    expect(await cache.get(admin(), "licenses", load)).toBe("v2");

    let release!: (v: string) => void;
    const slow = () => new Promise<string>((r) => (release = r));
    const early = cache.get(admin(), "licenses", slow, { fresh: true });
    await new Promise((r) => setTimeout(r, 0));
    await cache.invalidate("org-a", ["licenses"]); // a write lands while the fresh read is under way
    release("before the write");
    expect(await early).toBe("before the write");
    expect(await cache.get(admin(), "licenses", load)).toBe("v3"); // not the pre-write answer
    expect(loads()).toBe(3);
  });

  it("another instance's invalidation is seen once this instance's memo runs out", async () => {
    const { cache, store, clock, load } = setup(120_000, 10_000);
    await cache.get(admin(), "roles", load);
    await store.invalidate("org-a", ["roles"]); // as another instance would, through the shared store
    expect(await cache.get(admin(), "roles", load)).toBe("v1"); // memo
    clock.advance(10_001);
    expect(await cache.get(admin(), "roles", load)).toBe("v2");
  });

  it("a TTL of 0 turns it off", async () => {
    const { clock, load, loads } = setup();
    const off = new ReferenceCache({ store: new MemoryReferenceStore(clock.now), ttlMs: () => 0, now: clock.now });
    await off.get(admin(), "roles", load);
    await off.get(admin(), "roles", load);
    expect(loads()).toBe(2);
    await expect(off.get(admin("o", ["spark:kms"]), "roles", load)).rejects.toBeInstanceOf(ReferenceAccessError);
  });
});
