// Setup of every file of the integration project (vitest.config.ts). On CI's PostgreSQL pass (DATABASE_URL set by
// scripts/with-postgres.sh) the file gets a database of its own on that server, and DATABASE_URL points at it while
// the file runs: testDbOptions() and everything that reads DATABASE_URL use it, so files running side by side (and
// in any order) never see each other's rows. Dropped when the file is done. Without DATABASE_URL (PGlite) nothing
// happens here.
import { afterAll, expect } from "vitest";
import { createTestDatabase, dropTestDatabases } from "./db-helpers";

const server = process.env.DATABASE_URL;
if (server) {
  process.env.DATABASE_URL = await createTestDatabase();
  // Registered before the file's own hooks, so it runs after them (vitest runs after-hooks in reverse), once the
  // file has closed its connections.
  afterAll(async () => {
    process.env.DATABASE_URL = server;
    // The edit locks' own connections (lib/server/people/person-lock.ts), opened by any PATCH on PostgreSQL and
    // kept for the process: closed here as a shutdown would, so the database can go.
    await (await import("@/lib/server/people/person-lock")).closePersonLocks();
    const left = await dropTestDatabases();
    const file = expect.getState().testPath ?? "a test file";
    if (left.length) console.warn(`${file}: ${left.length} test database(s) still in use, left to the throwaway server`);
  });
}
