// Bulk jobs through their route handlers and the real engine (pg-boss on the test database), against the
// in-process emulator: preview, start, progress, pause/resume/cancel, retry, results, permissions, bad input.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as jobs from "@/app/api/jobs/route";
import * as preview from "@/app/api/jobs/preview/route";
import * as one from "@/app/api/jobs/[id]/route";
import * as items from "@/app/api/jobs/[id]/items/route";
import * as results from "@/app/api/jobs/[id]/results/route";
import * as command from "@/app/api/jobs/[id]/[command]/route";
import { call, type ApiHarness } from "@/bench/api-harness";
import type { JobItemsPage, JobPreview, JobView } from "@/lib/jobs/api-types";
import type { Db } from "@/lib/server/db";
import { startJobEngine, stopJobEngine } from "@/lib/server/jobs/engine";
import { sleep } from "./db-helpers";
import { startJobsHarness, type JobsHarness } from "./jobs-harness";

type P = { id: string; emails: string[]; licenses?: string[]; roles?: string[]; loginEnabled?: boolean; invitePending?: boolean; type?: string; displayName?: string };

let harness: JobsHarness;
let h: ApiHarness;
let db: Db;
let people: P[];
let licenses: { id: string; name: string; totalUnits: number; consumedUnits: number }[];

async function webex<T>(path: string): Promise<T> {
  const res = await fetch(`${h.webexBase}${path}`, { headers: { authorization: `Bearer ${h.tokens.admin}` } });
  if (!res.ok) throw new Error(`${path} → ${res.status}`);
  return (await res.json()) as T;
}

async function stored(email: string): Promise<P> {
  return (await (await h.emulatorFetch(`/_emulator/people?email=${encodeURIComponent(email)}`)).json()) as P;
}

async function writesFor(personId: string): Promise<{ route: string; changed: boolean; status: number }[]> {
  return ((await (await h.emulatorFetch(`/_emulator/writes?personId=${encodeURIComponent(personId)}`)).json()) as { items: { route: string; changed: boolean; status: number }[] }).items;
}

/**
 * Webex's writes to each of `ids` from now on: `since()` answers, per person, only the writes made after this call
 * (another test may have written to the same people before).
 */
async function writesFrom(ids: string[]): Promise<{ since(id: string): Promise<{ route: string; changed: boolean; status: number }[]> }> {
  const seen = new Map(await Promise.all(ids.map(async (id) => [id, (await writesFor(id)).length] as const)));
  return { since: async (id) => (await writesFor(id)).slice(seen.get(id) ?? 0) };
}

async function previewOf(body: unknown): Promise<{ status: number; json: JobPreview & { error?: { message: string; fields?: Record<string, string> } } }> {
  const res = await call(preview.POST, "/api/jobs/preview", { method: "POST", body });
  return { status: res.status, json: (await res.json()) as never };
}

async function run(id: string, cmd: string, body?: unknown): Promise<{ status: number; json: JobView & { error?: { message: string } } }> {
  const res = await call(command.POST, `/api/jobs/${id}/${cmd}`, { method: "POST", params: { id, command: cmd }, body });
  return { status: res.status, json: (await res.json()) as never };
}

async function view(id: string): Promise<JobView> {
  return (await (await call(one.GET, `/api/jobs/${id}`, { params: { id } })).json()) as JobView;
}

async function until(id: string, done: (j: JobView) => boolean, ms = 60_000): Promise<JobView> {
  const end = Date.now() + ms;
  for (;;) {
    const j = await view(id);
    if (done(j)) return j;
    if (Date.now() > end) throw new Error(`job ${id} stuck: ${JSON.stringify(j)}`);
    await sleep(100);
  }
}

const finished = (j: JobView) => j.status === "done" || j.status === "failed" || j.status === "cancelled";

beforeAll(async () => {
  harness = await startJobsHarness({ people: 600, seed: 11 });
  h = harness.h;
  db = harness.db;
});

// The org as Webex holds it when each test starts: the tests change it (licenses added, people deleted or
// deactivated), and each one chooses its people and pools from what is there now, whichever ran before it.
beforeEach(async () => {
  people = [];
  let url: string | null = "/people?max=1000";
  while (url) {
    const res: Response = await fetch(url.startsWith("http") ? url : `${h.webexBase}${url}`, { headers: { authorization: `Bearer ${h.tokens.admin}` } });
    people.push(...((await res.json()) as { items: P[] }).items);
    url = res.headers.get("link")?.match(/<([^>]+)>;\s*rel="next"/)?.[1] ?? null;
  }
  licenses = (await webex<{ items: typeof licenses }>("/licenses")).items;
});

/** Requests Webex has received so far that are not reads, by route and status (for before/after deltas). */
async function writeCounts(): Promise<Record<string, Record<string, number>>> {
  return Object.fromEntries(Object.entries((await h.stats()).routes).filter(([k]) => !k.startsWith("GET")));
}

afterAll(async () => {
  await harness?.close();
});

describe("bulk license add", () => {
  it("previews before → after and skips, runs on the server, and changes exactly the previewed people", async () => {
    h.signIn("helpdesk");
    const messaging = licenses.find((l) => l.name === "Messaging")!;
    const humans = people.filter((p) => p.type === "person" && p.emails[0] !== "admin@acme.example");
    const lacking = humans.filter((p) => !p.licenses?.includes(messaging.id)).slice(0, 6);
    const holding = humans.filter((p) => p.licenses?.includes(messaging.id)).slice(0, 3);
    const bot = people.find((p) => p.type !== "person")!;
    const before = (await h.stats()).total;
    const writesBefore = await writeCounts();
    const personWrites = await writesFrom([...lacking, ...holding, bot].map((p) => p.id));

    const { status, json: pv } = await previewOf({ action: "license-add", licenseId: messaging.id, target: { personIds: [...lacking, ...holding, bot].map((p) => p.id) } });
    expect(status).toBe(201);
    expect(pv.willChange).toBe(lacking.length);
    expect(pv.skipped).toEqual([
      { reason: "Already has this license.", count: 3 },
      { reason: "Bots and app users are left alone.", count: 1 },
    ]);
    expect(pv.pool).toMatchObject({ needed: 6, fits: 6 });
    expect(pv.job.status).toBe("draft");
    expect(pv.job.label).toBe("Add Messaging to 6 people");
    // Previewing wrote nothing to Webex: only reads.
    expect(await writeCounts()).toEqual(writesBefore);
    expect((await h.stats()).total - before).toBeGreaterThan(0);

    const first = (await (await call(items.GET, `/api/jobs/${pv.job.id}/items`, { params: { id: pv.job.id }, query: { state: "pending" } })).json()) as JobItemsPage;
    expect(first.items).toHaveLength(6);
    expect(first.items[0]!.changes[0]).toMatchObject({ field: "licenses" });

    // Drafts are not listed.
    const listed = (await (await call(jobs.GET, "/api/jobs")).json()) as { items: JobView[] };
    expect(listed.items.find((j) => j.id === pv.job.id)).toBeUndefined();

    const started = await run(pv.job.id, "start");
    expect(started.status).toBe(200);
    expect(["queued", "running", "done"]).toContain(started.json.status);
    const done = await until(pv.job.id, finished);
    expect(done.status).toBe("done");
    expect(done.counts).toMatchObject({ done: 6, failed: 0, skipped: 4, pending: 0, running: 0 });
    expect(done.webexCalls).toBe(6); // one PATCH per person, nothing else
    for (const p of lacking) {
      expect((await stored(p.emails[0]!)).licenses).toContain(messaging.id);
      expect(await personWrites.since(p.id)).toEqual([expect.objectContaining({ route: "PATCH /v1/licenses/users", changed: true })]);
    }
    for (const p of [...holding, bot]) expect(await personWrites.since(p.id)).toEqual([]);
    const puts = (counts: Record<string, Record<string, number>>) =>
      Object.entries(counts).filter(([k]) => k.startsWith("PUT")).reduce((n, [, byStatus]) => n + Object.values(byStatus).reduce((a, b) => a + b, 0), 0);
    expect(puts(await writeCounts())).toBe(puts(writesBefore));

    const bytes = new Uint8Array(await (await call(results.GET, `/api/jobs/${pv.job.id}/results`, { params: { id: pv.job.id } })).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM: Excel reads it as UTF-8
    const csv = new TextDecoder().decode(bytes);
    expect(csv.startsWith("Name,Email")).toBe(true);
    expect(csv.split("\r\n").filter(Boolean)).toHaveLength(1 + 10);
    expect(csv).toContain("Licenses: + Messaging");

    const list = (await (await call(jobs.GET, "/api/jobs")).json()) as { items: JobView[] };
    expect(list.items[0]!.id).toBe(pv.job.id);
  });

  it("says when a pool is too small, and runs only what fits when asked", async () => {
    h.signIn("admin");
    const free = (l: (typeof licenses)[number]) => l.totalUnits - l.consumedUnits;
    const small = licenses.filter((l) => free(l) > 0 && !/calling/i.test(l.name)).sort((a, b) => free(a) - free(b))[0];
    expect(small, "a license with free units").toBeTruthy();
    const left = small!.totalUnits - small!.consumedUnits;
    const lacking = people.filter((p) => p.type === "person" && !p.licenses?.includes(small!.id)).slice(0, left + 3);
    const { json: pv } = await previewOf({ action: "license-add", licenseId: small!.id, target: { personIds: lacking.map((p) => p.id) } });
    expect(pv.pool).toEqual({ licenseId: small!.id, name: small!.name, needed: left + 3, remaining: left, fits: left });
    const refused = await run(pv.job.id, "start");
    expect(refused.status).toBe(409);
    expect(refused.json.error!.message).toMatch(new RegExp(`needs ${left + 3} units .* ${left} are left`));
    const ok = await run(pv.job.id, "start", { onlyWhatFits: true });
    expect(ok.status).toBe(200);
    const done = await until(pv.job.id, finished);
    expect(done.counts).toMatchObject({ done: left, skipped: 3, failed: 0 });
    const after = (await webex<{ items: typeof licenses }>("/licenses")).items.find((l) => l.id === small!.id)!;
    expect(after.totalUnits - after.consumedUnits).toBe(0);
  });
});

describe("failures and retry", () => {
  it("items Webex refuses fail with its message and tracking ID; retry runs only those, and they succeed once possible", async () => {
    h.signIn("admin");
    const lic = (await webex<{ items: typeof licenses }>("/licenses")).items.find((l) => l.name.startsWith("Webex Contact Center"))!;
    const targets = people.filter((p) => p.type === "person" && !p.licenses?.includes(lic.id) && p.emails[0]!.includes(".")).slice(200, 206);
    await h.emulatorFetch("/_emulator/license-units", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ licenseId: lic.id, totalUnits: lic.consumedUnits + 10 }) });
    const { json: pv } = await previewOf({ action: "license-add", licenseId: lic.id, target: { personIds: targets.map((p) => p.id) } });
    expect(pv.pool).toMatchObject({ needed: 6, fits: 6 });
    // Meanwhile the pool shrinks (someone else took units): only 2 of the 6 fit when the job runs.
    await h.emulatorFetch("/_emulator/license-units", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ licenseId: lic.id, totalUnits: lic.consumedUnits + 2 }) });
    expect((await run(pv.job.id, "start")).status).toBe(409); // checked again at start: it says so
    expect((await run(pv.job.id, "start", { onlyWhatFits: true })).status).toBe(200);
    const first = await until(pv.job.id, finished);
    expect(first.counts).toMatchObject({ done: 2, skipped: 4, failed: 0 });

    // A pool that empties after the job started (another admin took the units): Webex refuses the rest (400),
    // each with its message. The engine is stopped meanwhile so the order of events is certain.
    await h.emulatorFetch("/_emulator/license-units", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ licenseId: lic.id, totalUnits: lic.consumedUnits + 12 }) });
    const more = people.filter((p) => p.type === "person" && !p.licenses?.includes(lic.id) && p.emails[0]!.includes(".")).slice(220, 226);
    const { json: pv2 } = await previewOf({ action: "license-add", licenseId: lic.id, target: { personIds: more.map((p) => p.id) } });
    await stopJobEngine();
    expect((await run(pv2.job.id, "start")).status).toBe(200);
    await h.emulatorFetch("/_emulator/license-units", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ licenseId: lic.id, totalUnits: lic.consumedUnits + 5 }) });
    await startJobEngine({ db, clientFor: h.jobClient, pollingIntervalSeconds: 0.5, sweepMs: 1000 });
    const ended = await until(pv2.job.id, finished);
    expect(ended.counts).toMatchObject({ done: 3, failed: 3 });
    const failed = (await (await call(items.GET, `/api/jobs/${pv2.job.id}/items`, { params: { id: pv2.job.id }, query: { state: "failed" } })).json()) as JobItemsPage;
    expect(failed.items[0]!.message).toMatch(/license/i);
    expect(failed.items[0]!.status).toBe(400);
    expect(failed.items[0]!.trackingId).toBeTruthy();
    await h.emulatorFetch("/_emulator/license-units", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ licenseId: lic.id, totalUnits: lic.consumedUnits + 50 }) });
    const retried = await run(pv2.job.id, "retry");
    expect(retried.status).toBe(200);
    const again = await until(pv2.job.id, finished);
    expect(again.counts.failed).toBe(0);
    expect(again.counts.done).toBe(ended.counts.done + ended.counts.failed);
    expect((await run(pv2.job.id, "retry")).status).toBe(409); // nothing failed any more
  });
});

describe("bulk changes through the safe edit path", () => {
  it("deactivates a filtered set (all matching), audits each person with the job id, and reactivates them", async () => {
    h.signIn("admin");
    const prefix = people.find((p) => p.type === "person" && p.loginEnabled !== false && p.displayName && !p.roles?.length)!.displayName!.slice(0, 3);
    const matching = people.filter((p) => p.displayName?.startsWith(prefix));
    const { json: pv } = await previewOf({ action: "deactivate", target: { filter: { displayName: prefix } } });
    expect(pv.job.counts.pending + pv.job.counts.skipped).toBe(matching.length);
    await run(pv.job.id, "start");
    const done = await until(pv.job.id, finished);
    expect(done.counts.failed).toBe(0);
    const changed = (await (await call(items.GET, `/api/jobs/${pv.job.id}/items`, { params: { id: pv.job.id }, query: { state: "done" } })).json()) as JobItemsPage;
    for (const it of changed.items) {
      expect((await stored(it.email!)).loginEnabled).toBe(false);
      expect(it.changes).toEqual([{ field: "loginEnabled", before: true, after: false }]);
    }
    const { listAudit } = await import("@/lib/server/audit/audit");
    const audit = await listAudit(h.users.admin.orgId, { action: "person.deactivate", limit: 200 });
    const ofJob = audit.items.filter((e) => e.jobId === pv.job.id);
    expect(ofJob).toHaveLength(changed.items.length);

    const { json: back } = await previewOf({ action: "reactivate", target: { personIds: changed.items.map((i) => i.personId!) } });
    expect(back.willChange).toBe(changed.items.length);
    await run(back.job.id, "start");
    expect((await until(back.job.id, finished)).counts.done).toBe(changed.items.length);
  });
});

describe("commands and bad input", () => {
  it("refuses empty selections, unknown licenses and roles before anything reaches Webex", async () => {
    h.signIn("admin");
    const before = await h.stats();
    const empty = await previewOf({ action: "license-add", licenseId: licenses[0]!.id, target: { personIds: [] } });
    expect(empty.status).toBe(400);
    expect(empty.json.error!.fields!["target.personIds"] ?? JSON.stringify(empty.json.error)).toMatch(/at least one/i);
    const noLicense = await previewOf({ action: "license-add", target: { personIds: [people[0]!.id] } });
    expect(noLicense.status).toBe(400);
    expect(noLicense.json.error!.fields!.licenseId).toBe("Choose a license");
    const badAction = await previewOf({ action: "explode", target: { personIds: [people[0]!.id] } });
    expect(badAction.status).toBe(400);
    expect((await h.stats()).total).toBe(before.total); // nothing at all sent to Webex

    const unknown = await previewOf({ action: "license-add", licenseId: "Y2lzY29zcGFyazovL3VzL0xJQ0VOU0Uvbm9wZQ", target: { personIds: [people[0]!.id] } });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error!.message).toMatch(/unknown license/i);
    const after = await h.stats();
    expect(Object.keys(after.routes).filter((k) => !k.startsWith("GET"))).toEqual(Object.keys(before.routes).filter((k) => !k.startsWith("GET")));
  });

  it("read-only admins see jobs but cannot preview, start or cancel (403)", async () => {
    h.signIn("admin");
    const { json: pv } = await previewOf({ action: "deactivate", target: { personIds: [people.find((p) => p.type === "person" && p.emails[0]!.includes("."))!.id] } });
    h.signIn("auditor");
    expect((await call(jobs.GET, "/api/jobs")).status).toBe(200);
    expect((await call(one.GET, `/api/jobs/${pv.job.id}`, { params: { id: pv.job.id } })).status).toBe(200);
    expect((await previewOf({ action: "deactivate", target: { personIds: [people[0]!.id] } })).status).toBe(403);
    expect((await run(pv.job.id, "start")).status).toBe(403);
    expect((await run(pv.job.id, "cancel")).status).toBe(403);
    h.signIn("employee");
    expect((await call(jobs.GET, "/api/jobs")).status).toBe(403);
  });

  it("a job of another org is not found; unknown commands and ids are 400; finished jobs cannot be cancelled", async () => {
    h.signIn("admin");
    const { json: pv } = await previewOf({ action: "reactivate", target: { personIds: [people[5]!.id] } });
    const other = { ...h.users.admin, orgId: "another-org" };
    const { setApiDepsForTests, apiDeps } = await import("@/lib/server/api/deps");
    const saved = apiDeps();
    setApiDepsForTests({ ...saved, getSessionUser: async () => other });
    try {
      expect((await call(one.GET, `/api/jobs/${pv.job.id}`, { params: { id: pv.job.id } })).status).toBe(404);
      expect((await run(pv.job.id, "start")).status).toBe(404);
    } finally {
      setApiDepsForTests(saved);
    }
    expect((await run(pv.job.id, "explode")).status).toBe(400);
    expect((await call(one.GET, "/api/jobs/not-a-uuid", { params: { id: "not-a-uuid" } })).status).toBe(400);
    expect((await run(pv.job.id, "cancel")).status).toBe(409); // a draft: nothing to cancel

    const reactivatable = people.find((p) => p.loginEnabled === false && p.type === "person")!;
    const { json: pv2 } = await previewOf({ action: "reactivate", target: { personIds: [reactivatable.id] } });
    await run(pv2.job.id, "start");
    await until(pv2.job.id, finished);
    const cancelled = await run(pv2.job.id, "cancel");
    expect(cancelled.status).toBe(409);
    expect(cancelled.json.error!.message).toMatch(/already finished/);
    expect((await run(pv2.job.id, "start")).status).toBe(409);
  });

  it("delete needs the typed count; pause, resume and cancel act between items", async () => {
    h.signIn("admin");
    const victims = people.filter((p) => p.type === "person" && !p.roles?.length && p.emails[0]!.includes(".")).slice(-3);
    const { json: pv } = await previewOf({ action: "delete", target: { personIds: victims.map((p) => p.id) } });
    expect(pv.willChange).toBe(3);
    const victimWrites = await writesFrom([victims[0]!.id]);
    const wrong = await run(pv.job.id, "start", { confirm: 2 });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error!.message).toMatch(/type the number of people who will be deleted \(3\)/i);
    expect(await victimWrites.since(victims[0]!.id)).toEqual([]);
    const ok = await run(pv.job.id, "start", { confirm: 3 });
    expect(ok.status).toBe(200);
    const done = await until(pv.job.id, finished);
    expect(done.counts.done).toBe(3);
    for (const v of victims) expect((await h.emulatorFetch(`/_emulator/people?email=${encodeURIComponent(v.emails[0]!)}`)).status).toBe(404);

    // A slow Webex, so the job is still going when we pause it.
    await h.emulatorFetch("/_emulator/config", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ latencyMs: 150 }) });
    try {
      const targets = people.filter((p) => p.type === "person" && !p.roles?.length && p.loginEnabled !== false).slice(100, 140);
      const targetWrites = await writesFrom(targets.map((p) => p.id));
      const { json: slow } = await previewOf({ action: "role-add", roleId: await readOnlyRole(), target: { personIds: targets.map((p) => p.id) } });
      await run(slow.job.id, "start");
      await until(slow.job.id, (j) => j.counts.done >= 2);
      const paused = await run(slow.job.id, "pause");
      expect(paused.json.status).toBe("paused");
      await sleep(1500); // in-flight items finish; nothing more starts
      const a = await view(slow.job.id);
      await sleep(1500);
      const b = await view(slow.job.id);
      expect(b.counts.done).toBe(a.counts.done);
      expect(b.counts.running).toBe(0);
      expect((await run(slow.job.id, "resume")).json.status).toMatch(/queued|running/);
      await until(slow.job.id, (j) => j.counts.done > b.counts.done);
      const cancelled = await run(slow.job.id, "cancel");
      expect(cancelled.json.status).toBe("cancelled");
      const end = await until(slow.job.id, (j) => j.counts.running === 0);
      expect(end.counts.pending).toBe(0);
      expect(end.counts.skipped).toBeGreaterThan(0);
      const notRun = (await (await call(items.GET, `/api/jobs/${slow.job.id}/items`, { params: { id: slow.job.id }, query: { state: "skipped" } })).json()) as JobItemsPage;
      for (const it of notRun.items) {
        expect(it.message).toBe("Not run: the job was cancelled.");
        expect(await targetWrites.since(it.personId!)).toEqual([]);
      }
    } finally {
      await h.emulatorFetch("/_emulator/config", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ latencyMs: 0 }) });
    }
  });
});

async function readOnlyRole(): Promise<string> {
  const roles = (await webex<{ items: { id: string; name: string }[] }>("/roles")).items;
  return roles.find((r) => r.name === "Read-only Administrator")!.id;
}
