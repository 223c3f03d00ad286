// Full-org reclaim scan (lib/server/licenses/reclaim-scan.ts) against the in-process emulator.
// `npx tsx bench/license-scan.ts [sizes=10000,100000] [rate=both|raised|default]`
// Reports wall time, Webex calls made (the emulator's own count) and their ratio to the minimum possible,
// ceil(people / 1000). "raised" sets the emulator's and the client's rate limit to 100,000/min so only the
// scan itself is timed; "default" keeps Webex's documented 600/min on both sides.
import { createRequire } from "node:module";

const require_ = createRequire(__filename);
const serverOnly = require_.resolve("server-only");
require_.cache[serverOnly] = { id: serverOnly, filename: serverOnly, loaded: true, exports: {} } as NodeJS.Module;

import { sql } from "drizzle-orm";

const sizes = (process.argv[2] ?? "10000,100000").split(",").map(Number);
const mode = process.argv[3] ?? "both";

/** Control-plane GET; once more on a reset socket (the emulator closes keep-alive sockets idle for 5 s). */
async function control<T>(url: string): Promise<T> {
  try {
    return (await (await fetch(url)).json()) as T;
  } catch {
    return (await (await fetch(url, { headers: { connection: "close" } })).json()) as T;
  }
}

async function run(people: number, rate: number): Promise<void> {
  const [{ startEmulator }, { createDb, closeDb }, { WebexClient }, { MemoryBudgetStore }, { startScan, latestScanResult }] = await Promise.all([
    import("@/emulator/src/server"),
    import("@/lib/server/db"),
    import("@/lib/server/webex/client"),
    import("@/lib/server/webex/budget"),
    import("@/lib/server/licenses/reclaim-scan"),
  ]);
  const db = await createDb({ dataDir: "memory" });
  const seedStart = performance.now();
  const emu = await startEmulator({ port: 0, people, config: { rateLimitPerMinute: rate } });
  const seedMs = performance.now() - seedStart;
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
    const user = { personId: me.id, orgId: me.orgId, name: "Ada", email: "admin@acme.example", scopes: [], roles: [], roleNames: [], isAdmin: true, canWrite: true };
    const before = await control<{ total: number }>(`${emu.url}/_emulator/stats`);
    const t0 = performance.now();
    await startScan(db, webex, user, { wait: true });
    const wall = performance.now() - t0;
    const after = await control<{ total: number; routes: Record<string, Record<string, number>> }>(`${emu.url}/_emulator/stats`);
    const calls = after.total - before.total;
    const minimum = Math.ceil(people / 1000);
    const result = await latestScanResult(db, me.orgId);
    if (!result) throw new Error("scan did not succeed");
    console.log(
      JSON.stringify({
        people,
        rateLimitPerMinute: rate,
        wallMs: Math.round(wall),
        webexCalls: calls,
        minimumCalls: minimum,
        ratio: +(calls / minimum).toFixed(2),
        peopleScanned: result.result.peopleScanned,
        candidates: result.result.candidates.length,
        cachedResultMB: +((await db.execute<{ n: number }>(sql`SELECT octet_length(result::text) AS n FROM jobs`)).rows[0]!.n / 1e6).toFixed(1),
        peoplePerSecond: Math.round(people / (wall / 1000)),
        emulatorSeedMs: Math.round(seedMs),
        statuses: after.routes["GET /v1/people"],
      }),
    );
  } finally {
    await emu.close();
    await closeDb(db);
  }
}

async function main() {
  for (const n of sizes) {
    if (mode === "both" || mode === "raised") await run(n, 100_000);
    if (mode === "both" || mode === "default") await run(n, 600);
  }
}

void main();
