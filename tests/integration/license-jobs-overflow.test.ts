// Bulk license jobs in both of the emulator's license overflow modes: every person is changed with PATCH
// /licenses/users alone (never a PUT, which could clear other fields), and a pool that runs out mid-job fails the
// people it could not serve, naming the license, whichever way Webex reports an exhausted pool.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as preview from "@/app/api/jobs/preview/route";
import * as items from "@/app/api/jobs/[id]/items/route";
import { call, type ApiHarness } from "@/bench/api-harness";
import type { JobItemsPage, JobPreview } from "@/lib/jobs/api-types";
import { runJobToEnd, startJobsHarness, type JobsHarness } from "./jobs-harness";

type P = { id: string; emails: string[]; licenses?: string[]; type?: string };
type License = { id: string; name: string; totalUnits: number; consumedUnits: number };

let harness: JobsHarness;
let h: ApiHarness;
let people: P[];
const used = new Set<string>();
/** `n` people (not used by another test yet) who hold, or lack, the license now. */
async function pick(licenseId: string, holding: boolean, n: number): Promise<P[]> {
  const all = (await webex<{ items: P[] }>("/people?max=1000")).items.filter((p) => people.some((q) => q.id === p.id) && !used.has(p.id));
  const out = all.filter((p) => (p.licenses ?? []).includes(licenseId) === holding).slice(0, n);
  for (const p of out) used.add(p.id);
  return out;
}

async function webex<T>(path: string): Promise<T> {
  const res = await fetch(`${h.webexBase}${path}`, { headers: { authorization: `Bearer ${h.tokens.admin}` } });
  return (await res.json()) as T;
}
const control = (path: string, body: unknown) => h.emulatorFetch(`/_emulator${path}`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const license = async (name: string) => (await webex<{ items: License[] }>("/licenses")).items.find((l) => l.name === name)!;
const writesOf = async (id: string) => ((await (await h.emulatorFetch(`/_emulator/writes?personId=${encodeURIComponent(id)}`)).json()) as { items: { route: string }[] }).items;
const puts = async () => Object.entries((await h.stats()).received).filter(([k]) => k.startsWith("PUT /v1/people")).reduce((n, [, c]) => n + c, 0);

async function previewOf(body: unknown): Promise<JobPreview> {
  const res = await call(preview.POST, "/api/jobs/preview", { method: "POST", body });
  expect(res.status).toBe(201);
  return (await res.json()) as JobPreview;
}

beforeAll(async () => {
  harness = await startJobsHarness({ people: 300, seed: 13, config: { rateLimitPerMinute: 100_000 } });
  h = harness.h;
  people = (await webex<{ items: P[] }>("/people?max=1000")).items.filter(
    (p) => p.type === "person" && !["admin", "helpdesk", "auditor", "employee"].some((w) => p.emails[0] === `${w}@acme.example`),
  );
});
afterAll(() => harness?.close());

describe.each(["reject", "skip"] as const)("bulk license jobs with licenseOverflow %s", (mode) => {
  it("an add job whose pool runs out mid-way: the people served hold it, the rest fail naming it; never a PUT", async () => {
    h.signIn("admin");
    await control("/config", { licenseOverflow: mode });
    const messaging = await license("Messaging");
    const lacking = await pick(messaging.id, false, 4);
    expect(lacking).toHaveLength(4);
    await control("/license-units", { licenseId: messaging.id, totalUnits: messaging.consumedUnits + 10 });
    const pv = await previewOf({ action: "license-add", licenseId: messaging.id, target: { personIds: lacking.map((p) => p.id) } });
    expect(pv.willChange).toBe(4);
    // The pool shrinks once the job runs (someone else took units in Control Hub): one of the four fits.
    let shrunk: Promise<unknown> | null = null;
    h.intercept(async (req, pass) => {
      if (req.method === "PATCH") await (shrunk ??= license("Messaging").then((l) => control("/license-units", { licenseId: l.id, totalUnits: l.consumedUnits + 1 })));
      return pass();
    });
    const putsBefore = await puts();
    const done = await runJobToEnd(pv.job.id, 60_000).finally(() => h.intercept(null));
    expect(done.counts).toMatchObject({ done: 1, failed: 3 });
    expect(await puts()).toBe(putsBefore);
    const failed = (await (await call(items.GET, `/api/jobs/${pv.job.id}/items`, { params: { id: pv.job.id }, query: { state: "failed" } })).json()) as JobItemsPage;
    for (const item of failed.items) expect(item.message).toMatch(/Messaging/);
    for (const p of lacking) expect((await writesOf(p.id)).every((w) => w.route === "PATCH /v1/licenses/users")).toBe(true);
  });

  it("a remove job frees the units with PATCH /licenses/users alone", async () => {
    h.signIn("admin");
    await control("/config", { licenseOverflow: mode });
    const meetings = await license("Meeting - Webex Meetings");
    const holding = await pick(meetings.id, true, 3);
    expect(holding).toHaveLength(3);
    const pv = await previewOf({ action: "license-remove", licenseId: meetings.id, target: { personIds: holding.map((p) => p.id) } });
    const putsBefore = await puts();
    const done = await runJobToEnd(pv.job.id, 60_000);
    expect(done.counts).toMatchObject({ done: holding.length, failed: 0 });
    expect(await puts()).toBe(putsBefore);
    expect((await license("Meeting - Webex Meetings")).consumedUnits).toBe(meetings.consumedUnits - holding.length);
  });
});
