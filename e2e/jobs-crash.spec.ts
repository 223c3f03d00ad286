import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test } from "./fixtures";

// Crash test: a console process killed with SIGKILL in the middle of a bulk job, then started again on the same
// data folder, finishes the job, and no person is changed twice. Its own emulator and console (the production
// build the other specs use), on free ports, so the shared e2e server is never touched.

const ROOT = path.resolve(__dirname, "..");
const PEOPLE = 240;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitUp(url: string, ms = 120_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up`);
}

const children: ChildProcess[] = [];
function run(args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: "ignore" });
  children.push(child);
  return child;
}

test.afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
});

test("a console killed mid-job finishes it after a restart, and changes nobody twice", async ({ page }) => {
  test.setTimeout(300_000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "roster-crash-"));
  const [emuPort, port] = await Promise.all([freePort(), freePort()]);
  const emu = `http://127.0.0.1:${emuPort}`;
  const base = `http://127.0.0.1:${port}`;
  run([path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), path.join(ROOT, "emulator/main.ts")], { EMULATOR_PORT: String(emuPort) });
  await waitUp(`${emu}/_emulator/health`);
  const consoleEnv = {
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    ROSTER_EMULATOR: "1",
    WEBEX_API_BASE: `${emu}/v1`,
    WEBEX_CLIENT_ID: "roster-dev-client",
    WEBEX_CLIENT_SECRET: "roster-dev-secret",
    NEXTAUTH_URL: base,
    ROSTER_DATA_DIR: dataDir,
    // A slower budget than Webex's, so the job is still running when the process is killed.
    WEBEX_RATE_LIMIT_PER_MINUTE: "300",
    ROSTER_SNAPSHOT_INTERVAL_MINUTES: "0",
  };
  const startConsole = async () => {
    const child = run([path.join(ROOT, ".next/standalone/server.js")], consoleEnv);
    await waitUp(`${base}/signin`);
    return child;
  };
  try {
    let console_ = await startConsole();
    await page.goto(`${base}/people`);
    await page.getByRole("button", { name: /sign in with webex/i }).click();
    await page.getByRole("button", { name: /admin@acme\.example/i }).click();
    await expect(page).toHaveURL(/\/people/);

    const control = async (p: string, method = "GET", body?: unknown) =>
      (await fetch(`${emu}/_emulator${p}`, { method, headers: body ? { "content-type": "application/json" } : {}, body: body ? JSON.stringify(body) : undefined })).json();
    const token = ((await control("/tokens", "POST", { email: "admin@acme.example" })) as { access_token: string }).access_token;
    const api = async <T,>(p: string) => (await (await fetch(`${emu}/v1${p}`, { headers: { authorization: `Bearer ${token}` } })).json()) as T;
    const license = (await api<{ items: { id: string; name: string }[] }>("/licenses")).items.find((l) => l.name.startsWith("Webex Contact Center"))!;
    await control("/license-units", "PUT", { licenseId: license.id, totalUnits: 5000 });
    const holdersBefore = (await api<{ consumedByUsers: number }>(`/licenses/${license.id}`)).consumedByUsers;
    const everyone = (await api<{ items: { id: string; type: string; licenses: string[] }[] }>("/people?max=1000")).items;
    const targets = everyone.filter((p) => p.type === "person" && !p.licenses.includes(license.id)).slice(0, PEOPLE);
    expect(targets).toHaveLength(PEOPLE);

    const headers = { origin: base };
    const preview = await page.request.post(`${base}/api/jobs/preview`, { headers, data: { action: "license-add", licenseId: license.id, target: { personIds: targets.map((p) => p.id) } } });
    expect(preview.status()).toBe(201);
    const jobId = ((await preview.json()) as { job: { id: string } }).job.id;
    expect((await page.request.post(`${base}/api/jobs/${jobId}/start`, { headers })).status()).toBe(200);

    const job = async () => (await (await page.request.get(`${base}/api/jobs/${jobId}`)).json()) as { status: string; counts: Record<string, number> };
    await expect.poll(async () => (await job()).counts.done, { timeout: 120_000, intervals: [250] }).toBeGreaterThanOrEqual(30);

    console_.kill("SIGKILL");
    await new Promise((r) => console_.once("exit", r));
    const writesAtKill = ((await control("/writes")) as { items: { changed: boolean }[] }).items.filter((w) => w.changed).length;
    expect(writesAtKill).toBeGreaterThan(0);
    expect(writesAtKill).toBeLessThan(PEOPLE);

    console_ = await startConsole();
    await expect.poll(async () => (await job()).status, { timeout: 180_000, intervals: [1000] }).toBe("done");
    const end = await job();
    expect(end.counts).toMatchObject({ done: PEOPLE, failed: 0, pending: 0, running: 0 });

    const writes = ((await control("/writes")) as { items: { personId: string; changed: boolean }[] }).items;
    const changedPerPerson = new Map<string, number>();
    for (const w of writes) if (w.changed) changedPerPerson.set(w.personId, (changedPerPerson.get(w.personId) ?? 0) + 1);
    expect(changedPerPerson.size).toBe(PEOPLE);
    expect([...changedPerPerson.values()].every((n) => n === 1)).toBe(true);
    expect(targets.every((t) => changedPerPerson.has(t.id))).toBe(true);
    const holders = (await api<{ consumedByUsers: number }>(`/licenses/${license.id}`)).consumedByUsers;
    expect(holders).toBe(holdersBefore + PEOPLE);
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  }
});
