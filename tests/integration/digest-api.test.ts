// GET /api/digest (issue 15, "Optionally notify" as a file): one UTC day's changes seen by the directory sync and
// the license pools whose capacity level changed, as Markdown or CSV, read from Roster's database only.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as digest from "@/app/api/digest/route";
import { call, startApiHarness, type ApiHarness } from "@/bench/api-harness";
import { closeDb, createDb, setDbForTests, type Db } from "@/lib/server/db";
import { isolatedTestDbOptions } from "./db-helpers";

let h: ApiHarness;
let db: Db;
let orgId: string;

beforeAll(async () => {
  db = await createDb(await isolatedTestDbOptions());
  setDbForTests(db);
  h = await startApiHarness({ people: 20 });
  orgId = h.users.admin.orgId;
  // Two syncs' findings on 10 March, one on the 11th, another org's on the 10th.
  const change = (org: string, at: string, email: string, kind: string, field: string | null, before: unknown, after: unknown) =>
    db.execute(sql`INSERT INTO directory_changes (org_id, generation, seen_from, seen_to, person_id, email, display_name, kind, field, before, after, actor_name, actor_email)
      VALUES (${org}, 2, ${at}, ${at}, ${`id-${email}`}, ${email}, ${email.split("@")[0]}, ${kind}, ${field}, ${before === null ? null : JSON.stringify(before)}::jsonb,
              ${after === null ? null : JSON.stringify(after)}::jsonb, ${field ? "Ada Admin" : null}, ${field ? "ada@acme.example" : null})`);
  await change(orgId, "2026-03-10T08:00:00Z", "new@acme.example", "added", null, null, null);
  await change(orgId, "2026-03-10T09:00:00Z", "ann@acme.example", "changed", "department", "Sales", "Support");
  await change(orgId, "2026-03-10T23:59:00Z", "gone@acme.example", "removed", null, null, null);
  await change(orgId, "2026-03-11T00:00:00Z", "next.day@acme.example", "added", null, null, null);
  await change("another-org", "2026-03-10T10:00:00Z", "other@other.example", "added", null, null, null);
  // Messaging: 70 % the evening before, 96 % at noon (ok → critical); Meetings steady at 50 %.
  const snap = (license: string, name: string, at: string, consumed: number) =>
    db.execute(sql`INSERT INTO license_snapshots (license_id, org_id, name, taken_at, total, consumed, hour_bucket)
      VALUES (${license}, ${orgId}, ${name}, ${at}, 100, ${consumed}, ${Math.floor(Date.parse(at) / 3_600_000)})`);
  await snap("lic-msg", "Messaging", "2026-03-09T20:00:00Z", 70);
  await snap("lic-msg", "Messaging", "2026-03-10T12:00:00Z", 96);
  await snap("lic-meet", "Meetings", "2026-03-09T20:00:00Z", 50);
  await snap("lic-meet", "Meetings", "2026-03-10T12:00:00Z", 50);
});

afterAll(async () => {
  await h?.close();
  setDbForTests(undefined);
  await closeDb(db);
});

describe("GET /api/digest", () => {
  it("Markdown: that day's changes of the admin's org (counts and rows), and the pool that crossed a threshold", async () => {
    h.signIn("auditor");
    const res = await call(digest.GET, "/api/digest", { query: { date: "2026-03-10" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="roster-digest-2026-03-10.md"');
    const md = await res.text();
    expect(md).toContain("1 person added, 1 person removed, 1 field changed.");
    expect(md).toContain("| 09:00 | ann (ann@acme.example) | department | Sales | Support | Ada Admin (ada@acme.example) |");
    expect(md).toContain("gone@acme.example");
    expect(md).not.toContain("next.day@acme.example");
    expect(md).not.toContain("other@other.example");
    expect(md).toContain("| 12:00 | Messaging | OK → Critical | 96 of 100 |");
    expect(md).not.toContain("Meetings");
  });

  it("CSV of the same day; a day without anything says so", async () => {
    h.signIn("admin");
    const csv = await call(digest.GET, "/api/digest", { query: { date: "2026-03-10", format: "csv" } });
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines).toHaveLength(1 + 3 + 1);
    expect(lines.at(-1)).toBe("license,2026-03-10T12:00:00.000Z,Messaging,lic-msg,capacity level,OK,Critical (96 of 100),,");
    const empty = await (await call(digest.GET, "/api/digest", { query: { date: "2025-01-01" } })).text();
    expect(empty).toContain("No changes were seen that day.");
  });

  it("not an administrator: 403; a malformed day: 400", async () => {
    h.signIn("employee");
    expect((await call(digest.GET, "/api/digest", { query: { date: "2026-03-10" } })).status).toBe(403);
    h.signIn("auditor");
    expect((await call(digest.GET, "/api/digest", { query: { date: "10/03/2026" } })).status).toBe(400);
  });
});
