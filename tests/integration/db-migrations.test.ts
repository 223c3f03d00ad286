import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { closeDb, createDb, type Db } from "@/lib/server/db";
import { migrations } from "@/lib/server/db/migrations";
import { isolatedTestDbOptions, testDbOptions } from "./db-helpers";

const opened: Db[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => closeDb(db)));
});
async function open(opts = testDbOptions()) {
  const db = await createDb(opts);
  opened.push(db);
  return db;
}

describe("migrations", () => {
  it("creates the tables and records each migration once", async () => {
    const db = await open();
    const tables = await db.execute<{ table_name: string }>(
      sql`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`,
    );
    const names = tables.rows.map((r) => r.table_name);
    for (const t of ["schema_migrations", "webex_tokens", "audit_events", "jobs", "license_snapshots"]) {
      expect(names).toContain(t);
    }
    const applied = await db.execute<{ id: string; n: number }>(sql`SELECT id, count(*)::int AS n FROM schema_migrations GROUP BY id`);
    expect(applied.rows.map((r) => r.id).sort()).toEqual(migrations.map((m) => m.id).sort());
    expect(applied.rows.every((r) => r.n === 1)).toBe(true);
  });

  // On PGlite a data directory on disk, opened again; on PostgreSQL a fresh database of the test's own, opened again.
  const pglite = !process.env.DATABASE_URL;

  it("is idempotent when a database is opened again, and keeps the data", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "roster-db-"));
    const opts = pglite ? { dataDir: dir } : await isolatedTestDbOptions();
    try {
      const first = await createDb(opts);
      await first.execute(sql`INSERT INTO jobs (id, org_id, kind) VALUES ('j1', 'o1', 'test')`);
      await closeDb(first);
      const second = await createDb(opts);
      const applied = await second.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM schema_migrations`);
      expect(applied.rows[0]!.n).toBe(migrations.length);
      const jobs = await second.execute<{ id: string }>(sql`SELECT id FROM jobs`);
      expect(jobs.rows).toEqual([{ id: "j1" }]);
      await closeDb(second);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("applies a later migration on re-open, and rolls a failing one back whole", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "roster-db-"));
    // A database of this test's own on PostgreSQL too, so its extra tables touch nobody else's.
    const opts = pglite ? { dataDir: dir } : await isolatedTestDbOptions();
    try {
      await closeDb(await createDb(opts));
      const extra = { id: "9999-test", sql: "CREATE TABLE extra_t (id int); INSERT INTO extra_t VALUES (1);" };
      const db = await createDb({ ...opts, migrations: [...migrations, extra] });
      expect((await db.execute(sql`SELECT * FROM extra_t`)).rows).toEqual([{ id: 1 }]);
      await closeDb(db);

      const broken = { id: "9998-broken", sql: "CREATE TABLE broken_t (id int); SELECT no_such_function();" };
      await expect(createDb({ ...opts, migrations: [...migrations, broken] })).rejects.toThrow();
      const after = await createDb(opts);
      const t = await after.execute<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'broken_t' AND table_schema = current_schema()`,
      );
      expect(t.rows[0]!.n).toBe(0);
      const applied = await after.execute<{ id: string }>(sql`SELECT id FROM schema_migrations WHERE id LIKE '999%'`);
      expect(applied.rows).toEqual([{ id: "9999-test" }]);
      await closeDb(after);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("two processes opening at once both succeed (advisory lock on PostgreSQL)", async () => {
    // A database nobody has migrated yet (the file's own may have been by an earlier test): both really race.
    const fresh = await isolatedTestDbOptions();
    const [a, b] = await Promise.all([open(fresh), open(fresh)]);
    const applied = await a.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM schema_migrations`);
    expect(applied.rows[0]!.n).toBe(migrations.length);
    expect((await b.execute(sql`SELECT 1 AS one`)).rows).toEqual([{ one: 1 }]);
  });

  it("serialises transactions on one database (no interleaved statements)", async () => {
    const db = await open();
    const id = `ser-${Date.now()}-${Math.random()}`;
    await db.execute(sql`INSERT INTO jobs (id, org_id, kind, progress) VALUES (${id}, 'o', 'counter', '{"n":0}')`);
    await Promise.all(
      Array.from({ length: 10 }, () =>
        db.transaction(async (tx) => {
          const r = await tx.execute<{ n: number }>(sql`SELECT (progress->>'n')::int AS n FROM jobs WHERE id = ${id} FOR UPDATE`);
          await new Promise((res) => setTimeout(res, 5));
          await tx.execute(sql`UPDATE jobs SET progress = jsonb_build_object('n', ${r.rows[0]!.n + 1}::int) WHERE id = ${id}`);
        }),
      ),
    );
    const r = await db.execute<{ n: number }>(sql`SELECT (progress->>'n')::int AS n FROM jobs WHERE id = ${id}`);
    expect(r.rows[0]!.n).toBe(10);
  });
});
