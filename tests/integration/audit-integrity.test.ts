// Issue 12, findings 4, 7, 8 and 9: hostile text is refused before Webex, whatever Webex holds is stored, every
// change attempted leaves an audit row (intent first, completed after), malformed filters and deep `original`s
// are 400s, and failed database writes log no personal data. Real route handlers against the in-process emulator
// (bench/api-harness.ts; `h.intercept` injects one fault where a test needs it). Runs on PGlite and, through
// scripts/with-postgres.sh, on PostgreSQL, which refuses \u0000 and lone surrogates where PGlite may not.
import { inspect } from "node:util";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as people from "@/app/api/people/route";
import * as person from "@/app/api/people/[id]/route";
import * as activity from "@/app/api/activity/route";
import * as activityExport from "@/app/api/activity/export/route";
import * as jobsPreview from "@/app/api/jobs/preview/route";
import * as importPreview from "@/app/api/import/preview/route";
import { call, startApiHarness, type ApiHarness } from "@/bench/api-harness";
import type { AuditEvent } from "@/lib/people/audit-types";
import { closeDb, createDb, setDbForTests, type Db } from "@/lib/server/db";
import { latestScanResult, startScan } from "@/lib/server/licenses/reclaim-scan";
import { isolatedTestDbOptions } from "./db-helpers";

type PersonJson = Record<string, unknown> & { id: string; emails: string[]; displayName?: string; licenses?: string[] };
type ErrorJson = { error: { status: number; message: string; fields?: Record<string, string> } };

let h: ApiHarness;
let db: Db;
let licenseId: string;
let seq = 0;

const HOSTILE: [label: string, value: string][] = [
  ["NUL", "Probe\u0000P1"],
  ["SOH", "Probe\u0001P1"],
  ["tab", "Probe\tP1"],
  ["newline", "Probe\nP1"],
  ["carriage return", "Probe\rP1"],
  ["unit separator", "Probe\u001fP1"],
  ["DEL", "Probe\u007fP1"],
  ["C1 NEL", "Probe\u0085P1"],
  ["C1 APC", "Probe\u009fP1"],
  ["lone high surrogate", "Probe\ud800P1"],
  ["lone low surrogate", "Probe\udc00P1"],
  ["trailing lone high surrogate", "Probe P1\ud83d"],
];

async function webex<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${h.webexBase}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${h.tokens.admin}`, "content-type": "application/json", ...(init.headers ?? {}) },
  });
  if (!res.ok) throw new Error(`${init.method ?? "GET"} ${path}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** A new person created straight in the emulator (as Control Hub or another tool would), with any name at all. */
async function emulatorPerson(fields: Record<string, unknown> = {}): Promise<PersonJson> {
  seq += 1;
  return webex<PersonJson>("/people", {
    method: "POST",
    body: JSON.stringify({ emails: [`probe${seq}.${Date.now()}@acme.example`], displayName: `Probe ${seq}`, ...fields }),
  });
}

async function withoutWebex(fn: () => Promise<void>): Promise<void> {
  const before = (await h.stats()).total;
  await fn();
  expect((await h.stats()).total).toBe(before);
}

async function auditOf(targetId: string): Promise<AuditEvent[]> {
  const res = await call(activity.GET, "/api/activity", { query: { targetId } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: AuditEvent[] }).items;
}

const patch = (id: string, body: unknown) => call(person.PATCH, `/api/people/${id}`, { method: "PATCH", params: { id }, body });
const del = (id: string) => call(person.DELETE, `/api/people/${id}`, { method: "DELETE", params: { id } });
const isPerson = (url: URL, id: string) => url.pathname.endsWith(`/people/${id}`);
const webexError = (status: number, message: string) =>
  new Response(JSON.stringify({ message, errors: [{ description: message }], trackingId: "ROSTER_TEST" }), {
    status,
    headers: { "content-type": "application/json", trackingid: "ROSTER_TEST" },
  });

beforeAll(async () => {
  db = await createDb(await isolatedTestDbOptions());
  setDbForTests(db);
  h = await startApiHarness({ people: 200 });
  const licenses = (await webex<{ items: { id: string; name: string }[] }>("/licenses")).items;
  licenseId = licenses.find((l) => l.name === "Messaging")!.id;
});

afterAll(async () => {
  await h?.close();
  setDbForTests(undefined);
  await closeDb(db);
});

beforeEach(() => h.signIn("admin"));
afterEach(() => h.intercept(null));

describe("finding 4: control characters and lone surrogates", () => {
  it("a PATCH with any of them in any text field is a 400 naming the field, and nothing reaches Webex", async () => {
    const target = await emulatorPerson();
    await withoutWebex(async () => {
      for (const [label, bad] of HOSTILE) {
        for (const [changes, field] of [
          [{ displayName: bad }, "changes.displayName"],
          [{ firstName: bad }, "changes.firstName"],
          [{ title: bad }, "changes.title"],
          [{ department: bad }, "changes.department"],
          [{ emails: [`a${bad}@acme.example`] }, "changes.emails.0"],
          [{ addresses: [{ type: "work", locality: bad }] }, "changes.addresses.0.locality"],
          [{ phoneNumbers: [{ type: "work", value: `+1 555${bad}` }] }, "changes.phoneNumbers.0.value"],
          [{ avatar: `https://avatars.example/${bad}` }, "changes.avatar"],
          [{ siteUrls: [`site${bad}.webex.com`] }, "changes.siteUrls.0"],
        ] as const) {
          const res = await patch(target.id, { changes });
          expect(res.status, `${label} in ${field}`).toBe(400);
          const body = (await res.json()) as ErrorJson;
          expect(Object.keys(body.error.fields ?? {}), `${label} in ${field}`).toContain(field);
        }
      }
    });
  });

  it("create, bulk filters, CSV file names and activity filters refuse them too (400 naming the field)", async () => {
    await withoutWebex(async () => {
      for (const [label, bad] of HOSTILE) {
        const created = await call(people.POST, "/api/people", { method: "POST", body: { emails: ["new.probe@acme.example"], displayName: bad } });
        expect(created.status, label).toBe(400);
        expect(((await created.json()) as ErrorJson).error.fields, label).toHaveProperty("displayName");

        const preview = await call(jobsPreview.POST, "/api/jobs/preview", {
          method: "POST",
          body: { action: "deactivate", target: { filter: { displayName: bad } } },
        });
        expect(preview.status, label).toBe(400);
        expect(((await preview.json()) as ErrorJson).error.fields, label).toHaveProperty(["target.filter.displayName"]);

        // A URL cannot carry a lone surrogate (it is encoded as U+FFFD on the way), so only bodies can.
        if (label.includes("surrogate")) continue;
        const activityRes = await call(activity.GET, "/api/activity", { query: { actor: bad } });
        expect(activityRes.status, label).toBe(400);
        expect(((await activityRes.json()) as ErrorJson).error.fields, label).toHaveProperty("actor");
      }
      const file = await call(importPreview.POST, "/api/import/preview", {
        method: "POST",
        query: { name: "people\u0000.csv" },
        rawBody: new TextEncoder().encode("Email\nx@acme.example\n"),
        headers: { "content-type": "text/csv" },
      });
      expect(file.status).toBe(400);
      expect(((await file.json()) as ErrorJson).error.fields).toHaveProperty("name");
    });
  });

  it("a person Webex holds with \\u0000 and a lone surrogate in their name: the reclaim scan completes, and changes to them are audited", async () => {
    const hostile = await emulatorPerson({ displayName: "Probe\u0000P1", lastName: "Half\ud800", licenses: [licenseId] });
    // Deactivated with a license: a reclaim candidate, so the name is in the scan's stored result.
    await webex(`/people/${hostile.id}`, { method: "PUT", body: JSON.stringify({ emails: hostile.emails, displayName: "Probe\u0000P1", lastName: "Half\ud800", licenses: [licenseId], loginEnabled: false }) });

    const { job } = await startScan(db, await (await import("@/lib/server/api/deps")).apiDeps().webexForUser(h.users.admin, "interactive"), h.users.admin, { wait: true });
    const latest = await latestScanResult(db, h.users.admin.orgId);
    expect(latest?.job.id, "the scan succeeded and its result was stored").toBe(job.id);
    const row = latest!.result.candidates.find((c) => c.id === hostile.id);
    expect(row?.displayName).toBe("Probe\ufffdP1");

    // The admin fixes the name: the row keeps the name Webex held (made storable) and the new one.
    const fixed = await patch(hostile.id, { changes: { displayName: "Probe P1" }, original: { displayName: "Probe\u0000P1" } });
    expect(fixed.status).toBe(200);
    const [event] = await auditOf(hostile.id);
    expect(event).toMatchObject({ action: "person.update", outcome: "ok" });
    expect(event!.changes).toEqual([{ field: "displayName", before: "Probe\ufffdP1", after: "Probe P1" }]);

    // Deleting them records everything they held, lone surrogate included.
    expect((await del(hostile.id)).status).toBe(204);
    const [deleted] = await auditOf(hostile.id);
    expect(deleted).toMatchObject({ action: "person.delete", outcome: "ok" });
    expect(deleted!.changes.find((c) => c.field === "lastName")?.before).toBe("Half\ufffd");
  });
});

describe("finding 7: every attempted change leaves a row", () => {
  it("the GET before the change fails: a failed row, nothing written", async () => {
    const target = await emulatorPerson();
    h.intercept(async (req, pass) => (req.method === "GET" && isPerson(req.url, target.id) ? webexError(403, "Not allowed right now") : pass()));
    const res = await patch(target.id, { changes: { title: "Engineer" } });
    expect(res.status).toBe(403);
    const [event] = await auditOf(target.id);
    expect(event).toMatchObject({ action: "person.update", outcome: "error", status: 403 });
    expect(event!.note).toMatch(/could not be read/);
    expect(event!.changes).toEqual([{ field: "title", before: null, after: "Engineer" }]);
  });

  it("the display-name check refuses: a failed row", async () => {
    const target = await emulatorPerson();
    h.intercept(async (req, pass) => {
      const res = await pass();
      if (req.method !== "GET" || !isPerson(req.url, target.id)) return res;
      const body = (await res.json()) as PersonJson;
      delete body.displayName;
      return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
    });
    const res = await patch(target.id, { changes: { title: "Engineer" } });
    expect(res.status).toBe(400);
    const [event] = await auditOf(target.id);
    expect(event).toMatchObject({ action: "person.update", outcome: "error", status: 400 });
  });

  it("the PUT succeeds but the GET after it fails: saved, answered 200, recorded as done", async () => {
    const target = await emulatorPerson();
    let put = false;
    h.intercept(async (req, pass) => {
      if (req.method === "PUT" && isPerson(req.url, target.id)) put = true;
      else if (put && req.method === "GET" && isPerson(req.url, target.id)) return webexError(403, "Not allowed right now");
      return pass();
    });
    const res = await patch(target.id, { changes: { title: "Engineer" } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { person: PersonJson }).person.title).toBe("Engineer");
    h.intercept(null);
    const [event] = await auditOf(target.id);
    expect(event).toMatchObject({ action: "person.update", outcome: "ok" });
    expect(event!.changes).toEqual([{ field: "title", before: null, after: "Engineer" }]);
    expect(event!.note).toMatch(/read-back/);
  });

  it("the process dies between the Webex change and the insert: the intent row is there, then shows as outcome unknown", async () => {
    const target = await emulatorPerson();
    let release!: () => void;
    const stuck = new Promise<void>((r) => (release = r));
    let reached!: () => void;
    const atPut = new Promise<void>((r) => (reached = r));
    h.intercept(async (req, pass) => {
      if (req.method !== "PUT" || !isPerson(req.url, target.id)) return pass();
      const res = await pass(); // Webex carries it out…
      reached();
      await stuck; // …and the process never gets to record it (until the test lets go)
      return res;
    });
    const inFlight = patch(target.id, { changes: { title: "Engineer" } });
    await atPut;
    const [pending] = await auditOf(target.id);
    expect(pending).toMatchObject({ action: "person.update", outcome: "pending" });

    // Twenty minutes later, with nothing completed it (the process died): outcome unknown, in the API and the CSV.
    await db.execute(sql`UPDATE audit_events SET at = at - interval '20 minutes' WHERE id = ${Number(pending!.id)}`);
    const [unknown] = await auditOf(target.id);
    expect(unknown).toMatchObject({ id: pending!.id, outcome: "unknown" });
    const csv = await (await call(activityExport.GET, "/api/activity/export", { query: { targetId: target.id } })).text();
    expect(csv).toMatch(/outcome unknown/);

    release();
    expect((await inFlight).status).toBe(200);
    const [done] = await auditOf(target.id);
    expect(done).toMatchObject({ id: pending!.id, outcome: "ok" });
  });

  it("a DELETE whose answer was lost is retried, gets 404, and counts as deleted", async () => {
    const target = await emulatorPerson();
    let first = true;
    h.intercept(async (req, pass) => {
      if (req.method !== "DELETE" || !isPerson(req.url, target.id) || !first) return pass();
      first = false;
      await pass(); // carried out…
      throw new DOMException("The operation was aborted due to timeout", "TimeoutError"); // …answer lost
    });
    const res = await del(target.id);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ alreadyDeleted: true });
    const [event] = await auditOf(target.id);
    expect(event).toMatchObject({ action: "person.delete", outcome: "ok" });
    expect(event!.note).toMatch(/Already deleted/);
  });

  it("a DELETE the admin repeats after a timeout (the person is already gone): 'already deleted', recorded as such", async () => {
    const target = await emulatorPerson();
    expect((await del(target.id)).status).toBe(204);
    const again = await del(target.id);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ alreadyDeleted: true, message: expect.stringMatching(/Already deleted/) });
    const [event, first] = await auditOf(target.id);
    expect(first).toMatchObject({ action: "person.delete", outcome: "ok" });
    expect(event).toMatchObject({ action: "person.delete", outcome: "ok", note: expect.stringMatching(/Already deleted/) });
  });
});

describe("finding 8: 400, not 500, for out-of-range dates and deep `original`s", () => {
  it("activity dates outside 2000–2100 are 400 naming the field, on the list and the export", async () => {
    for (const [query, field] of [
      [{ from: "0000-01-01" }, "from"],
      [{ to: "9999-12-31" }, "to"],
      [{ from: "1999-12-31" }, "from"],
    ] as const) {
      for (const handler of [activity.GET, activityExport.GET]) {
        const res = await call(handler, "/api/activity", { query });
        expect(res.status, JSON.stringify(query)).toBe(400);
        expect(((await res.json()) as ErrorJson).error.fields).toHaveProperty(field);
      }
    }
  });

  it("an `original` nested 20,000 levels deep, or of the wrong shape, is a 400 and never reaches Webex", async () => {
    const target = await emulatorPerson();
    const deep = `${"[".repeat(20_000)}${"]".repeat(20_000)}`;
    await withoutWebex(async () => {
      const res = await call(person.PATCH, `/api/people/${target.id}`, {
        method: "PATCH",
        params: { id: target.id },
        rawBody: `{"changes":{"title":"x"},"original":{"title":${deep}}}`,
        headers: { "content-type": "application/json" },
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as ErrorJson).error.fields).toHaveProperty(["original.title"]);
      for (const [original, field] of [
        [{ addresses: [{ locality: { deeper: { still: 1 } } }] }, "original.addresses.0.locality"],
        [{ loginEnabled: "yes" }, "original.loginEnabled"],
        [{ licenses: "abc" }, "original.licenses"],
        [{ title: "x".repeat(5000) }, "original.title"],
      ] as const) {
        const bad = await patch(target.id, { changes: { title: "x" }, original });
        expect(bad.status, field).toBe(400);
        expect(((await bad.json()) as ErrorJson).error.fields, field).toHaveProperty([field]);
      }
    });
  });
});

describe("finding 9: failed writes log no personal data", () => {
  function capture() {
    const lines: string[] = [];
    const sink = (...args: unknown[]) => void lines.push(args.map((a) => (typeof a === "string" ? a : inspect(a, { depth: 5 }))).join(" "));
    const spies = [vi.spyOn(console, "error").mockImplementation(sink), vi.spyOn(console, "warn").mockImplementation(sink), vi.spyOn(console, "log").mockImplementation(sink)];
    return { lines, restore: () => spies.forEach((s) => s.mockRestore()) };
  }

  it("a failing audit write logs neither the email nor the query's parameters", async () => {
    const target = await emulatorPerson({ title: "Before" });
    await db.execute(sql`ALTER TABLE audit_events ADD CONSTRAINT no_rows_now CHECK (action = 'none') NOT VALID`);
    const log = capture();
    try {
      expect((await patch(target.id, { changes: { title: "After" } })).status).toBe(200);
    } finally {
      log.restore();
      await db.execute(sql`ALTER TABLE audit_events DROP CONSTRAINT no_rows_now`);
    }
    const text = log.lines.join("\n");
    expect(text).toMatch(/audit/); // it was logged…
    expect(text).not.toContain(target.emails[0]!); // …without the person
    expect(text).not.toContain("Before");
    expect(text).not.toMatch(/params:/);
  });

  it("a failing scan write logs none of the candidates", async () => {
    const candidate = await emulatorPerson({ licenses: [licenseId], displayName: "Scan Candidate" });
    await webex(`/people/${candidate.id}`, { method: "PUT", body: JSON.stringify({ emails: candidate.emails, displayName: "Scan Candidate", licenses: [licenseId], loginEnabled: false }) });
    await db.execute(sql`ALTER TABLE jobs ADD CONSTRAINT no_results_now CHECK (result IS NULL) NOT VALID`);
    const log = capture();
    try {
      const { apiDeps } = await import("@/lib/server/api/deps");
      await startScan(db, await apiDeps().webexForUser(h.users.admin, "interactive"), h.users.admin, { wait: true });
    } finally {
      log.restore();
      await db.execute(sql`ALTER TABLE jobs DROP CONSTRAINT no_results_now`);
    }
    const text = log.lines.join("\n");
    expect(text).toMatch(/reclaim scan failed/);
    expect(text).not.toMatch(/@acme\.example/);
    expect(text).not.toContain("Scan Candidate");
    expect(text).not.toMatch(/params:/);
  });
});
