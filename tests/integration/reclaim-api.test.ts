// The reclaim scan and reclaim action through their route handlers, against the in-process emulator.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as reclaim from "@/app/api/reclaim/route";
import * as scan from "@/app/api/reclaim/scan/route";
import * as oneJob from "@/app/api/jobs/[id]/route";
import * as jobItems from "@/app/api/jobs/[id]/items/route";
import { startJobEngine, stopJobEngine } from "@/lib/server/jobs/engine";
import { call, startApiHarness, type ApiHarness } from "@/bench/api-harness";
import { SCAN_NEEDS_WRITE, applyCriteria, toCandidate, type PersonFacts, type ReclaimCandidate } from "@/lib/licenses/reclaim";
import { closeDb, createDb, setDbForTests, type Db } from "@/lib/server/db";
import { reclaimView } from "@/lib/server/licenses/views";
import { isolatedTestDbOptions, sleep } from "./db-helpers";

type Person = PersonFacts & { id: string };
type Row = ReclaimCandidate & { reasons: string[] };
type View = { running: { id: string } | null; scan: { peopleScanned: number; webexCalls: number } | null; rows: Row[]; units: Record<string, number> };

const PEOPLE = 2500;
let h: ApiHarness;
let db: Db;

async function webexJson<T>(url: string): Promise<{ body: T; next: string | null }> {
  const res = await fetch(url.startsWith("http") ? url : `${h.webexBase}${url}`, { headers: { authorization: `Bearer ${h.tokens.admin}` } });
  const link = res.headers.get("link");
  return { body: (await res.json()) as T, next: link?.match(/<([^>]+)>;\s*rel="next"/)?.[1] ?? null };
}

async function allPeople(): Promise<Person[]> {
  const out: Person[] = [];
  let url: string | null = "/people?max=1000";
  while (url) {
    const { body, next }: { body: { items: Person[] }; next: string | null } = await webexJson(url);
    out.push(...body.items);
    url = next;
  }
  return out;
}

async function waitForScan(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const s = (await (await call(scan.GET, "/api/reclaim/scan")).json()) as { running: unknown };
    if (!s.running) return;
    await sleep(50);
  }
  throw new Error("scan did not finish");
}

/**
 * Makes sure the org has a finished scan, whichever test runs first: starts one as the User Administrator when none
 * has finished yet (or waits for the one running). Leaves the User Administrator signed in.
 */
async function ensureScan(): Promise<void> {
  h.signIn("helpdesk");
  const s = (await (await call(scan.GET, "/api/reclaim/scan")).json()) as { running: unknown; lastFinished: { status: string } | null };
  if (!s.running && s.lastFinished?.status === "succeeded") return;
  if (!s.running) expect((await call(scan.POST, "/api/reclaim/scan", { method: "POST" })).status).toBe(202);
  await waitForScan();
}

beforeAll(async () => {
  db = await createDb(await isolatedTestDbOptions());
  setDbForTests(db);
  h = await startApiHarness({ people: PEOPLE });
  await startJobEngine({ db, clientFor: h.jobClient, pollingIntervalSeconds: 0.5 });
});

afterAll(async () => {
  await stopJobEngine();
  await h?.close();
  setDbForTests(undefined);
  await closeDb(db);
});

describe("reclaim scan", () => {
  it("an org that was never scanned: the view is empty and says so", async () => {
    // Another org's administrator: this file's org may have been scanned by an earlier test already.
    h.signInAs({ ...h.users.auditor, orgId: "org-never-scanned" });
    const v = (await (await call(reclaim.GET, "/api/reclaim")).json()) as View;
    expect(v.scan).toBeNull();
    expect(v.rows).toEqual([]);
  });

  it("one scan at a time per org; people/1000 calls; candidates match the emulator's people", async () => {
    h.signIn("helpdesk"); // a User Administrator: may change people, so may spend the org's budget on a scan
    const before = (await h.stats()).routes["GET /v1/people"]?.["200"] ?? 0;
    const first = await call(scan.POST, "/api/reclaim/scan", { method: "POST" });
    expect(first.status).toBe(202);
    const second = await call(scan.POST, "/api/reclaim/scan", { method: "POST" });
    expect(second.status).toBe(200);
    const [a, b] = (await Promise.all([first.json(), second.json()])) as { job: { id: string }; started: boolean }[];
    expect(b!.started).toBe(false);
    expect(b!.job.id).toBe(a!.job.id);
    await waitForScan();
    const calls = ((await h.stats()).routes["GET /v1/people"]?.["200"] ?? 0) - before;
    expect(calls).toBe(Math.ceil(PEOPLE / 1000));

    const now = Date.now();
    const people = await allPeople();
    const expected = applyCriteria(people.map((p) => toCandidate(p, now)).filter((c): c is ReclaimCandidate => c !== null), { inviteDays: 30, inactiveDays: 90 }, now);
    const v = (await (await call(reclaim.GET, "/api/reclaim")).json()) as View;
    expect(v.scan).toMatchObject({ peopleScanned: PEOPLE, webexCalls: Math.ceil(PEOPLE / 1000) });
    expect(v.rows.map((r) => r.id).sort()).toEqual(expected.map((r) => r.id).sort());
    for (const reason of ["deactivated", "invite-pending", "inactive"]) expect(v.rows.some((r) => r.reasons.includes(reason))).toBe(true);
    const units = Object.values(v.units).reduce((x, y) => x + y, 0);
    expect(units).toBe(expected.reduce((n, r) => n + r.licenses.length, 0));
  });

  it("a read-only administrator cannot start a scan (403 saying why, nothing asked of Webex) but sees the last one's results", async () => {
    await ensureScan();
    h.signIn("auditor");
    const before = (await h.stats()).received["GET /v1/people"] ?? 0;
    const refused = await call(scan.POST, "/api/reclaim/scan", { method: "POST" });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(SCAN_NEEDS_WRITE);
    expect((await h.stats()).received["GET /v1/people"] ?? 0).toBe(before);

    const status = (await (await call(scan.GET, "/api/reclaim/scan")).json()) as { running: unknown; lastFinished: { status: string } | null };
    expect(status.running).toBeNull();
    expect(status.lastFinished?.status).toBe("succeeded");
    const v = (await (await call(reclaim.GET, "/api/reclaim")).json()) as View;
    expect(v.scan).toMatchObject({ peopleScanned: PEOPLE });
    expect(v.rows.length).toBeGreaterThan(0);
  });

  it("N is applied without a new scan, and bad N values get a 400 naming the field", async () => {
    await ensureScan();
    h.signIn("auditor");
    const loose = (await (await call(reclaim.GET, "/api/reclaim", { query: { inactiveDays: "30", inviteDays: "30" } })).json()) as View;
    const strict = (await (await call(reclaim.GET, "/api/reclaim", { query: { inactiveDays: "365", inviteDays: "365" } })).json()) as View;
    expect(loose.rows.length).toBeGreaterThan(strict.rows.length);
    // Server-side filters narrow the rows; units and people still count everyone matching the criteria.
    const all = (await (await call(reclaim.GET, "/api/reclaim")).json()) as View & { matching: number; people: number };
    const deactivated = (await (await call(reclaim.GET, "/api/reclaim", { query: { reason: "deactivated" } })).json()) as View & { matching: number; people: number };
    expect(deactivated.rows.length).toBeGreaterThan(0);
    expect(deactivated.rows.every((r) => r.reasons.includes("deactivated"))).toBe(true);
    expect(deactivated.matching).toBeLessThan(all.matching);
    expect(deactivated.people).toBe(all.people);
    expect(deactivated.units).toEqual(all.units);
    const lic = Object.keys(all.units)[0]!;
    const holding = (await (await call(reclaim.GET, "/api/reclaim", { query: { licenseId: lic } })).json()) as View & { matching: number };
    expect(holding.matching).toBe(all.units[lic]);
    expect(holding.rows.every((r) => r.licenses.includes(lic))).toBe(true);
    // Large orgs: at most `limit` rows, with the true count beside them.
    const capped = await reclaimView(db, h.users.admin.orgId, { inviteDays: 30, inactiveDays: 90 }, {}, Date.now(), 5);
    expect(capped.rows).toHaveLength(5);
    expect(capped.matching).toBe(all.matching);
    const bad = await call(reclaim.GET, "/api/reclaim", { query: { inactiveDays: "2" } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty("inactiveDays");
  });
});

describe("reclaim (a job on the server)", () => {
  type Job = { id: string; status: string; counts: Record<string, number>; webexCalls: number };
  const jobOf = async (id: string) => (await (await call(oneJob.GET, `/api/jobs/${id}`, { params: { id } })).json()) as Job;
  async function finished(id: string): Promise<Job> {
    for (let i = 0; i < 400; i++) {
      const j = await jobOf(id);
      if (j.status === "done" || j.status === "failed") return j;
      await sleep(50);
    }
    throw new Error("reclaim job did not finish");
  }

  it("read-only admins cannot reclaim", async () => {
    h.signIn("auditor");
    const res = await call(reclaim.POST, "/api/reclaim", { method: "POST", body: { items: [{ personId: "Y2lzY29zcGFyazovL3VzL1BFT1BMRS94", licenseIds: ["Y2lzY29zcGFyazovL3VzL0xJQ0VOU0UveA"] }] } });
    expect(res.status).toBe(403);
  });

  it("frees exactly the chosen units with PATCH /licenses/users (never a PUT) and touches no other field", async () => {
    await ensureScan(); // signs in the User Administrator
    const v = (await (await call(reclaim.GET, "/api/reclaim")).json()) as View;
    const inactive = v.rows.filter((r) => r.reasons.includes("inactive") && r.licenses.length >= 2).slice(0, 3);
    expect(inactive.length).toBe(3);
    const licenseId = inactive[0]!.licenses[0]!;
    const chosen = inactive.filter((r) => r.licenses.includes(licenseId));
    const licBefore = (await webexJson<{ consumedUnits: number; consumedByUsers: number }>(`/licenses/${licenseId}`)).body;
    const stored = async (email: string) => (await (await h.emulatorFetch(`/_emulator/people?email=${encodeURIComponent(email)}`)).json()) as Record<string, unknown>;
    const before = await Promise.all(chosen.map((r) => stored(r.email)));
    const putsBefore = (await h.stats()).routes["PUT /v1/people/{id}"];

    const res = await call(reclaim.POST, "/api/reclaim", { method: "POST", body: { items: chosen.map((r) => ({ personId: r.id, licenseIds: [licenseId] })) } });
    expect(res.status).toBe(202);
    const { job } = (await res.json()) as { job: Job };
    const done = await finished(job.id);
    expect(done.counts).toMatchObject({ done: chosen.length, failed: 0 });
    expect(done.webexCalls).toBe(chosen.length); // one call per person
    expect((await h.stats()).routes["PUT /v1/people/{id}"]).toEqual(putsBefore);

    const licAfter = (await webexJson<{ consumedUnits: number; consumedByUsers: number }>(`/licenses/${licenseId}`)).body;
    expect(licBefore.consumedUnits - licAfter.consumedUnits).toBe(chosen.length);
    const after = await Promise.all(chosen.map((r) => stored(r.email)));
    chosen.forEach((_, i) => {
      const strip = (p: Record<string, unknown>) => {
        const { licenses, lastModified, ...rest } = p;
        void lastModified;
        return { rest, licenses: licenses as string[] };
      };
      const b = strip(before[i]!);
      const a = strip(after[i]!);
      expect(a.rest).toEqual(b.rest);
      expect(a.licenses).toEqual(b.licenses.filter((l) => l !== licenseId));
    });

    // The cached scan forgets what was reclaimed; repeating the request changes nothing in Webex.
    const v2 = (await (await call(reclaim.GET, "/api/reclaim")).json()) as View;
    for (const r of chosen) expect(v2.rows.find((x) => x.id === r.id)?.licenses ?? []).not.toContain(licenseId);
    const again = (await (await call(reclaim.POST, "/api/reclaim", { method: "POST", body: { items: [{ personId: chosen[0]!.id, licenseIds: [licenseId] }] } })).json()) as { job: Job };
    await finished(again.job.id);
    const log = (await (await h.emulatorFetch(`/_emulator/writes?personId=${encodeURIComponent(chosen[0]!.id)}`)).json()) as { items: { changed: boolean }[] };
    expect(log.items.map((w) => w.changed)).toEqual([true, false]);
  });

  it("an unknown person is skipped on its own, not a failed job", async () => {
    await ensureScan();
    h.signIn("admin");
    const ghost = Buffer.from("ciscospark://us/PEOPLE/00000000-0000-0000-0000-000000000000").toString("base64url");
    const lic = Object.keys(((await (await call(reclaim.GET, "/api/reclaim")).json()) as { units: Record<string, number> }).units)[0]!;
    const res = await call(reclaim.POST, "/api/reclaim", { method: "POST", body: { items: [{ personId: ghost, licenseIds: [lic] }] } });
    expect(res.status).toBe(202);
    const { job } = (await res.json()) as { job: Job };
    const done = await finished(job.id);
    expect(done.status).toBe("done");
    expect(done.counts).toMatchObject({ skipped: 1, failed: 0 });
    const items = (await (await call(jobItems.GET, `/api/jobs/${job.id}/items`, { params: { id: job.id } })).json()) as { items: { message: string }[] };
    expect(items.items[0]!.message).toMatch(/no longer exists/i);
  });
});
