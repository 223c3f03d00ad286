// Graceful shutdown with the real production server (.next/standalone/server.js, Next's own signal handling and
// all): SIGTERM to an instance in the middle of a bulk job. It must exit 0, leaving the job released (not waiting
// out its lease) so the other instance takes it at once and finishes it, every person changed exactly once.
// On PostgreSQL (DATABASE_URL) the other instance runs alongside, with its sweeper slowed to 10 minutes so that only
// the hand-off can explain a quick take-over; on PGlite (one process) the same data folder is started again.
// Needs a production build (`npx next build`), so it runs in `npm run test:scale` (after the build, on PostgreSQL);
// `ROSTER_SCALE_TEST=1 npx vitest run --project scale tests/scale/shutdown-standalone.test.ts` runs the PGlite case.
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/bench/http-harness";
import { startEmulator, type RunningEmulator } from "@/emulator/src/server";
import { tokenStoreConfig } from "@/lib/server/auth/config";
import { saveTokens } from "@/lib/server/auth/token-store";
import { closeDb, createDb, type CreateDbOptions, type Db } from "@/lib/server/db";
import { resetEnvCache } from "@/lib/server/env";
import { insertJob, type NewItem } from "@/lib/server/jobs/store";
import { isolatedTestDbOptions, sleep } from "../integration/db-helpers";

const ROOT = path.resolve(__dirname, "../..");
const SERVER = path.join(ROOT, ".next/standalone/server.js");
const SECRET = "shutdown-test-shared-secret";
const PEOPLE = 90;
const pg = Boolean(process.env.DATABASE_URL);

interface Instance {
  name: string;
  base: string;
  proc: ChildProcess;
  output: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

let emu: RunningEmulator;
let dbOptions: CreateDbOptions;
let dataDir: string;
const instances: Instance[] = [];
const savedEnv: Record<string, string | undefined> = {};

async function startInstance(name: string, env: Record<string, string>): Promise<Instance> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    NEXTAUTH_SECRET: SECRET,
    NEXTAUTH_URL: base,
    WEBEX_API_BASE: `${emu.url}/v1`,
    ROSTER_EMULATOR: "1",
    WEBEX_CLIENT_ID: "",
    WEBEX_CLIENT_SECRET: "",
    ROSTER_DATA_DIR: dataDir,
    ROSTER_SNAPSHOT_INTERVAL_MINUTES: "0",
    ROSTER_JOB_CONCURRENCY: "2",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: dbOptions.url,
    ...env,
  };
  if (!dbOptions.url) delete childEnv.DATABASE_URL;
  const proc = spawn(process.execPath, [SERVER], { cwd: ROOT, env: childEnv as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  proc.stdout!.on("data", (d: Buffer) => output.push(d.toString()));
  proc.stderr!.on("data", (d: Buffer) => output.push(d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    proc.on("exit", (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const inst = { name, base, proc, output, exited };
  instances.push(inst);
  const until = Date.now() + 90_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/api/health/ready`)).ok) return inst;
    } catch {
      /* not up yet */
    }
    if (proc.exitCode !== null || Date.now() > until) throw new Error(`${name} did not become ready:\n${output.join("")}`);
    await sleep(250);
  }
}

async function jobRow(db: Db, id: string) {
  const r = await db.execute<{ status: string; lease_owner: string | null; released: boolean }>(sql`
    SELECT status, lease_owner, (lease_until IS NULL OR lease_until <= now()) AS released FROM bulk_jobs WHERE id = ${id}`);
  return r.rows[0]!;
}

async function itemStates(db: Db, id: string): Promise<Record<string, number>> {
  const r = await db.execute<{ state: string; n: number }>(sql`SELECT state, count(*)::int AS n FROM bulk_job_items WHERE job_id = ${id} GROUP BY state`);
  return Object.fromEntries(r.rows.map((x) => [x.state, Number(x.n)]));
}

beforeAll(async () => {
  if (!existsSync(SERVER)) throw new Error("No production build: run `npx next build` first.");
  for (const k of ["NEXTAUTH_SECRET", "ROSTER_EMULATOR", "WEBEX_CLIENT_ID", "WEBEX_CLIENT_SECRET"]) savedEnv[k] = process.env[k];
  Object.assign(process.env, { NEXTAUTH_SECRET: SECRET, ROSTER_EMULATOR: "1", WEBEX_CLIENT_ID: "", WEBEX_CLIENT_SECRET: "" });
  resetEnvCache();
  // Each item is a PATCH of ~300 ms, two at a time: the job lasts well beyond the moment the signal arrives.
  emu = await startEmulator({ port: 0, people: 400, seed: 7, config: { latencyMs: 300 } });
  dataDir = mkdtempSync(path.join(os.tmpdir(), "roster-shutdown-"));
  dbOptions = pg ? await isolatedTestDbOptions() : { dataDir: path.join(dataDir, "pglite") };
}, 120_000);

afterAll(async () => {
  for (const i of instances) if (i.proc.exitCode === null && i.proc.signalCode === null) i.proc.kill("SIGKILL");
  await emu?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
});

describe(`SIGTERM to the standalone server mid-job (${pg ? "PostgreSQL, two instances" : "PGlite, restart"})`, () => {
  it("exits 0 and leaves the job to the next instance at once; every person is changed exactly once", async () => {
    // A job as a preview would store it, started by a session whose Webex token is in the database.
    const db = await createDb(dbOptions);
    let jobId = "";
    let targets: { id: string }[] = [];
    try {
      ({ jobId, targets } = await createJob(db, PEOPLE, 0));
    } finally {
      if (!pg) await closeDb(db); // PGlite: one process per data folder, and A is about to open it
    }
    const pgDb = pg ? db : null;
    const a = await startInstance("A", { ROSTER_JOB_SWEEP_SECONDS: "1" });

    // A takes the job (its sweeper runs every second) and works a part of it.
    const until = Date.now() + 60_000;
    while ((await writesFor(targets)).size < 10) {
      if (Date.now() > until) throw new Error(`A did not work the job:\n${a.output.join("")}`);
      await sleep(200);
    }
    let aOwner: string | null = null;
    if (pgDb) aOwner = (await jobRow(pgDb, jobId)).lease_owner;

    // PostgreSQL: B runs alongside and would only find the job by its sweeper in 10 minutes, or by A's hand-off.
    const b = pg ? await startInstance("B", { ROSTER_JOB_SWEEP_SECONDS: "600" }) : null;
    if (pgDb) expect((await jobRow(pgDb, jobId)).lease_owner).toBe(aOwner); // still A's

    const signalled = Date.now();
    a.proc.kill("SIGTERM");
    // Readiness turns 503 as soon as the signal is handled (then the connection is refused once the server closed).
    const probes: (number | string)[] = [];
    for (let i = 0; i < 100; i++) {
      const status = await fetch(`${a.base}/api/health/ready`).then((r) => r.status).catch(() => "closed");
      if (probes.at(-1) !== status) probes.push(status);
      if (status !== 200) break;
      await sleep(20);
    }
    expect(probes.at(-1) === 503 || probes.at(-1) === "closed", JSON.stringify(probes)).toBe(true);
    const exit = await a.exited;
    const log = a.output.join("");
    expect(exit, log).toMatchObject({ code: 0, signal: null });
    expect(exit.at - signalled).toBeLessThan(25_000);
    expect(log).toMatch(/SIGTERM: shutting down/);
    expect(log).toMatch(/"msg":"shut down"/);
    const doneByA = (await writesFor(targets)).size;
    expect(doneByA).toBeLessThan(PEOPLE); // the signal came mid-job

    let finisher: Instance;
    if (pgDb) {
      // Right after A's exit the job is released (or already B's), with no item left half-done by A.
      const row = await jobRow(pgDb, jobId);
      expect(row.status).toBe("running");
      expect(row.lease_owner === aOwner ? row.released : true).toBe(true);
      // B takes it within seconds: not after A's 30 s lease, not by its 10-minute sweep.
      const taken = Date.now() + 10_000;
      while ((await jobRow(pgDb, jobId)).lease_owner === aOwner) {
        if (Date.now() > taken) throw new Error(`B did not take the job within 10 s of A's exit:\n${b!.output.join("")}`);
        await sleep(100);
      }
      console.log(`B took the job ${Date.now() - exit.at} ms after A exited (A had changed ${doneByA} of ${PEOPLE}; readiness ${probes.join(" → ")})`);
      finisher = b!;
    } else {
      const check = await createDb(dbOptions);
      try {
        const row = await jobRow(check, jobId);
        expect(row.status).toBe("running");
        expect(row.released).toBe(true);
        expect((await itemStates(check, jobId)).running ?? 0).toBe(0);
      } finally {
        await closeDb(check);
      }
      console.log(`A exited ${exit.at - signalled} ms after SIGTERM, having changed ${doneByA} of ${PEOPLE}; readiness ${probes.join(" → ")}`);
      finisher = await startInstance("A again", { ROSTER_JOB_SWEEP_SECONDS: "600" });
    }

    // The job ends done, and the emulator's write log shows every person changed exactly once.
    const end = Date.now() + 120_000;
    while (pgDb ? (await jobRow(pgDb, jobId)).status !== "done" : (await writesFor(targets)).size < PEOPLE) {
      if (Date.now() > end) throw new Error(`the job did not finish:\n${finisher.output.join("")}`);
      await sleep(250);
    }
    const writes = await writesFor(targets);
    expect(writes.size).toBe(PEOPLE);
    expect([...writes.values()].filter((n) => n !== 1)).toEqual([]);

    // The finishing instance shuts down cleanly too.
    finisher.proc.kill("SIGTERM");
    expect(await finisher.exited, finisher.output.join("")).toMatchObject({ code: 0, signal: null });

    const check = pgDb ?? (await createDb(dbOptions));
    try {
      expect((await jobRow(check, jobId)).status).toBe("done");
      expect(await itemStates(check, jobId)).toEqual({ done: PEOPLE });
    } finally {
      await closeDb(check);
    }
  }, 240_000);

  it("a shutdown that outlasts ROSTER_SHUTDOWN_TIMEOUT_SECONDS, or a second signal, exits 1 at once", async () => {
    // Items of 4 s each: the engine cannot let them finish within a 1 s budget.
    await fetch(`${emu.url}/_emulator/config`, { method: "PUT", headers: { "content-type": "application/json" }, body: '{"latencyMs":4000}' });
    try {
      const db = await createDb(dbOptions);
      let targets: { id: string }[] = [];
      try {
        ({ targets } = await createJob(db, 40, PEOPLE));
      } finally {
        await closeDb(db);
      }
      const waitForWrites = async (n: number, inst: Instance) => {
        const until = Date.now() + 60_000;
        while ((await writesFor(targets)).size < n) {
          if (Date.now() > until) throw new Error(`${inst.name} did not work the job:\n${inst.output.join("")}`);
          await sleep(100);
        }
      };

      const c = await startInstance("C", { ROSTER_JOB_SWEEP_SECONDS: "1", ROSTER_SHUTDOWN_TIMEOUT_SECONDS: "1" });
      await waitForWrites(1, c);
      await sleep(1_000); // the first items are done, the next ones are in flight for 3 more seconds
      let signalled = Date.now();
      c.proc.kill("SIGTERM");
      let exit = await c.exited;
      expect(exit, c.output.join("")).toMatchObject({ code: 1, signal: null });
      expect(exit.at - signalled).toBeLessThan(3_000);
      expect(c.output.join("")).toMatch(/shutdown did not finish within 1 s: exiting now/);

      // C's in-flight requests still land at the emulator after its exit (4 s latency): count only after they have,
      // so the next write is D's own (D takes the job once C's lease has run out) and D has items in flight.
      await sleep(4_500);
      const d = await startInstance("D", { ROSTER_JOB_SWEEP_SECONDS: "1" });
      await waitForWrites((await writesFor(targets)).size + 1, d);
      await sleep(1_000);
      signalled = Date.now();
      d.proc.kill("SIGTERM");
      await sleep(100);
      d.proc.kill("SIGTERM");
      exit = await d.exited;
      expect(exit, d.output.join("")).toMatchObject({ code: 1, signal: null });
      expect(exit.at - signalled).toBeLessThan(2_000);
      expect(d.output.join("")).toMatch(/second SIGTERM: exiting now/);
    } finally {
      await fetch(`${emu.url}/_emulator/config`, { method: "PUT", headers: { "content-type": "application/json" }, body: '{"latencyMs":300}' });
    }
  }, 180_000);
});

/** A queued license-add job for `count` people (from `offset` in the org), as a preview would store it. */
async function createJob(db: Db, count: number, offset: number): Promise<{ jobId: string; targets: { id: string }[] }> {
  const { access_token } = (await (
    await fetch(`${emu.url}/_emulator/tokens`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"email":"admin@acme.example"}' })
  ).json()) as { access_token: string };
  const auth = { authorization: `Bearer ${access_token}` };
  const me = (await (await fetch(`${emu.url}/v1/people/me`, { headers: auth })).json()) as { id: string; orgId: string; emails: string[] };
  const licenses = ((await (await fetch(`${emu.url}/v1/licenses`, { headers: auth })).json()) as { items: { id: string; name: string }[] }).items;
  const license = licenses.find((l) => l.name.startsWith("Webex Contact Center")) ?? licenses[0]!;
  await fetch(`${emu.url}/_emulator/license-units`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ licenseId: license.id, totalUnits: 5000 }) });
  const people = ((await (await fetch(`${emu.url}/v1/people?max=400`, { headers: auth })).json()) as {
    items: { id: string; type?: string; emails: string[]; displayName?: string; licenses?: string[] }[];
  }).items;
  const chosen = people.filter((p) => p.type === "person" && !p.licenses?.includes(license.id)).slice(offset, offset + count);
  expect(chosen).toHaveLength(count);
  const sessionId = `s-${randomUUID()}`;
  await saveTokens(db, tokenStoreConfig(), { sessionId, personId: me.id, orgId: me.orgId, tokens: { accessToken: access_token, expiresIn: 3600, scopes: "spark-admin:people_write spark-admin:licenses_read" } });
  const jobId = randomUUID();
  const items: NewItem[] = chosen.map((p) => ({
    personId: p.id,
    email: p.emails[0] ?? null,
    displayName: p.displayName ?? null,
    state: "pending",
    input: { licenseIds: [license.id] },
    plan: { licenses: p.licenses ?? [], changes: [{ field: "licenses", before: p.licenses ?? [], after: [...(p.licenses ?? []), license.id] }] },
  }));
  await insertJob(
    db,
    {
      id: jobId,
      orgId: me.orgId,
      kind: "license-add",
      status: "queued",
      label: `Add ${license.name}`,
      params: { licenseId: license.id, licenseName: license.name },
      createdBy: { id: me.id, email: me.emails[0]!, name: null },
      sessionId,
    },
    items,
  );
  return { jobId, targets: chosen };
}

/** Person → how many writes changed them, from the emulator's write log. */
async function writesFor(targets: { id: string }[]): Promise<Map<string, number>> {
  const ids = new Set(targets.map((t) => t.id));
  const log = ((await (await fetch(`${emu.url}/_emulator/writes`)).json()) as { items: { personId: string; changed: boolean }[] }).items;
  const out = new Map<string, number>();
  for (const w of log) if (w.changed && ids.has(w.personId)) out.set(w.personId, (out.get(w.personId) ?? 0) + 1);
  return out;
}
