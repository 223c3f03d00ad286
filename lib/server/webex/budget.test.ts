// @vitest-environment node
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import migration from "../db/migrations/0002-webex-rate-budget";
import { DbBudgetStore, MemoryBudgetStore, bucketShape, type BudgetStore } from "./budget";

function clock(start = 1_700_000_000_000) {
  const c = { t: start, now: () => c.t, advance: (ms: number) => void (c.t += ms) };
  return c;
}

/** Drives a greedy caller for `ms` of fake time; returns the grant timestamps. */
async function drain(store: BudgetStore, c: ReturnType<typeof clock>, org: string, perMinute: number, ms: number) {
  const end = c.t + ms;
  const grants: number[] = [];
  while (c.t < end) {
    const wait = await store.acquire(org, perMinute);
    if (wait === 0) grants.push(c.t);
    else c.advance(wait);
  }
  return grants;
}

function maxInAnyWindow(times: number[], windowMs: number): number {
  let best = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

function behaves(name: string, make: (now: () => number) => Promise<BudgetStore>) {
  // Fake time, but each acquire on the database store is a real query: 90 s of fake traffic is ~1,700 of them.
  describe(name, { timeout: 30_000 }, () => {
    it("grants a modest burst (a tenth of the limit), then spaces calls out", async () => {
      const c = clock();
      const store = await make(c.now);
      const granted = [];
      for (let i = 0; i < 6; i++) granted.push(await store.acquire("org-a", 60));
      expect(granted).toEqual([0, 0, 0, 0, 0, 0]);
      const wait = await store.acquire("org-a", 60);
      // refill is (60 - 6) per minute = one token every 1111 ms
      expect(wait).toBeGreaterThanOrEqual(1100);
      expect(wait).toBeLessThanOrEqual(1112);
      c.advance(wait - 50);
      expect(await store.acquire("org-a", 60)).toBeGreaterThan(0);
      c.advance(50);
      expect(await store.acquire("org-a", 60)).toBe(0);
    });

    it("keeps orgs apart", async () => {
      const c = clock();
      const store = await make(c.now);
      for (let i = 0; i < 6; i++) await store.acquire("org-a", 60);
      expect(await store.acquire("org-a", 60)).toBeGreaterThan(0);
      expect(await store.acquire("org-b", 60)).toBe(0);
    });

    it("never exceeds the limit in any 60-second window", async () => {
      const c = clock();
      const store = await make(c.now);
      const grants = await drain(store, c, "org-w", 60, 5 * 60_000);
      expect(maxInAnyWindow(grants, 60_000)).toBeLessThanOrEqual(60);
      expect(grants.length).toBeGreaterThan(4 * 54);
    });

    it("pauses the whole org until the given time, then resumes gradually", async () => {
      const c = clock();
      const store = await make(c.now);
      expect(await store.acquire("org-p", 600)).toBe(0);
      await store.pause("org-p", c.t + 5000);
      await store.pause("org-p", c.t + 1000); // an earlier pause never shortens a later one
      expect(await store.acquire("org-p", 600)).toBe(5000);
      c.advance(4000);
      expect(await store.acquire("org-p", 600)).toBe(1000);
      c.advance(1000);
      // the bucket was emptied: the first token after the pause takes one refill interval (60000/540 ms)
      const wait = await store.acquire("org-p", 600);
      expect(wait).toBeGreaterThan(100);
      expect(wait).toBeLessThanOrEqual(112);
      c.advance(wait);
      expect(await store.acquire("org-p", 600)).toBe(0);
    });

    it("background calls leave a reserve that only interactive calls may spend", async () => {
      const c = clock();
      const store = await make(c.now);
      // 600/min: capacity 60, reserve 20. Background drains the bucket down to the reserve, no further.
      let granted = 0;
      while ((await store.acquire("org-l", 600, "background")) === 0) granted++;
      expect(granted).toBe(40);
      // An admin's burst still goes through at once, reserve included.
      for (let i = 0; i < 20; i++) expect(await store.acquire("org-l", 600, "interactive")).toBe(0);
      expect(await store.acquire("org-l", 600, "interactive")).toBeGreaterThan(0);
      // Background now waits for the reserve to refill first (21 tokens at 9/s ≈ 2.3 s) …
      const wait = await store.acquire("org-l", 600, "background");
      expect(wait).toBeGreaterThan(2200);
      expect(wait).toBeLessThanOrEqual(2334);
      // … while an interactive call needs only one token (≈ 111 ms).
      expect(await store.acquire("org-l", 600, "interactive")).toBeLessThanOrEqual(112);
    });

    it("background alone gets the whole refill rate once the reserve is full", async () => {
      const c = clock();
      const store = await make(c.now);
      const grants: number[] = [];
      const end = c.t + 90_000;
      while (c.t < end) {
        const wait = await store.acquire("org-b", 600, "background");
        if (wait === 0) grants.push(c.t);
        else c.advance(wait);
      }
      // 40 at once, then 540 per minute: the reserve costs background nothing in steady state.
      expect(grants.length).toBeGreaterThanOrEqual(40 + 1.5 * 540 - 1);
      expect(maxInAnyWindow(grants, 60_000)).toBeLessThanOrEqual(600);
    });

    it("can pause an org it has not seen yet", async () => {
      const c = clock();
      const store = await make(c.now);
      await store.pause("org-new", c.t + 2000);
      expect(await store.acquire("org-new", 600)).toBe(2000);
    });
  });
}

describe("bucketShape", () => {
  it("sizes the bucket at a tenth of the limit and refills the rest", () => {
    expect(bucketShape(600)).toEqual({ capacity: 60, ratePerMs: 540 / 60_000, reserve: 20 });
    expect(bucketShape(60)).toEqual({ capacity: 6, ratePerMs: 54 / 60_000, reserve: 2 });
    expect(bucketShape(5)).toEqual({ capacity: 1, ratePerMs: 4 / 60_000, reserve: 0 });
    expect(bucketShape(0).capacity).toBe(1);
  });
});

behaves("MemoryBudgetStore", async (now) => new MemoryBudgetStore(now));

describe("DbBudgetStore (PGlite)", () => {
  let pg: PGlite;
  let db: ReturnType<typeof drizzle>;
  beforeAll(async () => {
    pg = new PGlite();
    await pg.exec(migration.sql);
    db = drizzle(pg);
  }, 120_000); // PGlite starting and migrating can take long on a busy CI machine
  afterAll(async () => {
    await pg?.close();
  });

  behaves("same algorithm in SQL", async (now) => {
    await pg.exec("DELETE FROM webex_rate_budget");
    return new DbBudgetStore(async () => db, now);
  });

  it("grants exactly the bucket under concurrent acquires", async () => {
    await pg.exec("DELETE FROM webex_rate_budget");
    const c = clock();
    const store = new DbBudgetStore(async () => db, c.now);
    const waits = await Promise.all(Array.from({ length: 25 }, () => store.acquire("org-c", 100)));
    expect(waits.filter((w) => w === 0)).toHaveLength(10);
  });
});
