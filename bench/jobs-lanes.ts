// Bulk jobs under the org's rate budget: background throughput as a share of the budget left to it, Webex calls
// against the minimum, and the interactive lane's latency while a job saturates the budget.
// `npx tsx bench/jobs-lanes.ts [people=1000] [latencyMs=0]`
//
// In-process: the emulator at Webex's 600/min, the console's budget at its default 600/min (the bucket refills
// 540/min: decision 004), the real job engine (pg-boss on in-memory PGlite), and route handlers called with a test
// session (bench/api-harness.ts). The HTTP hop and session decoding in front of /api/people are not included;
// see "Console API overhead" in docs/PERFORMANCE.md for those.
import { createRequire } from "node:module";

const require_ = createRequire(__filename);
const serverOnly = require_.resolve("server-only");
require_.cache[serverOnly] = { id: serverOnly, filename: serverOnly, loaded: true, exports: {} } as NodeJS.Module;

const PEOPLE = Number(process.argv[2] ?? 1000);
const LATENCY = Number(process.argv[3] ?? 0);
const PER_MINUTE = 600;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

async function main(): Promise<void> {
  const { startApiHarness, call } = await import("./api-harness");
  const { createDb, closeDb, setDbForTests } = await import("@/lib/server/db");
  const { startJobEngine, stopJobEngine } = await import("@/lib/server/jobs/engine");
  const { bucketShape } = await import("@/lib/server/webex/budget");
  const preview = await import("@/app/api/jobs/preview/route");
  const command = await import("@/app/api/jobs/[id]/[command]/route");
  const one = await import("@/app/api/jobs/[id]/route");
  const peopleRoute = await import("@/app/api/people/route");
  type JobView = import("@/lib/jobs/api-types").JobView;

  const db = await createDb({ dataDir: "memory" });
  setDbForTests(db);
  const h = await startApiHarness({ people: Math.max(2000, PEOPLE * 2), seed: 42, perMinute: PER_MINUTE, config: { rateLimitPerMinute: PER_MINUTE, latencyMs: LATENCY } });
  await startJobEngine({ db, clientFor: h.jobClient });
  h.signIn("admin");
  const auth = { authorization: `Bearer ${h.tokens.admin}` };
  const people: { id: string; type?: string; licenses?: string[] }[] = [];
  for (let url: string | null = `${h.webexBase}/people?max=1000`; url; ) {
    const res: Response = await fetch(url, { headers: auth });
    people.push(...((await res.json()) as { items: typeof people }).items);
    url = res.headers.get("link")?.match(/<([^>]+)>;\s*rel="next"/)?.[1] ?? null;
  }
  const licenses = ((await (await fetch(`${h.webexBase}/licenses`, { headers: auth })).json()) as { items: { id: string; name: string }[] }).items;
  const license = licenses.find((l) => l.name.startsWith("Webex Contact Center"))!;
  await h.emulatorFetch("/_emulator/license-units", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ licenseId: license.id, totalUnits: 1_000_000 }) });
  const targets = people.filter((p) => p.type === "person" && !p.licenses?.includes(license.id)).slice(0, PEOPLE);

  async function runJob(action: string, probe?: () => Promise<void>): Promise<{ job: JobView; seconds: number; calls: number }> {
    const pv = (await (await call(preview.POST, "/api/jobs/preview", { method: "POST", body: { action, licenseId: license.id, target: { personIds: targets.map((p) => p.id) } } })).json()) as { job: JobView };
    // Let the preview's reads leave the bucket: the job starts with whatever the budget holds then.
    await sleep(8_000);
    const callsBefore = (await h.stats()).total;
    const started = performance.now();
    await call(command.POST, `/api/jobs/${pv.job.id}/start`, { method: "POST", params: { id: pv.job.id, command: "start" } });
    let stop = false;
    const probing = probe ? (async () => { while (!stop) await probe(); })() : Promise.resolve();
    let job: JobView;
    for (;;) {
      job = (await (await call(one.GET, `/api/jobs/${pv.job.id}`, { params: { id: pv.job.id } })).json()) as JobView;
      if (job.status === "done" || job.status === "failed") break;
      await sleep(200);
    }
    stop = true;
    await probing;
    return { job, seconds: (performance.now() - started) / 1000, calls: (await h.stats()).total - callsBefore };
  }

  const { capacity, ratePerMs, reserve } = bucketShape(PER_MINUTE);
  const refillPerMinute = ratePerMs * 60_000;
  // What the budget lets background work spend in T seconds: the burst above the reserve, then the refill.
  const allowed = (seconds: number) => capacity - reserve + refillPerMinute * (seconds / 60);

  console.log(`people per job: ${PEOPLE}; emulator latency ${LATENCY} ms; budget ${PER_MINUTE}/min (refill ${refillPerMinute}/min, burst ${capacity}, reserve ${reserve})`);
  const a = await runJob("license-add");
  const shareA = a.calls / allowed(a.seconds);
  console.log(`A. license add alone: ${a.seconds.toFixed(1)} s, ${a.calls} Webex calls (job counted ${a.job.webexCalls}; minimum ${PEOPLE}), ${(a.calls / a.seconds * 60).toFixed(0)} calls/min = ${(shareA * 100).toFixed(1)} % of the budget left to it`);

  const latencies: number[] = [];
  let interactiveCalls = 0;
  const probe = async () => {
    const t = performance.now();
    const res = await call(peopleRoute.GET, "/api/people", { query: { max: "100" } });
    await res.text();
    if (res.status !== 200) throw new Error(`GET /api/people → ${res.status}`);
    latencies.push(performance.now() - t);
    interactiveCalls++;
    await sleep(500); // an admin clicking around: two page loads a second
  };
  const b = await runJob("license-remove", probe);
  const left = allowed(b.seconds) - interactiveCalls;
  const sorted = [...latencies].sort((x, y) => x - y);
  console.log(`B. license remove with an admin browsing: ${b.seconds.toFixed(1)} s, ${b.calls} Webex calls (${interactiveCalls} of them interactive); background got ${((b.calls - interactiveCalls) / left * 100).toFixed(1)} % of the budget left to it`);
  console.log(`   GET /api/people?max=100 during the job: n=${sorted.length} p50 ${pct(sorted, 50).toFixed(1)} ms, p95 ${pct(sorted, 95).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`);

  await stopJobEngine();
  await h.close();
  setDbForTests(undefined);
  await closeDb(db);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
