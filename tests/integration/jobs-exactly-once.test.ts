// Acceptance: bulk jobs at Webex's default 600 requests/minute, with 10 % injected 5xx faults (some of them after
// the write was carried out) and the "400 although created" fault on, apply every item exactly once: a
// 1,000-person license add and a 200-person deactivate. Checked against the emulator's stored state and its write
// log (what it really changed, whatever it answered), not against what Roster believes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as preview from "@/app/api/jobs/preview/route";
import { call, type ApiHarness } from "@/bench/api-harness";
import type { JobPreview, JobView } from "@/lib/jobs/api-types";
import { sleep } from "./db-helpers";
import { retryTransientFailures, runJobToEnd, startJobsHarness, type JobsHarness } from "./jobs-harness";

type P = { id: string; emails: string[]; licenses?: string[]; roles?: string[]; loginEnabled?: boolean; type?: string };
type Write = { route: string; personId: string; changed: boolean; status: number };

const FAULTS = { "500": 0.02, "502": 0.02, "503": 0.02, applied500: 0.04, createAfter400: 0.1 };

let jobs: JobsHarness;
let h: ApiHarness;
let people: P[];
type License = { id: string; name: string; consumedUnits: number };

/** A GET made by the test itself while faults are on: retried until Webex answers 2xx (the faults are random). */
async function webexJson<T>(path: string): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(`${h.webexBase}${path}`, { headers: { authorization: `Bearer ${h.tokens.admin}` } });
    if (res.ok) return (await res.json()) as T;
    if (attempt >= 20) throw new Error(`GET ${path} → ${res.status} after ${attempt} attempts`);
    await sleep(Number(res.headers.get("retry-after") ?? 0) * 1000 + 100);
  }
}

async function control(path: string, body: unknown): Promise<void> {
  const res = await h.emulatorFetch(`/_emulator${path}`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path} → ${res.status} ${await res.text()}`);
}

async function writes(): Promise<Write[]> {
  return ((await (await h.emulatorFetch("/_emulator/writes")).json()) as { items: Write[] }).items;
}

/**
 * Runs a job, then retries its failed items once as an admin would ("Retry failed"): with 10 % faults an item now and
 * then meets a fault on each of its attempts (about 1 run in 25 for 1,000 items). The retry must still apply each
 * person exactly once, which the write log checks below prove.
 */
async function runJob(body: unknown, minutes: number): Promise<JobView> {
  const res = await call(preview.POST, "/api/jobs/preview", { method: "POST", body });
  const pv = (await res.json()) as JobPreview;
  expect(res.status).toBe(201);
  const first = await runJobToEnd(pv.job.id, minutes * 60_000);
  const { job, retried } = await retryTransientFailures(first, 2 * 60_000);
  if (retried > 0) console.log(`${retried} item(s) failed on repeated 5xx faults and were retried once`);
  return job;
}

beforeAll(async () => {
  // Webex's limit in the emulator, and the console's budget at the same 600/min (its default).
  jobs = await startJobsHarness({ people: 2000, seed: 42, perMinute: 600, config: { rateLimitPerMinute: 600 } }, { sweepMs: 2000 });
  h = jobs.h;
  people = [];
  let url: string | null = `${h.webexBase}/people?max=1000`;
  while (url) {
    const res: Response = await fetch(url, { headers: { authorization: `Bearer ${h.tokens.admin}` } });
    people.push(...((await res.json()) as { items: P[] }).items);
    url = res.headers.get("link")?.match(/<([^>]+)>;\s*rel="next"/)?.[1] ?? null;
  }
  // Faults from here on: every call the test makes itself to /v1 goes through webexJson.
  await control("/config", { faults: FAULTS });
}, 120_000);

afterAll(async () => {
  await jobs?.close();
});

describe("exactly once under faults at 600 requests/minute", () => {
  it(
    "a 1,000-person license add: every person once, none twice, none lost",
    async () => {
      h.signIn("admin");
      // The pool as it is now (not as the file found it): the figure below is counted from here.
      const license = (await webexJson<{ items: License[] }>("/licenses")).items.find((l) => l.name.startsWith("Webex Contact Center"))!;
      await control("/license-units", { licenseId: license.id, totalUnits: 5000 });
      const targets = people.filter((p) => p.type === "person" && !p.licenses?.includes(license.id)).slice(0, 1000);
      expect(targets).toHaveLength(1000);
      const writesBefore = (await writes()).length;

      const job = await runJob({ action: "license-add", licenseId: license.id, target: { personIds: targets.map((p) => p.id) } }, 8);
      expect(job.status).toBe("done");
      expect(job.counts).toMatchObject({ done: 1000, failed: 0, pending: 0, running: 0 });

      const log = (await writes()).slice(writesBefore);
      const byPerson = new Map<string, Write[]>();
      for (const w of log) byPerson.set(w.personId, [...(byPerson.get(w.personId) ?? []), w]);
      const lost = targets.filter((p) => !(byPerson.get(p.id) ?? []).some((w) => w.changed));
      const twice = targets.filter((p) => (byPerson.get(p.id) ?? []).length > 1);
      expect(lost.map((p) => p.emails[0])).toEqual([]);
      expect(twice.map((p) => p.emails[0])).toEqual([]);
      expect(log.every((w) => w.route === "PATCH /v1/licenses/users")).toBe(true);
      // Some answers were lost after the write (applied500): those were reconciled by a read, not sent again.
      expect(log.filter((w) => w.status === 500).length).toBeGreaterThan(0);

      const after = await webexJson<{ consumedUnits: number }>(`/licenses/${license.id}`);
      expect(after.consumedUnits).toBe(license.consumedUnits + 1000);
      const stats = await h.stats();
      expect(Object.values(stats.routes).some((byStatus) => byStatus["429"])).toBe(false);
      // The fewest calls for the job is 1,000 PATCHes; faults cost a retry or a reconciling read each.
      expect(job.webexCalls).toBeGreaterThanOrEqual(1000);
      expect(job.webexCalls).toBeLessThan(1300);
      console.log(`license add: ${job.webexCalls} Webex calls for 1,000 people (minimum 1,000); ${log.filter((w) => w.status === 500).length} writes answered 500 after being applied`);
    },
    9 * 60_000,
  );

  it(
    "a 200-person deactivate through the safe edit path: every person once",
    async () => {
      h.signIn("admin");
      const targets = people.filter((p) => p.type === "person" && p.loginEnabled !== false && !p.roles?.length && !p.emails[0]!.endsWith("@webex.bot")).slice(1000, 1200);
      expect(targets).toHaveLength(200);
      const writesBefore = (await writes()).length;
      const job = await runJob({ action: "deactivate", target: { personIds: targets.map((p) => p.id) } }, 5);
      expect(job.status).toBe("done");
      expect(job.counts).toMatchObject({ done: 200, failed: 0 });
      const log = (await writes()).slice(writesBefore);
      for (const p of targets) {
        const mine = log.filter((w) => w.personId === p.id);
        expect(mine.filter((w) => w.changed), p.emails[0]).toHaveLength(1);
        // A PUT repeated after a lost answer sends the same whole person again: it changes nothing.
        expect(mine.every((w) => w.route === "PUT /v1/people/{id}")).toBe(true);
        const stored = (await (await h.emulatorFetch(`/_emulator/people?email=${encodeURIComponent(p.emails[0]!)}`)).json()) as P;
        expect(stored.loginEnabled).toBe(false);
      }
      expect(log.filter((w) => !targets.some((p) => p.id === w.personId))).toEqual([]);
      console.log(`deactivate: ${job.webexCalls} Webex calls for 200 people (minimum 600: GET, PUT, GET each)`);
    },
    6 * 60_000,
  );
});
