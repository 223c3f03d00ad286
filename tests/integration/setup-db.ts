// Setup of every file of the integration project (vitest.config.ts). On CI's PostgreSQL pass (DATABASE_URL set by
// scripts/with-postgres.sh) the file gets a database of its own on that server, and DATABASE_URL points at it while
// the file runs: testDbOptions() and everything that reads DATABASE_URL use it, so files running side by side (and
// in any order) never see each other's rows. Dropped when the file is done. Without DATABASE_URL (PGlite) nothing
// happens here.
import { afterAll } from "vitest";
import { createTestDatabase, dropTestDatabases } from "./db-helpers";

const server = process.env.DATABASE_URL;
if (server) {
  process.env.DATABASE_URL = await createTestDatabase();
  // Registered before the file's own hooks, so it runs after them (vitest runs after-hooks in reverse), once the
  // file has closed its connections.
  afterAll(async () => {
    process.env.DATABASE_URL = server;
    const left = await dropTestDatabases();
    if (left.length) console.warn(`test databases still in use, left to the throwaway server: ${left.length}`);
  });
}
