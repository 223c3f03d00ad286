// License-only changes: PATCH /licenses/users (one Webex call) against the safe merge-and-PUT path (GET, PUT, GET).
// `npx tsx bench/license-patch.ts [people=300] [edits=20] [latencyMs=100]`
//
// In-process: the emulator at Webex's 600/min with `latencyMs` added to every answer, the console's budget at its
// default 600/min (decision 004), the real route handler and job engine (pg-boss on in-memory PGlite).
// 1. A license-only edit of the person page through PATCH /api/people/{id}: Webex calls per edit and time per edit,
//    once as the page sends it (the admin's starting licenses in `original`: PATCH /licenses/users) and once without
//    them (the safe merge-and-PUT path, which is what every license edit of the page took before decision 017).
// 2. Bulk work under the org's rate budget: a license-add job (one PATCH per person) against a role-add job over the
//    same number of people (the merge-and-PUT path: GET, PUT, GET per person), both after the preview's reads have
//    left the bucket.
import { createRequire } from "node:module";

const require_ = createRequire(__filename);
const serverOnly = require_.resolve("server-only");
require_.cache[serverOnly] = { id: serverOnly, filename: serverOnly, loaded: true, exports: {} } as NodeJS.Module;

const PEOPLE = Number(process.argv[2] ?? 300);
const EDITS = Number(process.argv[3] ?? 20);
const LATENCY = Number(process.argv[4] ?? 100);
const PER_MINUTE = 600;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const { startApiHarness, call } = await import("./api-harness");
  const { createDb, closeDb, setDbForTests } = await import("@/lib/server/db");
  const { startJobEngine, stopJobEngine } = await import("@/lib/server/jobs/engine");
  const person = await import("@/app/api/people/[id]/route");
  const preview = await import("@/app/api/jobs/preview/route");
  const command = await import("@/app/api/jobs/[id]/[command]/route");
  const one = await import("@/app/api/jobs/[id]/route");
  type JobView = import("@/lib/jobs/api-types").JobView;

  const db = await createDb({ dataDir: "memory" });
  setDbForTests(db);
  const h = await startApiHarness({ people: Math.max(2000, PEOPLE * 3), seed: 42, perMinute: PER_MINUTE, config: { rateLimitPerMinute: PER_MINUTE, latencyMs: LATENCY } });
  await startJobEngine({ db, clientFor: h.jobClient });
  h.signIn("admin");
  const auth = { authorization: `Bearer ${h.tokens.admin}` };
  const people: { id: string; type?: string; emails: string[]; licenses?: string[]; roles?: string[] }[] = [];
  for (let url: string | null = `${h.webexBase}/people?max=1000`; url; ) {
    const res: Response = await fetch(url, { headers: auth });
    people.push(...((await res.json()) as { items: typeof people }).items);
    url = res.headers.get("link")?.match(/<([^>]+)>;\s*rel="next"/)?.[1] ?? null;
  }
  const licenses = ((await (await fetch(`${h.webexBase}/licenses`, { headers: auth })).json()) as { items: { id: string; name: string }[] }).items;
  const license = licenses.find((l) => l.name.startsWith("Webex Contact Center"))!;
  const roles = ((await (await fetch(`${h.webexBase}/roles`, { headers: auth })).json()) as { items: { id: string; name: string }[] }).items;
  const role = roles.find((r) => r.name === "Device Administrator")!;
  await h.emulatorFetch("/_emulator/license-units", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ licenseId: license.id, totalUnits: 1_000_000 }) });
  const humans = people.filter((p) => p.type === "person" && !p.licenses?.includes(license.id) && !p.roles?.length && !/^(admin|helpdesk|auditor|employee)@/.test(p.emails[0] ?? ""));
  const received = async () => (await h.stats()).received;

  console.log(`emulator latency ${LATENCY} ms; budget ${PER_MINUTE}/min; ${EDITS} edits per path; ${PEOPLE} people per job`);

  // 1. Calls and time per license-only edit.
  async function edits(list: typeof humans, withOriginal: boolean): Promise<{ calls: Record<string, number>; ms: number[] }> {
    const ms: number[] = [];
    const before = await received();
    for (const p of list) {
      const held = p.licenses ?? [];
      const body = { changes: { licenses: [...held, license.id] }, ...(withOriginal ? { original: { licenses: held } } : {}) };
      const t = performance.now();
      const res = await call(person.PATCH, `/api/people/${p.id}`, { method: "PATCH", params: { id: p.id }, body });
      await res.text();
      if (res.status !== 200) throw new Error(`PATCH /api/people → ${res.status}`);
      ms.push(performance.now() - t);
      await sleep(150); // an admin's pace; keeps the budget out of the figure
    }
    const after = await received();
    const calls = Object.fromEntries(Object.entries(after).map(([k, n]) => [k, (n - (before[k] ?? 0)) / list.length]).filter(([, n]) => (n as number) > 0));
    return { calls, ms };
  }
  const viaPut = await edits(humans.slice(0, EDITS), false);
  const viaPatch = await edits(humans.slice(EDITS, 2 * EDITS), true);
  const total = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
  console.log(`1. license-only edit, merge-and-PUT path: ${total(viaPut.calls)} Webex calls per edit ${JSON.stringify(viaPut.calls)}, median ${median(viaPut.ms).toFixed(0)} ms`);
  console.log(`   license-only edit, PATCH /licenses/users: ${total(viaPatch.calls)} Webex calls per edit ${JSON.stringify(viaPatch.calls)}, median ${median(viaPatch.ms).toFixed(0)} ms`);

  // 2. Bulk throughput under the budget.
  const jobPeople = humans.slice(2 * EDITS, 2 * EDITS + PEOPLE);
  async function runJob(body: Record<string, unknown>): Promise<{ job: JobView; seconds: number; calls: number }> {
    const pv = (await (await call(preview.POST, "/api/jobs/preview", { method: "POST", body: { ...body, target: { personIds: jobPeople.map((p) => p.id) } } })).json()) as { job: JobView };
    await sleep(8_000); // the preview's reads leave the bucket
    const callsBefore = (await h.stats()).total;
    const started = performance.now();
    await call(command.POST, `/api/jobs/${pv.job.id}/start`, { method: "POST", params: { id: pv.job.id, command: "start" } });
    let job: JobView;
    for (;;) {
      job = (await (await call(one.GET, `/api/jobs/${pv.job.id}`, { params: { id: pv.job.id } })).json()) as JobView;
      if (job.status === "done" || job.status === "failed") break;
      await sleep(200);
    }
    return { job, seconds: (performance.now() - started) / 1000, calls: (await h.stats()).total - callsBefore };
  }
  const lic = await runJob({ action: "license-add", licenseId: license.id });
  const rol = await runJob({ action: "role-add", roleId: role.id });
  const line = (label: string, r: { job: JobView; seconds: number; calls: number }) =>
    `${label}: ${r.job.counts.done} people in ${r.seconds.toFixed(1)} s, ${r.calls} Webex calls (${(r.calls / r.job.counts.done).toFixed(2)} per person), ${((r.job.counts.done / r.seconds) * 60).toFixed(0)} people/min`;
  console.log(`2. ${line("license-add job (PATCH /licenses/users)", lic)}`);
  console.log(`   ${line("role-add job (GET, PUT, GET)", rol)}`);

  await stopJobEngine();
  await h.close();
  setDbForTests(undefined);
  await closeDb(db);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
