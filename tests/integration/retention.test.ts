// The retention round: what it deletes (old finished jobs and their items, old scans, old snapshots, old task_runs,
// audit events only when asked) and what it keeps (active jobs whatever their age, each org's latest scan, recent
// rows, the audit trail by default). One instance per day runs it (claimSlot).
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeDb, createDb, setDbForTests, type Db } from "@/lib/server/db";
import { RETENTION_INTERVAL_MS, RETENTION_TASK, retentionRound, runRetention } from "@/lib/server/retention";
import { claimSlot } from "@/lib/server/tasks/periodic";
import { testDbOptions } from "./db-helpers";

const DAY = 24 * 3600_000;
const NOW = Date.UTC(2026, 5, 1, 12);
const ago = (days: number) => new Date(NOW - days * DAY).toISOString();
let db: Db;

async function bulkJob(status: string, finishedDaysAgo: number | null, createdDaysAgo = finishedDaysAgo ?? 1, items = 3): Promise<string> {
  const id = randomUUID();
  await db.execute(sql`
    INSERT INTO bulk_jobs (id, org_id, kind, status, label, created_by_id, created_by_email, total, created_at, updated_at, finished_at)
    VALUES (${id}, 'org-1', 'license-add', ${status}, 'test', 'p1', 'a@x.test', ${items}, ${ago(createdDaysAgo)}, ${ago(finishedDaysAgo ?? createdDaysAgo)},
            ${finishedDaysAgo === null ? null : ago(finishedDaysAgo)})`);
  await db.execute(sql`INSERT INTO bulk_job_items (job_id, seq, person_id, state)
    SELECT ${id}, g, 'p' || g, 'done' FROM generate_series(1, ${items}::int) AS g`);
  return id;
}

async function scan(org: string, status: string, finishedDaysAgo: number): Promise<string> {
  const id = randomUUID();
  await db.execute(sql`
    INSERT INTO jobs (id, org_id, kind, status, created_at, updated_at, finished_at)
    VALUES (${id}, ${org}, 'reclaim-scan', ${status}, ${ago(finishedDaysAgo)}, ${ago(finishedDaysAgo)}, ${ago(finishedDaysAgo)})`);
  return id;
}

const ids = async (q: ReturnType<typeof sql>) => (await db.execute<{ id: string }>(q)).rows.map((r) => String(r.id)).sort();

beforeAll(async () => {
  db = await createDb(testDbOptions()); // the file's own (tests/integration/setup-db.ts)
  setDbForTests(db);
});

// Each test starts from empty tables (the file's own database) and counts only the rows it put there.
beforeEach(async () => {
  await db.execute(sql`TRUNCATE bulk_jobs, bulk_job_items, jobs, license_snapshots, task_runs, audit_events`);
});

afterAll(async () => {
  setDbForTests(undefined);
  await closeDb(db);
});

describe("runRetention", () => {
  it("deletes what is old and finished, keeps what is active, recent, the latest scan and the audit trail", async () => {
    const oldDone = await bulkJob("done", 120);
    const oldFailed = await bulkJob("failed", 91);
    const oldCancelled = await bulkJob("cancelled", 200);
    const recentDone = await bulkJob("done", 30);
    // Active jobs stay whatever their age.
    const oldRunning = await bulkJob("running", null, 400);
    const oldPaused = await bulkJob("paused", null, 400);
    const oldQueued = await bulkJob("queued", null, 400);
    const oldDraft = await bulkJob("draft", null, 3);

    // Org 1: its latest succeeded scan is old, yet kept; older ones and an old failed one go. Org 2: a recent one.
    const s1Latest = await scan("org-1", "succeeded", 100);
    const s1Older = await scan("org-1", "succeeded", 150);
    const s1Failed = await scan("org-1", "failed", 95);
    const s2Recent = await scan("org-2", "succeeded", 5);
    const s2Old = await scan("org-2", "succeeded", 100);

    for (const [days, license] of [[800, "L1"], [731, "L1"], [729, "L1"], [1, "L1"]] as const) {
      await db.execute(sql`INSERT INTO license_snapshots (license_id, org_id, taken_at, total, consumed, hour_bucket)
        VALUES (${license}, 'org-1', ${ago(days)}, 10, 5, ${Math.floor((NOW - days * DAY) / 3600_000)})`);
    }
    await db.execute(sql`INSERT INTO task_runs (task, scope, slot, instance_id, claimed_at) VALUES
      ('license-snapshot', 'gone-org', 1, 'i', ${ago(30)}), ('license-snapshot', 'org-1', 2, 'i', ${ago(1)})`);
    await db.execute(sql`INSERT INTO audit_events (at, org_id, actor_id, action, outcome) VALUES
      (${ago(3000)}, 'org-1', 'p1', 'person.update', 'success'), (${ago(10)}, 'org-1', 'p1', 'person.update', 'success')`);

    const result = await runRetention(db, { jobsDays: 90, snapshotDays: 730, auditDays: null }, NOW);
    expect(result).toEqual({ bulkJobs: 3, scans: 3, snapshots: 2, taskRuns: 1, auditEvents: 0 });

    expect(await ids(sql`SELECT id FROM bulk_jobs`)).toEqual([recentDone, oldRunning, oldPaused, oldQueued].sort());
    expect(oldDraft).toBeTruthy(); // drafts go after a day, as deleteOldDrafts says
    const items = await ids(sql`SELECT DISTINCT job_id AS id FROM bulk_job_items`);
    expect(items).toEqual([recentDone, oldRunning, oldPaused, oldQueued].sort());
    for (const gone of [oldDone, oldFailed, oldCancelled]) expect(items).not.toContain(gone);

    expect(await ids(sql`SELECT id FROM jobs`)).toEqual([s1Latest, s2Recent].sort());
    expect([s1Older, s1Failed, s2Old].every((id) => id)).toBe(true);

    const snaps = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM license_snapshots`);
    expect(snaps.rows[0]!.n).toBe(2);
    expect(await ids(sql`SELECT scope AS id FROM task_runs`)).toEqual(["org-1"]);
    const audit = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_events`);
    expect(audit.rows[0]!.n).toBe(2); // the audit trail is kept by default

    // The change feed is part of the audit trail: kept by default too.
    const change = (days: number) => sql`INSERT INTO directory_changes (org_id, generation, seen_to, person_id, email, display_name, kind)
      VALUES ('org-1', 2, ${new Date(NOW - days * DAY).toISOString()}, 'p1', 'a@acme.example', 'A', 'added')`;
    await db.execute(change(400));
    await db.execute(change(10));

    // Again: nothing more to delete. With an audit age, only the old audit event and the old change go.
    expect(await runRetention(db, { jobsDays: 90, snapshotDays: 730, auditDays: null }, NOW)).toEqual({ bulkJobs: 0, scans: 0, snapshots: 0, taskRuns: 0, auditEvents: 0 });
    expect((await runRetention(db, { jobsDays: 90, snapshotDays: 730, auditDays: 365 }, NOW)).auditEvents).toBe(2);
    const changes = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM directory_changes`);
    expect(changes.rows[0]!.n).toBe(1);

    // 0 (null) keeps a kind forever.
    await bulkJob("done", 5000);
    expect((await runRetention(db, { jobsDays: null, snapshotDays: null, auditDays: null }, NOW)).bulkJobs).toBe(0);
  });

  it("deletes a large finished job with all its items", async () => {
    const big = await bulkJob("done", 365, 365, 2500);
    const res = await runRetention(db, { jobsDays: 90, snapshotDays: null, auditDays: null }, NOW);
    expect(res.bulkJobs).toBeGreaterThanOrEqual(1);
    const left = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM bulk_job_items WHERE job_id = ${big}`);
    expect(left.rows[0]!.n).toBe(0);
  });

  it("runs once per day across instances: the day's slot is claimed once", async () => {
    const day = NOW + 7 * DAY;
    expect(await retentionRound(day)).not.toBeNull();
    expect(await retentionRound(day + 3600_000)).toBeNull(); // same day, any instance: already done
    expect(await claimSlot(db, RETENTION_TASK, "all", RETENTION_INTERVAL_MS, day)).toBe(false);
    expect(await retentionRound(day + DAY)).not.toBeNull();
  });
});
