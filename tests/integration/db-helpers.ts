// Helpers for tests/integration/db-*.test.ts and auth-*.test.ts (not a test file itself).
import { resetEnvCache } from "@/lib/server/env";
import { createHash, randomBytes } from "node:crypto";
import type { CreateDbOptions } from "@/lib/server/db";

/**
 * PGlite in memory by default; on CI's PostgreSQL pass (DATABASE_URL set) the test file's own database, which
 * tests/integration/setup-db.ts created for it before the file was loaded: no other file reads or writes it,
 * whatever runs alongside or in whichever order. Every call answers the same database, so a second handle
 * (a second instance) shares the first one's rows.
 */
export function testDbOptions(): CreateDbOptions {
  return process.env.DATABASE_URL ? { url: process.env.DATABASE_URL } : { dataDir: "memory" };
}

export const DEV_CLIENT_ID = "roster-dev-client";
export const DEV_CLIENT_SECRET = "roster-dev-secret";
export const REDIRECT_URI = "http://localhost:3000/api/auth/callback/webex";
export const SCOPES =
  "spark:kms spark:people_read spark-admin:people_read spark-admin:people_write spark-admin:licenses_read spark-admin:roles_read spark-admin:organizations_read spark-admin:locations_read audit:events_read";

/** Submits the emulator's consent form (as its page does) and returns the redirect's query. */
export async function approveOnEmulator(emulatorUrl: string, authorizeParams: URLSearchParams, email: string): Promise<URL> {
  const form = new URLSearchParams(authorizeParams);
  form.set("email", email);
  const res = await fetch(`${emulatorUrl}/v1/authorize`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form,
    redirect: "manual",
  });
  const location = res.headers.get("location");
  if (res.status !== 302 || !location) throw new Error(`authorize answered ${res.status}: ${await res.text()}`);
  return new URL(location);
}

/** A full authorization-code + PKCE grant against the emulator, without next-auth. */
export async function emulatorTokens(emulatorUrl: string, email: string) {
  const verifier = randomBytes(32).toString("base64url");
  const params = new URLSearchParams({
    response_type: "code",
    client_id: DEV_CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    scope: SCOPES,
    state: "s1",
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
  });
  const back = await approveOnEmulator(emulatorUrl, params, email);
  const code = back.searchParams.get("code");
  if (!code) throw new Error(`no code in ${back}`);
  const res = await fetch(`${emulatorUrl}/v1/access_token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      client_id: DEV_CLIENT_ID,
      client_secret: DEV_CLIENT_SECRET,
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
    }),
  });
  if (!res.ok) throw new Error(`access_token answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as {
    access_token: string;
    expires_in: number;
    refresh_token: string;
    refresh_token_expires_in: number;
    scope?: string;
  };
}

export async function emulatorControl<T = unknown>(emulatorUrl: string, path: string, method = "GET", body?: unknown): Promise<T> {
  const res = await fetch(`${emulatorUrl}/_emulator${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} /_emulator${path} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A fresh database for each call: PGlite in memory, or (CI's PostgreSQL pass) a new database on the same server.
 * For files that need more than their own database: a list of migrations of their own (health), or several job
 * engines one after another (an engine takes any job it finds in its database).
 */
export async function isolatedTestDbOptions(): Promise<CreateDbOptions> {
  if (!process.env.DATABASE_URL) return { dataDir: "memory" };
  return { url: await createTestDatabase() };
}

// The PostgreSQL server's own URL (DATABASE_URL as scripts/with-postgres.sh set it, before setup-db.ts pointed it at
// the file's database), and the databases this process created on it. On globalThis: one list per process, whatever
// module instance asks.
const testDatabases = globalThis as unknown as { __rosterTestPgServer?: string; __rosterTestDatabases?: string[] };

/** Creates an empty database on the PostgreSQL server of DATABASE_URL and answers its URL. */
export async function createTestDatabase(): Promise<string> {
  const server = (testDatabases.__rosterTestPgServer ??= process.env.DATABASE_URL);
  if (!server) throw new Error("createTestDatabase needs DATABASE_URL");
  const { Client } = await import("pg");
  const name = `roster_t_${randomBytes(6).toString("hex")}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  (testDatabases.__rosterTestDatabases ??= []).push(name);
  const u = new URL(server);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Drops the databases this process created, once the file is done. A database some connection still holds (a pool
 * the file never closed) is left behind rather than forced: it goes with the throwaway server at the end of
 * scripts/with-postgres.sh. Answers the names left behind.
 */
export async function dropTestDatabases(): Promise<string[]> {
  const server = testDatabases.__rosterTestPgServer;
  const names = (testDatabases.__rosterTestDatabases ?? []).splice(0);
  if (!server || names.length === 0) return [];
  const { Client } = await import("pg");
  const admin = new Client({ connectionString: server });
  await admin.connect();
  const left: string[] = [];
  try {
    for (const name of names) await admin.query(`DROP DATABASE IF EXISTS ${name}`).catch(() => left.push(name));
  } finally {
    await admin.end();
  }
  return left;
}

/**
 * Sets environment variables for a test file (blank strings included) and re-reads the environment; the returned
 * function puts every one of them back as it was and re-reads again.
 */
export function setTestEnv(vars: Record<string, string>): () => void {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  resetEnvCache();
  return () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetEnvCache();
  };
}
