// Writes 30 days of synthetic daily snapshots (steady growth towards today's real figures) into the database in
// ROSTER_DATA_DIR, so the license history screenshot has a chart and a forecast. `npm run screenshots` runs it on
// the run's own data folder before its console starts (playwright.config.ts); PGlite allows one process, so never
// while a console uses that folder. Idempotent (hourly buckets). Not needed by any assertion of the default run.
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

// "server-only" throws outside React Server Components; this script runs server code directly (as vitest does).
const require_ = createRequire(__filename);
const serverOnly = require_.resolve("server-only");
require_.cache[serverOnly] = { id: serverOnly, filename: serverOnly, loaded: true, exports: {} } as NodeJS.Module;

async function main() {
  if (!process.env.ROSTER_DATA_DIR) throw new Error("Set ROSTER_DATA_DIR to the data folder to seed.");
  mkdirSync(process.env.ROSTER_DATA_DIR, { recursive: true }); // the console has not started (and made it) yet
  process.env.ROSTER_EMULATOR ??= "1";
  const [{ createDb, closeDb }, { recordSnapshots }, { startEmulator }] = await Promise.all([
    import("@/lib/server/db"),
    import("@/lib/server/licenses/snapshots"),
    import("@/emulator/src/server"),
  ]);
  const emu = await startEmulator({ port: 0 }); // same default seed and size as the e2e emulator
  try {
    const { access_token } = (await (await fetch(`${emu.url}/_emulator/tokens`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"email":"admin@acme.example"}' })).json()) as { access_token: string };
    const h = { authorization: `Bearer ${access_token}` };
    const me = (await (await fetch(`${emu.url}/v1/people/me`, { headers: h })).json()) as { orgId: string };
    const { items } = (await (await fetch(`${emu.url}/v1/licenses`, { headers: h })).json()) as { items: { id: string; name: string; totalUnits: number; consumedUnits: number; consumedByUsers?: number; consumedByWorkspaces?: number }[] };
    const db = await createDb({ dataDir: path.join(process.env.ROSTER_DATA_DIR, "pglite") });
    const now = Date.now();
    let n = 0;
    for (let d = 30; d >= 1; d--) {
      const at = now - d * 86_400_000;
      const wobble = (d * 7919) % 5 - 2;
      const day = items.map((l) => {
        const growth = Math.round(((l.totalUnits * 0.004) * d)) + wobble;
        const consumed = Math.max(0, Math.min(l.totalUnits, l.consumedUnits - growth));
        return { ...l, consumedUnits: consumed, consumedByUsers: consumed - (l.consumedByWorkspaces ?? 0) };
      });
      n += await recordSnapshots(db, me.orgId, day, at);
    }
    await closeDb(db);
    console.log(`license history seeded: ${n} snapshots for ${items.length} licenses`);
  } finally {
    await emu.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
