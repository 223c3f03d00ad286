import "server-only";

import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { Pool, PoolConfig } from "pg";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { Assume } from "drizzle-orm";

import { getEnv } from "@/lib/server/env";
import { migrations as allMigrations, type Migration } from "./migrations";
import { envSslCa, pgPoolConfig } from "./pool-options";
import * as schema from "./schema";

/** Both drivers answer `execute()` with an object that has `rows`; this HKT says exactly that. */
type RowsResult<T> = { rows: T[] };
export interface DbQueryResultHKT extends PgQueryResultHKT {
  type: RowsResult<Assume<this["row"], Record<string, unknown>>>;
}

/** A drizzle Postgres database over PGlite (embedded) or node-postgres (DATABASE_URL). */
export type Db = PgDatabase<DbQueryResultHKT, typeof schema>;

export type CreateDbOptions = {
  /** A PostgreSQL connection string; wins over dataDir. */
  url?: string;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
  /** PEM text of CA certificates to trust for PostgreSQL's TLS certificate. */
  sslCa?: string;
  /** PGlite data directory, or "memory" for a throwaway in-memory database. */
  dataDir?: string | "memory";
  /** Defaults to the app's migrations; tests may pass their own list. */
  migrations?: Migration[];
};

type Handle = { driver: "pg" | "pglite"; connection?: PoolConfig; close: () => Promise<void>; executeSql: RawSql };

/** Plain SQL on the same connection(s) as the drizzle handle, for libraries that bring their own SQL (pg-boss). */
export type RawSql = (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;
// On globalThis, like the database itself: Next bundles instrumentation.ts (which opens the database) and each route
// separately, each with its own copy of this module, and every copy must know every handle.
const globalForHandles = globalThis as unknown as { __rosterDbHandles?: WeakMap<Db, Handle> };
const handles = (globalForHandles.__rosterDbHandles ??= new WeakMap<Db, Handle>());

/** Opens a database and brings its schema up to date. Never called at import time. */
export async function createDb(opts: CreateDbOptions = {}): Promise<Db> {
  const list = opts.migrations ?? allMigrations;
  if (opts.url) {
    const [{ Pool }, { drizzle }] = await Promise.all([import("pg"), import("drizzle-orm/node-postgres")]);
    const connection = pgPoolConfig(opts.url, { sslCa: opts.sslCa });
    const pool = new Pool({ ...connection, max: opts.poolSize ?? 10 });
    try {
      await migratePg(pool, list);
    } catch (err) {
      await pool.end();
      throw err;
    }
    const db = drizzle({ client: pool, schema }) as unknown as Db;
    handles.set(db, {
      driver: "pg",
      connection,
      close: () => pool.end(),
      executeSql: async (text, values) => ({ rows: (await pool.query(text, values?.length ? values : undefined)).rows }),
    });
    return db;
  }

  const [{ PGlite }, { drizzle }] = await Promise.all([import("@electric-sql/pglite"), import("drizzle-orm/pglite")]);
  const dataDir = opts.dataDir ?? path.join(getEnv().ROSTER_DATA_DIR, "pglite");
  const client = dataDir === "memory" ? new PGlite() : new PGlite(path.resolve(/*turbopackIgnore: true*/ dataDir));
  try {
    await migratePglite(client, list);
  } catch (err) {
    await client.close();
    throw err;
  }
  // PGlite is one connection. Its query() and transaction() share one exclusive lock, so a transaction's
  // statements are never interleaved with another request's. Corollary: inside db.transaction(), use `tx`,
  // never `db` (a `db` call would wait for the transaction that is waiting for it).
  const db = drizzle({ client, schema }) as unknown as Db;
  handles.set(db, {
    driver: "pglite",
    close: () => client.close(),
    // PGlite's query() refuses several statements in one text (pg-boss's install and maintenance scripts send
    // them without parameters); exec() runs them and answers one result per statement.
    executeSql: async (text, values) => {
      if (values?.length) return { rows: (await client.query<Record<string, unknown>>(text, values)).rows };
      const results = await client.exec(text);
      return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
    },
  });
  return db;
}

/** "pg" or "pglite": some SQL (advisory locks) only matters on a real server. */
export function dbDriver(db: Db): "pg" | "pglite" {
  return handles.get(db)?.driver ?? "pg";
}

/**
 * How `db` connects to PostgreSQL (connection string and TLS, without the pool size), for extra connections that
 * must reach the same server the same way (the edit locks); null for PGlite.
 */
export function pgConnection(db: Db): PoolConfig | null {
  return handles.get(db)?.connection ?? null;
}

/** Raw SQL over the database's own connection(s). */
export function rawSql(db: Db): RawSql {
  const handle = handles.get(db);
  if (!handle) throw new Error("rawSql: not a database opened by createDb()");
  return handle.executeSql;
}

// Next dev reloads modules; keep one instance per process (PGlite cannot open a directory twice).
const globalForDb = globalThis as unknown as { __rosterDb?: Promise<Db> };

/** The app's database, opened on first use from DATABASE_URL, else PGlite in ROSTER_DATA_DIR/pglite. */
export function getDb(): Promise<Db> {
  if (!globalForDb.__rosterDb) {
    const env = getEnv();
    const opening = createDb(
      env.DATABASE_URL
        ? { url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE, sslCa: envSslCa() }
        : {},
    );
    globalForDb.__rosterDb = opening;
    opening.catch(() => {
      if (globalForDb.__rosterDb === opening) globalForDb.__rosterDb = undefined;
    });
  }
  return globalForDb.__rosterDb;
}

/** Tests only: make getDb() answer with `db` (or forget it with undefined). */
export function setDbForTests(db: Db | undefined): void {
  globalForDb.__rosterDb = db ? Promise.resolve(db) : undefined;
}

/** Closes `db`, or the app's singleton when no argument is given. */
export async function closeDb(db?: Db): Promise<void> {
  if (!db) {
    const opening = globalForDb.__rosterDb;
    globalForDb.__rosterDb = undefined;
    if (!opening) return;
    db = await opening.catch(() => undefined);
    if (!db) return;
  }
  const handle = handles.get(db);
  handles.delete(db);
  await handle?.close();
}

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  id text PRIMARY KEY,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;
// Any constant bigint; all Roster processes agree on it.
const MIGRATION_LOCK_KEY = 7_270_561_301;

async function migratePg(pool: Pool, list: Migration[]): Promise<void> {
  const client = await pool.connect();
  try {
    // One transaction, serialised across processes by a transaction-scoped advisory lock: the second
    // process to start waits, then finds everything applied.
    await client.query("BEGIN");
    try {
      await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK_KEY]);
      await client.query(CREATE_MIGRATIONS_TABLE);
      const applied = new Set((await client.query<{ id: string }>("SELECT id FROM schema_migrations")).rows.map((r) => r.id));
      for (const m of list) {
        if (applied.has(m.id)) continue;
        await client.query(m.sql); // no parameters: simple protocol, several statements allowed
        await client.query("INSERT INTO schema_migrations (id) VALUES ($1)", [m.id]);
      }
      await client.query("COMMIT");
    } catch (err) {
      await client.query("ROLLBACK").catch(() => {});
      throw err;
    }
  } finally {
    client.release();
  }
}

async function migratePglite(client: PGlite, list: Migration[]): Promise<void> {
  // PGlite has a single connection per data directory, so no other process can race us here.
  await client.transaction(async (tx) => {
    await tx.exec(CREATE_MIGRATIONS_TABLE);
    const applied = new Set((await tx.query<{ id: string }>("SELECT id FROM schema_migrations")).rows.map((r) => r.id));
    for (const m of list) {
      if (applied.has(m.id)) continue;
      await tx.exec(m.sql);
      await tx.query("INSERT INTO schema_migrations (id) VALUES ($1)", [m.id]);
    }
  });
}
