// Issue 14, the time-zone policy: the /activity from/to filter means whole days in the viewer's time zone (sent as
// `tz`; UTC when absent), "to" includes the whole of its day there, and the CSV export writes every time in ISO 8601
// UTC. Real route handlers and database (bench/api-harness.ts), audit rows written at chosen instants either side
// of midnight in Los Angeles.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as activity from "@/app/api/activity/route";
import * as activityExport from "@/app/api/activity/export/route";
import { call, startApiHarness, type ApiHarness } from "@/bench/api-harness";
import type { AuditEvent } from "@/lib/people/audit-types";
import { closeDb, createDb, setDbForTests, type Db } from "@/lib/server/db";
import { isolatedTestDbOptions } from "./db-helpers";

let h: ApiHarness;
let db: Db;
const TARGET = "tz-probe-person";

// Los Angeles is UTC-8 in December: its 2 December runs from 08:00 UTC on the 2nd to 08:00 UTC on the 3rd.
const AT = {
  lateOn1st: "2026-12-02T07:30:00.000Z", // 23:30 on 1 Dec in Los Angeles (2 Dec in UTC)
  startOf2nd: "2026-12-02T08:00:00.000Z", // 00:00 on 2 Dec in Los Angeles
  endOf2nd: "2026-12-03T07:59:59.000Z", // 23:59:59 on 2 Dec in Los Angeles (3 Dec in UTC)
  startOf3rd: "2026-12-03T08:00:00.000Z", // 00:00 on 3 Dec in Los Angeles
};

async function times(query: Record<string, string>): Promise<string[]> {
  const res = await call(activity.GET, "/api/activity", { query: { targetId: TARGET, source: "roster", ...query } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: AuditEvent[] }).items.map((e) => e.at);
}

beforeAll(async () => {
  db = await createDb(await isolatedTestDbOptions());
  setDbForTests(db);
  h = await startApiHarness({ people: 5 });
  const orgId = h.users.admin.orgId;
  for (const at of Object.values(AT)) {
    await db.execute(sql`INSERT INTO audit_events (at, org_id, actor_id, actor_email, action, target_id, target_email, outcome)
      VALUES (${at}::timestamptz, ${orgId}, 'actor-1', 'admin@acme.example', 'person.update', ${TARGET}, 'probe@acme.example', 'success')`);
  }
});

afterAll(async () => {
  await h?.close();
  setDbForTests(undefined);
  await closeDb(db);
});

beforeEach(() => h.signIn("admin"));

describe("activity date filter: whole days in the viewer's time zone", () => {
  it("from = to = 2 Dec in Los Angeles is exactly Los Angeles' 2 December, its last second included", async () => {
    expect(await times({ from: "2026-12-02", to: "2026-12-02", tz: "America/Los_Angeles" })).toEqual([AT.endOf2nd, AT.startOf2nd]);
  });

  it("'to' alone includes the whole of its day in the zone, and nothing after it", async () => {
    expect(await times({ to: "2026-12-01", tz: "America/Los_Angeles" })).toEqual([AT.lateOn1st]);
    expect(await times({ from: "2026-12-03", tz: "America/Los_Angeles" })).toEqual([AT.startOf3rd]);
  });

  it("the same days without a zone are UTC days", async () => {
    expect(await times({ from: "2026-12-02", to: "2026-12-02" })).toEqual([AT.startOf2nd, AT.lateOn1st]);
    expect(await times({ from: "2026-12-02", to: "2026-12-02", tz: "UTC" })).toEqual([AT.startOf2nd, AT.lateOn1st]);
  });

  it("an unknown time zone is a 400 naming the field", async () => {
    const res = await call(activity.GET, "/api/activity", { query: { from: "2026-12-02", tz: "Mars/Olympus" } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { fields?: Record<string, string> } }).error.fields).toHaveProperty("tz");
  });

  it("the CSV export applies the same days and writes ISO 8601 UTC times", async () => {
    const res = await call(activityExport.GET, "/api/activity/export", {
      query: { targetId: TARGET, source: "roster", from: "2026-12-02", to: "2026-12-02", tz: "America/Los_Angeles" },
    });
    expect(res.status).toBe(200);
    const lines = (await res.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toMatch(/^"?Time \(UTC\)"?,/);
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual([AT.endOf2nd, AT.startOf2nd]);
  });
});
