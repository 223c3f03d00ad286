// Added latency of the console's API over Webex, measured as a browser gets it: HTTP to the production build
// (`npx next build` first) with a real signed-in session cookie, against the emulator as a separate process.
// For each endpoint the same Webex call is made directly to the emulator with a token of the same user, calls
// alternating; added = console − direct, per percentile. The rate limit is set far above the request rate, so
// the figures are overhead, not queueing behind the budget.
//
//   npx tsx bench/api-http.ts [calls=300]                                  PGlite, one instance
//   bash scripts/with-postgres.sh npx tsx bench/api-http.ts [calls=300]     PostgreSQL (DATABASE_URL)
//   BENCH_INSTANCES=2 bash scripts/with-postgres.sh npx tsx bench/api-http.ts   two instances, calls alternate
import { pct, startStack, type Session } from "./http-harness";

const CALLS = Number(process.argv[2] ?? 300);
const WARMUP = 40;
const f = (n: number) => n.toFixed(1).padStart(6);

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  const instances = Number(process.env.BENCH_INSTANCES ?? 1);
  const stack = await startStack({
    people: 2000,
    perMinute: 1_000_000,
    ...(process.env.BENCH_PROFILE ? { nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] } : {}),
    env: { ...(databaseUrl ? { DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: "bench-shared-secret" } : {}) },
  });
  try {
    const email = "admin@acme.example";
    const session = await stack.signIn(email);
    // Two instances: the same session cookie, requests alternating between them (as a balancer would).
    const sessions: Session[] = [session];
    let turn = 0;
    const viaConsole = (p: string) => sessions[turn++ % sessions.length]!.get(p);
    const { access_token } = await stack.control<{ access_token: string }>("/tokens", "POST", { email });
    const direct = (p: string) => fetch(`${stack.emulator}/v1${p}`, { headers: { authorization: `Bearer ${access_token}` } });

    const first = (await (await direct("/people?max=1")).json()) as { items: { id: string }[] };
    const personId = first.items[0]!.id;
    const cases: { name: string; route: string; webex: string }[] = [
      { name: "GET /api/people?max=100", route: "/api/people?max=100", webex: "/people?max=100" },
      { name: "GET /api/people/:id", route: `/api/people/${personId}`, webex: `/people/${personId}?callingData=true` },
      { name: "GET /api/me", route: "/api/me", webex: "/people/me" },
    ];
    const label = `${databaseUrl ? "PostgreSQL" : "PGlite"}, ${instances} instance${instances > 1 ? "s" : ""}`;
    console.log(`\n${label}; ${CALLS} calls each (after ${WARMUP} warm-up), ms`);
    console.log(`${"endpoint".padEnd(26)} ${"console p50".padStart(11)} ${"p99".padStart(6)} ${"direct p50".padStart(10)} ${"p99".padStart(6)} ${"added p50".padStart(9)} ${"p99".padStart(6)}`);
    for (const c of cases) {
      const a: number[] = [];
      const d: number[] = [];
      for (let i = 0; i < WARMUP + CALLS; i++) {
        let t = performance.now();
        const r1 = await viaConsole(c.route);
        if (r1.status !== 200) throw new Error(`${c.route} → ${r1.status} ${await r1.text()}`);
        await r1.arrayBuffer();
        const ta = performance.now() - t;
        t = performance.now();
        const r2 = await direct(c.webex);
        if (r2.status !== 200) throw new Error(`direct ${c.webex} → ${r2.status}`);
        await r2.arrayBuffer();
        const td = performance.now() - t;
        if (i >= WARMUP) {
          a.push(ta);
          d.push(td);
        }
      }
      a.sort((x, y) => x - y);
      d.sort((x, y) => x - y);
      const [a50, a99, d50, d99] = [pct(a, 50), pct(a, 99), pct(d, 50), pct(d, 99)];
      console.log(`${c.name.padEnd(26)} ${f(a50).padStart(11)} ${f(a99)} ${f(d50).padStart(10)} ${f(d99)} ${f(a50 - d50).padStart(9)} ${f(a99 - d99)}`);
    }
  } finally {
    await stack.close();
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
