import "server-only";
import type { Pool, PoolClient } from "pg";
import { ApiError } from "@/lib/server/api/errors";
import { getDb, pgConnection } from "@/lib/server/db";

// Webex has no If-Match: between our GET and our PUT another PUT can land, and ours (built from the older GET)
// would silently restore that person's old values. GET→PUT→GET for one person therefore runs one at a time:
// - within a process, callers queue on a promise chain (no database round trip, no polling);
// - across instances (DATABASE_URL), the head of each process's queue also takes a PostgreSQL advisory lock on the
//   person, held on its own connection only around GET→PUT→GET (never across a user's think time) and released
//   by PostgreSQL itself if the instance dies. Decision 005.

const globalForLocks = globalThis as unknown as { __rosterPersonLocks?: Map<string, Promise<void>>; __rosterLockPool?: Pool };
const locks = (globalForLocks.__rosterPersonLocks ??= new Map());

/** Advisory lock namespace (first key of the two-int form), so person locks never collide with other locks. */
const LOCK_NAMESPACE = 5005;
/** How long a second instance waits for another's edit of the same person before answering 503. */
const LOCK_WAIT_MS = 30_000;
/** Connections kept for locks (separate from the app's pool, so a waiting lock never starves the holder's queries). */
const LOCK_POOL_SIZE = 10;

async function lockPool(): Promise<Pool | null> {
  // The same server, reached the same way (TLS included), as the app's own pool: tests open their own database.
  const connection = pgConnection(await getDb());
  if (!connection) return null; // PGlite: one process, the in-process queue is the whole story
  if (!globalForLocks.__rosterLockPool) {
    const { Pool } = await import("pg");
    globalForLocks.__rosterLockPool ??= new Pool({ ...connection, max: LOCK_POOL_SIZE, idleTimeoutMillis: 30_000 });
    globalForLocks.__rosterLockPool.on("error", () => undefined); // an idle connection dropped: the pool replaces it
  }
  return globalForLocks.__rosterLockPool;
}

/** Takes the cluster-wide lock for `key` (waits up to LOCK_WAIT_MS); returns its release. */
async function acquireAdvisory(pool: Pool, key: string): Promise<() => Promise<void>> {
  const client: PoolClient = await pool.connect();
  try {
    await client.query(`SET lock_timeout = ${LOCK_WAIT_MS}`);
    await client.query("SELECT pg_advisory_lock($1::int, hashtext($2))", [LOCK_NAMESPACE, key]);
  } catch (err) {
    client.release();
    if ((err as { code?: string }).code === "55P03") {
      throw new ApiError(503, "Another change to this person has been running for a long time; try again in a minute.");
    }
    throw err;
  }
  return async () => {
    try {
      await client.query("SELECT pg_advisory_unlock($1::int, hashtext($2))", [LOCK_NAMESPACE, key]);
      client.release();
    } catch (err) {
      client.release(err as Error); // a broken connection is dropped, and its lock with it
    }
  };
}

export async function withPersonLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = locks.get(key) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => mine);
  locks.set(key, tail);
  await previous;
  try {
    const pool = await lockPool();
    if (!pool) return await fn();
    const unlock = await acquireAdvisory(pool, key);
    try {
      return await fn();
    } finally {
      await unlock();
    }
  } finally {
    release();
    if (locks.get(key) === tail) locks.delete(key);
  }
}

/** Graceful shutdown: closes the lock connections (after in-flight edits released theirs). */
export async function closePersonLocks(): Promise<void> {
  const pool = globalForLocks.__rosterLockPool;
  globalForLocks.__rosterLockPool = undefined;
  await pool?.end();
}
