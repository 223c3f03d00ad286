// The directory index's sync (lib/server/directory/sync.ts) and the per-process cache (cache.ts) against the
// in-process emulator. `npx tsx bench/directory-sync.ts [sizes=10000,100000] [rate=default|raised|both]`
// Per size, syncs in a row on one org, as they happen in production:
//   1. the first sync (locations never read: the callingData walk, 100 a page, minimum ⌈N/100⌉ calls),
//   2. a second sync with nothing changed (the plain walk, 1,000 a page, minimum ⌈N/1000⌉),
//   3. the daily location refresh with nothing changed (callingData walk again, ⌈N/100⌉),
//   4. after the cache is measured, the plain sync again with the org already in this process's cache.
// For each: wall time, Webex calls (the emulator's own count), ratio to the minimum, the commit's time (the one
// transaction, from the run's result). Then the cold load of the org into the per-process cache (getDirectory) and
// the JS heap it holds (after a forced GC). For each, the longest event-loop stall (embedded PGlite runs queries
// in-process). "default" = Webex's 600/min on the emulator and the client; "raised" = 100,000/min so only Roster's
// own work is timed.
import { createRequire } from "node:module";
import v8 from "node:v8";
import vm from "node:vm";

const require_ = createRequire(__filename);
const serverOnly = require_.resolve("server-only");
require_.cache[serverOnly] = { id: serverOnly, filename: serverOnly, loaded: true, exports: {} } as NodeJS.Module;

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

const sizes = (process.argv[2] ?? "10000,100000").split(",").map(Number);
const mode = process.argv[3] ?? "default";

/** Control-plane GET; once more on a reset socket (the emulator closes keep-alive sockets idle for 5 s). */
async function control<T>(url: string): Promise<T> {
  try {
    return (await (await fetch(url)).json()) as T;
  } catch {
    return (await (await fetch(url, { headers: { connection: "close" } })).json()) as T;
  }
}

/**
 * The longest time the event loop could not run a timer (ms): embedded PGlite runs a query without yielding, so a
 * long statement freezes every other request of the process for that long.
 */
function stallMeter(): { stop(): number } {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  return {
    stop() {
      clearInterval(timer);
      return Math.round(Math.max(longest, performance.now() - last));
    },
  };
}

const heapMB = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1e6;
};

async function run(people: number, rate: number): Promise<void> {
  const [{ startEmulator }, { createDb, closeDb }, { WebexClient }, { MemoryBudgetStore }, { startSync }, { getDirectory, clearDirectoryCache }] = await Promise.all([
    import("@/emulator/src/server"),
    import("@/lib/server/db"),
    import("@/lib/server/webex/client"),
    import("@/lib/server/webex/budget"),
    import("@/lib/server/directory/sync"),
    import("@/lib/server/directory/cache"),
  ]);
  const { sql } = await import("drizzle-orm");
  const db = await createDb({ dataDir: "memory" });
  const emu = await startEmulator({ port: 0, people, config: { rateLimitPerMinute: rate } });
  try {
    const { access_token } = (await (await fetch(`${emu.url}/_emulator/tokens`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"email":"admin@acme.example"}' })).json()) as { access_token: string };
    const me = (await (await fetch(`${emu.url}/v1/people/me`, { headers: { authorization: `Bearer ${access_token}` } })).json()) as { id: string; orgId: string };
    const webex = new WebexClient({
      baseUrl: `${emu.url}/v1`,
      orgId: me.orgId,
      accessToken: async () => access_token,
      budget: new MemoryBudgetStore(),
      perMinute: rate,
      timeoutMs: 60_000,
      logger: () => undefined,
    });
    const kinds = [
      { kind: "first sync (callingData)", locations: true, pageSize: 100 },
      { kind: "second sync, unchanged (plain)", locations: false, pageSize: 1000 },
      { kind: "daily location refresh, unchanged (callingData)", locations: true, pageSize: 100 },
    ];
    const syncOnce = async (k: (typeof kinds)[number]) => {
      const before = await control<{ total: number }>(`${emu.url}/_emulator/stats`);
      const stalls = stallMeter();
      const t0 = performance.now();
      const { run: r } = await startSync(db, webex, me.orgId, { trigger: "bench", wait: true, locations: k.locations });
      const wall = performance.now() - t0;
      const longestStallMs = stalls.stop();
      if (r.status !== "succeeded") throw new Error(`sync ${r.status}: ${r.error}`);
      const after = await control<{ total: number }>(`${emu.url}/_emulator/stats`);
      const result = (await db.execute<{ result: { commitMs: number; people: number; changes: number } }>(sql`SELECT result FROM jobs WHERE id = ${r.id}`)).rows[0]!.result;
      const calls = after.total - before.total;
      const minimum = Math.ceil(people / k.pageSize);
      console.log(
        JSON.stringify({
          people,
          rateLimitPerMinute: rate,
          kind: k.kind,
          wallMs: Math.round(wall),
          webexCalls: calls,
          minimumCalls: minimum,
          ratio: +(calls / minimum).toFixed(2),
          commitMs: result.commitMs,
          longestStallMs,
          indexed: result.people,
          changes: result.changes,
        }),
      );
    };
    for (const k of kinds) await syncOnce(k);
    clearDirectoryCache();
    const heapBefore = heapMB();
    const rssBefore = process.memoryUsage().rss / 1e6;
    const stalls = stallMeter();
    const t0 = performance.now();
    const snap = await getDirectory(db, me.orgId);
    const loadMs = performance.now() - t0;
    const loadStallMs = stalls.stop();
    const heapAfter = heapMB();
    const t1 = performance.now();
    await getDirectory(db, me.orgId);
    const warmMs = performance.now() - t1;
    console.log(
      JSON.stringify({
        people,
        cache: "getDirectory",
        count: snap?.count,
        coldLoadMs: Math.round(loadMs),
        longestStallMs: loadStallMs,
        warmMs: +warmMs.toFixed(1),
        heapHeldMB: +(heapAfter - heapBefore).toFixed(1),
        bytesPerPerson: Math.round(((heapAfter - heapBefore) * 1e6) / people),
        rssGrowthMB: +(process.memoryUsage().rss / 1e6 - rssBefore).toFixed(1),
      }),
    );
    // The usual case on a serving instance: the org is already in this process's cache, so the sync starts from it.
    await syncOnce({ kind: "second sync, unchanged, org already cached (plain)", locations: false, pageSize: 1000 });
    clearDirectoryCache();
  } finally {
    await emu.close();
    await closeDb(db);
  }
}

async function main() {
  for (const n of sizes) {
    if (mode === "both" || mode === "default") await run(n, 600);
    if (mode === "both" || mode === "raised") await run(n, 100_000);
  }
}

void main();
