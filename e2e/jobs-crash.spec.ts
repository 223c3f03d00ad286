import { startStack, type Stack } from "../bench/http-harness";
import { expect, test } from "./fixtures";

// Crash test: a console process killed with SIGKILL in the middle of a bulk job, then started again on the same
// data folder, finishes the job, and no person is changed twice. Its own emulator and console (the production
// build the other specs use, as processes on free ports: bench/http-harness.ts), so the shared e2e server is never
// touched; the admin's session is a real one, signed in through the OAuth flow.

const PEOPLE = 240;
let stack: Stack | undefined;

test.afterAll(async () => {
  await stack?.close();
});

test("a console killed mid-job finishes it after a restart, and changes nobody twice", async () => {
  test.setTimeout(300_000);
  // A slower budget than Webex's, so the job is still running when the process is killed.
  stack = await startStack({ people: 2000, perMinute: 300 });
  const admin = await stack.signIn("admin@acme.example");
  const token = (await stack.control<{ access_token: string }>("/tokens", "POST", { email: "admin@acme.example" })).access_token;
  const api = async <T,>(p: string) => (await (await fetch(`${stack!.emulator}/v1${p}`, { headers: { authorization: `Bearer ${token}` } })).json()) as T;
  const license = (await api<{ items: { id: string; name: string }[] }>("/licenses")).items.find((l) => l.name.startsWith("Webex Contact Center"))!;
  await stack.control("/license-units", "PUT", { licenseId: license.id, totalUnits: 5000 });
  const holdersBefore = (await api<{ consumedByUsers: number }>(`/licenses/${license.id}`)).consumedByUsers;
  const everyone = (await api<{ items: { id: string; type: string; licenses: string[] }[] }>("/people?max=1000")).items;
  const targets = everyone.filter((p) => p.type === "person" && !p.licenses.includes(license.id)).slice(0, PEOPLE);
  expect(targets).toHaveLength(PEOPLE);

  const preview = await admin.send("POST", "/api/jobs/preview", { action: "license-add", licenseId: license.id, target: { personIds: targets.map((p) => p.id) } });
  expect(preview.status).toBe(201);
  const jobId = ((await preview.json()) as { job: { id: string } }).job.id;
  expect((await admin.send("POST", `/api/jobs/${jobId}/start`)).status).toBe(200);

  const job = async () => (await (await admin.get(`/api/jobs/${jobId}`)).json()) as { status: string; counts: Record<string, number> };
  await expect.poll(async () => (await job()).counts.done, { timeout: 120_000, intervals: [250] }).toBeGreaterThanOrEqual(30);

  await stack.killConsole();
  const writesAtKill = (await stack.control<{ items: { changed: boolean }[] }>("/writes")).items.filter((w) => w.changed).length;
  expect(writesAtKill).toBeGreaterThan(0);
  expect(writesAtKill).toBeLessThan(PEOPLE);

  await stack.startConsole();
  await expect.poll(async () => (await job()).status, { timeout: 180_000, intervals: [1000] }).toBe("done");
  expect((await job()).counts).toMatchObject({ done: PEOPLE, failed: 0, pending: 0, running: 0 });

  const writes = (await stack.control<{ items: { personId: string; changed: boolean }[] }>("/writes")).items;
  const changedPerPerson = new Map<string, number>();
  for (const w of writes) if (w.changed) changedPerPerson.set(w.personId, (changedPerPerson.get(w.personId) ?? 0) + 1);
  expect(changedPerPerson.size).toBe(PEOPLE);
  expect([...changedPerPerson.values()].every((n) => n === 1)).toBe(true);
  expect(targets.every((t) => changedPerPerson.has(t.id))).toBe(true);
  expect((await api<{ consumedByUsers: number }>(`/licenses/${license.id}`)).consumedByUsers).toBe(holdersBefore + PEOPLE);
});
