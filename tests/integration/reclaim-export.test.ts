// The reclaim candidate list as CSV (issue 14): GET /api/reclaim/export through its route handler, against the
// in-process emulator, compared with the scan's results and with the people Webex holds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as reclaimExport from "@/app/api/reclaim/export/route";
import * as reclaim from "@/app/api/reclaim/route";
import * as scan from "@/app/api/reclaim/scan/route";
import { call, startApiHarness, type ApiHarness } from "@/bench/api-harness";
import { decodeCsv, parseCsv } from "@/lib/import/parse";
import { applyCriteria, toCandidate, type PersonFacts, type ReclaimCandidate } from "@/lib/licenses/reclaim";
import { RECLAIM_CSV_HEADER } from "@/lib/licenses/reclaim-csv";
import { closeDb, createDb, setDbForTests, type Db } from "@/lib/server/db";
import { isolatedTestDbOptions, sleep } from "./db-helpers";

const PEOPLE = 400;
let h: ApiHarness;
let db: Db;

type View = { scan: { finishedAt: number } | null; rows: (ReclaimCandidate & { reasons: string[] })[]; matching: number };

async function webex<T>(path: string): Promise<T> {
  return (await (await fetch(`${h.webexBase}${path}`, { headers: { authorization: `Bearer ${h.tokens.admin}` } })).json()) as T;
}

async function exportCsv(query = ""): Promise<{ res: Response; header: string[]; rows: string[][]; raw: Uint8Array }> {
  const res = await call(reclaimExport.GET, `/api/reclaim/export${query}`);
  const raw = new Uint8Array(await res.clone().arrayBuffer());
  if (res.status !== 200) return { res, header: [], rows: [], raw };
  const parsed = parseCsv(decodeCsv(raw));
  return { res, header: parsed.header, rows: parsed.rows.map((r) => r.cells), raw };
}

/** The org's scan, run once by whichever test needs it first (the tests run in any order). */
let scanning: Promise<void> | null = null;
function scanned(): Promise<void> {
  scanning ??= (async () => {
    h.signIn("helpdesk");
    expect((await call(scan.POST, "/api/reclaim/scan", { method: "POST" })).status).toBe(202);
    for (let i = 0; i < 400; i++) {
      const s = (await (await call(scan.GET, "/api/reclaim/scan")).json()) as { running: unknown };
      if (!s.running) return;
      await sleep(50);
    }
    throw new Error("the scan did not finish in 20 s");
  })();
  return scanning;
}

beforeAll(async () => {
  db = await createDb(await isolatedTestDbOptions());
  setDbForTests(db);
  h = await startApiHarness({ people: PEOPLE });
});

afterAll(async () => {
  await h?.close();
  setDbForTests(undefined);
  await closeDb(db);
});

describe("GET /api/reclaim/export", () => {
  it("refuses without a session (401), for a non-administrator (403), and says what to do when there is no scan yet (409)", async () => {
    h.signIn(null);
    expect((await call(reclaimExport.GET, "/api/reclaim/export")).status).toBe(401);
    h.signIn("employee");
    expect((await call(reclaimExport.GET, "/api/reclaim/export")).status).toBe(403);
    h.signInAs({ ...h.users.auditor, orgId: "org-never-scanned" });
    const res = await call(reclaimExport.GET, "/api/reclaim/export");
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/Start a scan/);
  });

  it("every candidate of the scan under the default criteria, one row each, with names, ISO 8601 UTC times, why, the criteria and the scan's time", async () => {
    await scanned();
    h.signIn("auditor"); // read-only administrators may export (they forward, managers approve)
    const view = (await (await call(reclaim.GET, "/api/reclaim")).json()) as View;
    const { res, header, rows, raw } = await exportCsv();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="reclaim-candidates-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM
    expect(header).toEqual([...RECLAIM_CSV_HEADER]);

    // The same people as the scan's view, and as the emulator's people under the default criteria.
    const people = (await webex<{ items: PersonFacts[] }>(`/people?max=1000`)).items;
    const now = Date.now();
    const expected = applyCriteria(people.map((p) => toCandidate(p, now)).filter((c): c is ReclaimCandidate => c !== null), { inviteDays: 30, inactiveDays: 90 }, now);
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.map((r) => r[1]).sort()).toEqual(view.rows.map((r) => r.email).sort());
    expect(rows.map((r) => r[1]).sort()).toEqual(expected.map((r) => r.email).sort());

    const licenses = new Map((await webex<{ items: { id: string; name: string }[] }>("/licenses")).items.map((l) => [l.id, l.name]));
    const scanRan = new Date(view.scan!.finishedAt).toISOString();
    for (const r of rows) {
      const person = expected.find((p) => p.email === r[1])!;
      expect(r[0]).toBe(person.displayName);
      expect(r[2]).toBe(person.licenses.map((id) => licenses.get(id)).join("; "));
      expect(r[3]).toBe(person.lastActivity ? new Date(person.lastActivity).toISOString() : "");
      for (const t of [r[3], r[4], r[7]]) if (t) expect(t).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(r[5]!.split("; ").length).toBe(person.reasons.length);
      expect(r[6]).toBe("Deactivated, or invite pending for more than 30 days, or no activity for more than 90 days");
      expect(r[7]).toBe(scanRan);
    }
    for (const why of ["Deactivated", "Invite pending for more than 30 days", "No activity for more than 90 days"]) {
      expect(rows.some((r) => r[5]!.includes(why))).toBe(true);
    }
  });

  it("follows the page's criteria and filters, and names them in every row", async () => {
    await scanned();
    h.signIn("auditor");
    const view = (await (await call(reclaim.GET, "/api/reclaim?inactiveDays=200")).json()) as View;
    const license = view.rows.find((r) => r.reasons.includes("inactive"))!.licenses[0]!;
    const q = `?inviteDays=60&inactiveDays=200&reason=inactive&licenseId=${encodeURIComponent(license)}`;
    const filtered = (await (await call(reclaim.GET, `/api/reclaim${q}`)).json()) as View;
    const { res, rows } = await exportCsv(q);
    expect(res.status).toBe(200);
    expect(filtered.matching).toBeGreaterThan(0);
    expect(rows.length).toBe(filtered.matching);
    expect(rows.map((r) => r[1]).sort()).toEqual(filtered.rows.map((r) => r.email).sort());
    const name = (await webex<{ items: { id: string; name: string }[] }>("/licenses")).items.find((l) => l.id === license)!.name;
    for (const r of rows) {
      expect(r[5]).toContain("No activity for more than 200 days");
      expect(r[2]!.split("; ")).toContain(name);
      expect(r[6]).toBe(`Deactivated, or invite pending for more than 60 days, or no activity for more than 200 days; reason: Inactive; holding: ${name}`);
    }
  });

  it("refuses criteria outside the allowed range with a 400 naming the field", async () => {
    h.signIn("auditor");
    const res = await call(reclaimExport.GET, "/api/reclaim/export?inactiveDays=5");
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("inactiveDays");
  });
});
