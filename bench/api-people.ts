// Added latency of GET /api/people?max=100 over calling the emulator's GET /v1/people?max=100 directly.
// `npx tsx bench/api-people.ts [calls=300]`. The route handler is invoked in-process (no Next server, no HTTP hop
// in front of it) with a test session (bench/api-harness.ts); everything from the wrapper down is the real code:
// origin/session/role checks, zod query validation, WebexClient (rate budget, retry, zod response validation,
// Link parsing), cursor signing and JSON serialisation. The emulator runs in the same process; calls alternate.
// Variant "db budget" uses DbBudgetStore on an in-memory PGlite, i.e. one SQL upsert per Webex call, as in production.
import { createRequire } from "node:module";

// "server-only" throws outside React Server Components; the bench runs server code directly (as vitest does).
const require_ = createRequire(__filename);
const serverOnly = require_.resolve("server-only");
require_.cache[serverOnly] = { id: serverOnly, filename: serverOnly, loaded: true, exports: {} } as NodeJS.Module;

const CALLS = Number(process.argv[2] ?? 300);
const WARMUP = 50;

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const ms = (n: number) => n.toFixed(2).padStart(7);

async function run(label: string, useDbBudget: boolean): Promise<void> {
  const { startApiHarness, call } = await import("./api-harness");
  const { GET } = await import("@/app/api/people/route");
  const { WebexClient } = await import("@/lib/server/webex/client");
  const { MemoryBudgetStore } = await import("@/lib/server/webex/budget");
  let budget: import("@/lib/server/webex/budget").BudgetStore | undefined;
  let closeDbFn: (() => Promise<void>) | undefined;
  if (useDbBudget) {
    const [{ createDb, closeDb }, { DbBudgetStore }] = await Promise.all([
      import("@/lib/server/db"),
      import("@/lib/server/webex/budget"),
    ]);
    const db = await createDb({ dataDir: "memory" });
    budget = new DbBudgetStore(async () => db);
    closeDbFn = () => closeDb(db);
  }
  const h = await startApiHarness({ people: 2000, config: { rateLimitPerMinute: 1_000_000 }, budget });
  h.signIn("admin");
  const auth = { authorization: `Bearer ${h.tokens.admin}` };
  const direct = async () => {
    const res = await fetch(`${h.webexBase}/people?max=100`, { headers: auth });
    if (res.status !== 200) throw new Error(`direct ${res.status}`);
    await res.text();
  };
  const viaRoute = async () => {
    const res = await call(GET, "/api/people", { query: { max: "100" } });
    if (res.status !== 200) throw new Error(`route ${res.status}: ${await res.text()}`);
    await res.text();
  };
  // The Webex client alone (same budget store): separates the client's cost from the route wrapper's.
  const client = new WebexClient({
    baseUrl: h.webexBase,
    orgId: h.users.admin.orgId,
    accessToken: async () => h.tokens.admin,
    budget: budget ?? new MemoryBudgetStore(),
    perMinute: 1_000_000,
    logger: () => undefined,
  });
  const viaClient = () => client.listPeople({ max: 100 });
  for (let i = 0; i < WARMUP; i++) {
    await direct();
    await viaClient();
    await viaRoute();
  }
  const d: number[] = [];
  const c: number[] = [];
  const r: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    let t = performance.now();
    await direct();
    d.push(performance.now() - t);
    t = performance.now();
    await viaClient();
    c.push(performance.now() - t);
    t = performance.now();
    await viaRoute();
    r.push(performance.now() - t);
  }
  const paired = r.map((v, i) => v - d[i]!).sort((a, b) => a - b);
  for (const list of [d, c, r]) list.sort((a, b) => a - b);
  console.log(`\n${label}: ${CALLS} calls each after ${WARMUP} warm-up (ms)`);
  console.log(`  emulator direct  GET /v1/people?max=100   p50 ${ms(pct(d, 50))}   p99 ${ms(pct(d, 99))}`);
  console.log(`  WebexClient      listPeople({max: 100})   p50 ${ms(pct(c, 50))}   p99 ${ms(pct(c, 99))}`);
  console.log(`  route handler    GET /api/people?max=100  p50 ${ms(pct(r, 50))}   p99 ${ms(pct(r, 99))}`);
  console.log(`  added latency    route − direct           p50 ${ms(pct(r, 50) - pct(d, 50))}   p99 ${ms(pct(r, 99) - pct(d, 99))}`);
  console.log(`  added, per pair  median ${ms(pct(paired, 50))}   p99 ${ms(pct(paired, 99))}`);
  console.log(`  of which route wrapper (route − client)   p50 ${ms(pct(r, 50) - pct(c, 50))}`);
  await h.close();
  await closeDbFn?.();
}

async function main(): Promise<void> {
  console.log(`node ${process.version}; route invoked in-process with a test session; emulator in-process, 2,000 people`);
  await run("memory budget", false);
  await run("db budget (PGlite in memory)", true);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
