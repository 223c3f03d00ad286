// The interactive lane as an admin feels it: GET /api/people?max=100 over HTTP with a real signed-in session,
// first on a quiet console, then while a bulk job saturates the org's budget (Webex's 600/min in the emulator and
// the console's default budget). Also the job's throughput and calls against the minimum.
// `npx tsx bench/jobs-http.ts [people=600] [latencyMs=0]` — needs a production build (`npx next build`).
import { pct, startStack } from "./http-harness";

const PEOPLE = Number(process.argv[2] ?? 600);
const LATENCY = Number(process.argv[3] ?? 0);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const stack = await startStack({ people: Math.max(2000, PEOPLE * 2), perMinute: 600, emulatorLatencyMs: LATENCY });
  try {
    const admin = await stack.signIn("admin@acme.example");
    const probe = async (n: number, pauseMs: number): Promise<number[]> => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        const res = await admin.get("/api/people?max=100");
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`GET /api/people → ${res.status}`);
        out.push(performance.now() - t);
        await sleep(pauseMs);
      }
      return out.sort((a, b) => a - b);
    };
    const fmt = (s: number[]) => `n=${s.length} p50 ${pct(s, 50).toFixed(1)} ms, p95 ${pct(s, 95).toFixed(1)} ms, max ${s.at(-1)!.toFixed(1)} ms`;

    await probe(10, 100); // warm-up: JIT, caches, the first token read
    const quiet = await probe(40, 500);
    console.log(`quiet console:      GET /api/people?max=100 ${fmt(quiet)}`);

    const token = (await stack.control<{ access_token: string }>("/tokens", "POST", { email: "admin@acme.example" })).access_token;
    const webex = async <T,>(p: string) => (await (await fetch(`${stack.emulator}/v1${p}`, { headers: { authorization: `Bearer ${token}` } })).json()) as T;
    const license = (await webex<{ items: { id: string; name: string }[] }>("/licenses")).items.find((l) => l.name.startsWith("Webex Contact Center"))!;
    await stack.control("/license-units", "PUT", { licenseId: license.id, totalUnits: 1_000_000 });
    const people = (await webex<{ items: { id: string; type: string; licenses: string[] }[] }>("/people?max=1000")).items;
    const targets = people.filter((p) => p.type === "person" && !p.licenses.includes(license.id)).slice(0, PEOPLE);
    const preview = (await (await admin.send("POST", "/api/jobs/preview", { action: "license-add", licenseId: license.id, target: { personIds: targets.map((p) => p.id) } })).json()) as { job: { id: string } };
    await sleep(8_000); // let the preview's reads leave the budget
    const callsBefore = (await stack.control<{ total: number }>("/stats")).total;
    const started = performance.now();
    await admin.send("POST", `/api/jobs/${preview.job.id}/start`);

    let done = false;
    const during: number[] = [];
    const probing = (async () => {
      while (!done) {
        const t = performance.now();
        const res = await admin.get("/api/people?max=100");
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`GET /api/people → ${res.status}`);
        during.push(performance.now() - t);
        await sleep(500);
      }
    })();
    let job: { status: string; webexCalls: number; counts: Record<string, number> };
    for (;;) {
      job = (await (await admin.get(`/api/jobs/${preview.job.id}`)).json()) as typeof job;
      if (job.status === "done" || job.status === "failed") break;
      await sleep(1000);
    }
    done = true;
    await probing;
    const seconds = (performance.now() - started) / 1000;
    const calls = (await stack.control<{ total: number }>("/stats")).total - callsBefore;
    during.sort((a, b) => a - b);
    console.log(`during the job:     GET /api/people?max=100 ${fmt(during)}`);
    console.log(
      `job: ${PEOPLE} license adds in ${seconds.toFixed(1)} s, ${job.webexCalls} Webex calls for the job (minimum ${PEOPLE}), ${calls} calls in all (${during.length} of them the admin's pages), ${((calls / seconds) * 60).toFixed(0)} calls/min`,
    );
  } finally {
    await stack.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
