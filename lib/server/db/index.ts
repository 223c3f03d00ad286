import "server-only";

import fs from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { Pool } from "pg";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { Assume } from "drizzle-orm";

import { getEnv } from "@/lib/server/env";
import { migrations as allMigrations, type Migration } from "./migrations";
import * as schema from "./schema";

/** Both drivers answer `execute()` with an object that has `rows`; this HKT says exactly that. */
type RowsResult<T> = { rows: T[] };
export interface DbQueryResultHKT extends PgQueryResultHKT {
  type: RowsResult<Assume<this["row"], Record<string, unknown>>>;
}

/** A drizzle Postgres database over PGlite (embedded) or node-postgres (DATABASE_URL). */
export type Db = PgDatabase<DbQueryResultHKT, typeof schema>;
export type DbTransaction = Parameters<Parameters<Db["transaction"]>[0]>[0];

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

type Handle = { driver: "pg" | "pglite"; close: () => Promise<void>; executeSql: RawSql };

/** Plain SQL on the same connection(s) as the drizzle handle, for libraries that bring their own SQL (pg-boss). */
export type RawSql = (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;
const handles = new WeakMap<Db, Handle>();

/** Opens a database and brings its schema up to date. Never called at import time. */
export async function createDb(opts: CreateDbOptions = {}): Promise<Db> {
  const list = opts.migrations ?? allMigrations;
  if (opts.url) {
    const [{ Pool }, { drizzle }] = await Promise.all([import("pg"), import("drizzle-orm/node-postgres")]);
    const pool = new Pool(pgPoolConfig(opts.url, { poolSize: opts.poolSize, sslCa: opts.sslCa }));
    try {
      await migratePg(pool, list);
    } catch (err) {
      await pool.end();
      throw err;
    }
    const db = drizzle({ client: pool, schema }) as unknown as Db;
    handles.set(db, {
      driver: "pg",
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

/** Reads DATABASE_SSL_CA's file (once per process: getDb() opens the pool once). */
function readCaFile(file: string): string {
  try {
    const pem = fs.readFileSync(path.resolve(/*turbopackIgnore: true*/ file), "utf8");
    if (!pem.includes("-----BEGIN CERTIFICATE-----")) throw new Error("no PEM certificate in it");
    return pem;
  } catch (err) {
    throw new Error(`DATABASE_SSL_CA: cannot use ${file} as a CA certificate file (${err instanceof Error ? err.message : String(err)}).`);
  }
}

const SSL_MODES = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full", "no-verify"] as const;

/**
 * The node-postgres pool settings for a DATABASE_URL. TLS follows the URL's `sslmode` as libpq names it, except that
 * node-postgres cannot fall back to plain text: `disable` (and no sslmode, without a CA) is plain; `require`,
 * `prefer`, `allow` and `verify-full` encrypt and verify the server's certificate and host name (against the
 * system CAs, or `sslCa` / the URL's `sslrootcert`); `verify-ca` verifies the certificate but not the host name;
 * `no-verify` encrypts without verifying. A CA given without sslmode means `verify-full`.
 */
export function pgPoolConfig(url: string, opts: { poolSize?: number; sslCa?: string } = {}): import("pg").PoolConfig {
  const max = opts.poolSize ?? 10;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    // A form URL cannot read (a socket path, an empty host): node-postgres parses it, sslmode included.
    return { connectionString: url, max, ...(opts.sslCa ? { ssl: { ca: opts.sslCa, rejectUnauthorized: true } } : {}) };
  }
  const params = u.searchParams;
  const mode = params.get("sslmode") ?? (params.get("ssl") === "true" || params.get("ssl") === "1" ? "require" : null);
  if (mode !== null && !(SSL_MODES as readonly string[]).includes(mode)) {
    throw new Error(`DATABASE_URL: sslmode=${mode} is not one of ${SSL_MODES.join(", ")}.`);
  }
  const file = (name: string) => {
    const p = params.get(name);
    return p ? fs.readFileSync(path.resolve(/*turbopackIgnore: true*/ p), "utf8") : undefined;
  };
  const ca = opts.sslCa ?? file("sslrootcert");
  const cert = file("sslcert");
  const key = file("sslkey");
  for (const name of ["sslmode", "ssl", "sslrootcert", "sslcert", "sslkey", "uselibpqcompat"]) params.delete(name);

  let ssl: import("pg").PoolConfig["ssl"];
  const effective = mode ?? (ca ? "verify-full" : "disable");
  if (effective === "disable") {
    if (opts.sslCa) throw new Error("DATABASE_SSL_CA is set but DATABASE_URL says sslmode=disable: remove one of them.");
    ssl = false;
  } else {
    ssl = { rejectUnauthorized: effective !== "no-verify", ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) };
    if (effective === "verify-ca") ssl.checkServerIdentity = () => undefined;
  }
  return { connectionString: u.toString(), max, ssl };
}

/** "pg" or "pglite": some SQL (advisory locks) only matters on a real server. */
export function dbDriver(db: Db): "pg" | "pglite" {
  return handles.get(db)?.driver ?? "pg";
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
        ? { url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE, sslCa: env.DATABASE_SSL_CA ? readCaFile(env.DATABASE_SSL_CA) : undefined }
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
