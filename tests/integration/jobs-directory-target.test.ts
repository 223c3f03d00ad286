// Bulk actions on "all N matching" a filter of Roster's index (issue 15): POST /api/jobs/preview with
// { target: { directory: filter } } resolves the people from the index at preview time and freezes them into the
// job's items; the job then writes each of them once, and no one else. An org never synced answers 409.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as preview from "@/app/api/jobs/preview/route";
import * as items from "@/app/api/jobs/[id]/items/route";
import { call, type ApiHarness } from "@/bench/api-harness";
import { EMPTY_FILTER, type DirectoryFilter } from "@/lib/directory/filter";
import type { JobItemsPage, JobPreview } from "@/lib/jobs/api-types";
import type { Db } from "@/lib/server/db";
import { forgetDirectory, syncNow } from "./directory-helpers";
import { runJobToEnd, startJobsHarness, type JobsHarness } from "./jobs-harness";

type P = { id: string; emails: string[]; licenses?: string[]; department?: string; type?: string };

let harness: JobsHarness;
let h: ApiHarness;
let db: Db;

beforeAll(async () => {
  harness = await startJobsHarness({ people: 600, seed: 5 });
  h = harness.h;
  db = harness.db;
});

afterAll(async () => {
  await harness?.close();
});

async function webexPeople(): Promise<P[]> {
  const out: P[] = [];
  let url: string | null = `${h.webexBase}/people?max=1000`;
  while (url) {
    const res: Response = await fetch(url, { headers: { authorization: `Bearer ${h.tokens.admin}` } });
    out.push(...((await res.json()) as { items: P[] }).items);
    url = res.headers.get("link")?.match(/<([^>]+)>;\s*rel="next"/)?.[1] ?? null;
  }
  return out;
}

async function previewOf(body: unknown): Promise<{ status: number; json: JobPreview & { error?: { message: string } } }> {
  const res = await call(preview.POST, "/api/jobs/preview", { method: "POST", body });
  return { status: res.status, json: (await res.json()) as never };
}

async function allItems(jobId: string): Promise<JobItemsPage["items"]> {
  const out: JobItemsPage["items"] = [];
  let after: number | undefined;
  for (;;) {
    const page = (await (await call(items.GET, `/api/jobs/${jobId}/items`, { params: { id: jobId }, query: { limit: "500", ...(after !== undefined ? { after: String(after) } : {}) } })).json()) as JobItemsPage;
    out.push(...page.items);
    if (!page.items.length || page.next == null) return out;
    after = page.next;
  }
}

async function licenseWrites(personId: string): Promise<{ route: string; changed: boolean; status: number }[]> {
  const res = await h.emulatorFetch(`/_emulator/writes?personId=${encodeURIComponent(personId)}`);
  return ((await res.json()) as { items: { route: string; changed: boolean; status: number }[] }).items;
}

describe("a bulk job on all people matching an index filter", () => {
  it("an org never synced: 409, sync first", async () => {
    h.signIn("helpdesk");
    await forgetDirectory(db);
    const licenses = ((await (await fetch(`${h.webexBase}/licenses`, { headers: { authorization: `Bearer ${h.tokens.admin}` } })).json()) as { items: { id: string }[] }).items;
    const { status, json } = await previewOf({ action: "license-add", licenseId: licenses[0]!.id, target: { directory: { ...EMPTY_FILTER, noLicense: true } } });
    expect(status).toBe(409);
    expect(json.error?.message).toMatch(/not been synced yet: sync it first/);
  });

  it("license add on 'department = X and lacks the license' covers exactly the matching people, each written once", async () => {
    h.signIn("helpdesk");
    await syncNow();
    const licenses = ((await (await fetch(`${h.webexBase}/licenses`, { headers: { authorization: `Bearer ${h.tokens.admin}` } })).json()) as { items: { id: string; name: string; totalUnits: number; consumedUnits: number }[] }).items;
    const messaging = licenses.find((l) => l.name === "Messaging")!;
    const org = await webexPeople();
    const lacking = (p: P) => !(p.licenses ?? []).includes(messaging.id);
    // The department with the most people lacking the license (and not every one of them).
    const byDept = new Map<string, P[]>();
    for (const p of org) if (p.department && lacking(p)) byDept.set(p.department, [...(byDept.get(p.department) ?? []), p]);
    const [department, matching] = [...byDept].sort((a, b) => b[1].length - a[1].length)[0]!;
    expect(matching.length).toBeGreaterThan(1);
    expect(matching.length).toBeLessThan(org.filter(lacking).length);
    const filter: DirectoryFilter = { ...EMPTY_FILTER, departments: [department], lacksLicenses: [messaging.id] };

    const writesBefore = new Map(await Promise.all(org.map(async (p) => [p.id, (await licenseWrites(p.id)).length] as const)));
    const { status, json: pv } = await previewOf({ action: "license-add", licenseId: messaging.id, target: { directory: filter } });
    expect(status).toBe(201);
    const humans = matching.filter((p) => (p.type ?? "person") === "person");
    expect(pv.fromIndex).toMatchObject({ count: matching.length });
    expect(pv.notes.join(" ")).toContain(`${matching.length} people from Roster's index as of`);
    expect(pv.willChange).toBe(humans.length);

    // The job's items are exactly the matching people, frozen at preview.
    const frozen = await allItems(pv.job.id);
    expect(frozen.map((i) => i.personId).sort()).toEqual(matching.map((p) => p.id).sort());

    const done = await runJobToEnd(pv.job.id, 60_000);
    expect(done.counts).toMatchObject({ done: humans.length, failed: 0 });

    // Webex: each matching person written once and now holding the license; everyone else untouched.
    const after = await webexPeople();
    const matched = new Set(humans.map((p) => p.id));
    for (const p of org) {
      const writes = (await licenseWrites(p.id)).slice(writesBefore.get(p.id) ?? 0);
      if (matched.has(p.id)) {
        expect(writes).toHaveLength(1);
        expect(writes[0]).toMatchObject({ changed: true, status: 200 });
        expect(after.find((q) => q.id === p.id)!.licenses).toContain(messaging.id);
      } else {
        expect(writes).toEqual([]);
      }
    }
  }, 120_000);
});
