import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

const real = { WEBEX_CLIENT_ID: "a", WEBEX_CLIENT_SECRET: "b", NEXTAUTH_SECRET: "s" };
const pg = "postgres://roster@db.internal:5432/roster";

describe("parseEnv: production settings", () => {
  it("defaults the pool to 10 connections and reads DATABASE_POOL_SIZE", () => {
    expect(parseEnv(real).DATABASE_POOL_SIZE).toBe(10);
    expect(parseEnv({ ...real, DATABASE_POOL_SIZE: " " }).DATABASE_POOL_SIZE).toBe(10);
    expect(parseEnv({ ...real, DATABASE_URL: pg, DATABASE_POOL_SIZE: "25" }).DATABASE_POOL_SIZE).toBe(25);
  });

  it("refuses a pool size that is not a whole number from 1 to 1000, naming the variable", () => {
    for (const bad of ["0", "-3", "2.5", "ten", "5000"]) {
      expect(() => parseEnv({ ...real, DATABASE_POOL_SIZE: bad })).toThrow(/DATABASE_POOL_SIZE: must be/);
    }
  });

  it("on PostgreSQL in production, refuses to start without an explicit NEXTAUTH_SECRET and NEXTAUTH_URL", () => {
    const emulator = { ROSTER_EMULATOR: "1", ROSTER_DATA_DIR: "/nonexistent/never-written", DATABASE_URL: pg, NODE_ENV: "production" };
    expect(() => parseEnv(emulator)).toThrow(/Missing environment variables: NEXTAUTH_SECRET, NEXTAUTH_URL\. With DATABASE_URL set/);
    expect(() => parseEnv({ ...emulator, NEXTAUTH_SECRET: "shared" })).toThrow(/variable: NEXTAUTH_URL\b.*public URL/);
    expect(() => parseEnv({ ...real, DATABASE_URL: pg, NODE_ENV: "production" })).toThrow(/NEXTAUTH_URL/);
    const ok = parseEnv({ ...real, DATABASE_URL: pg, NODE_ENV: "production", NEXTAUTH_URL: "https://roster.example.com" });
    expect(ok.NEXTAUTH_SECRET).toBe("s");
    // PGlite (one instance) in production keeps working as before; so do tests and `next dev` on PostgreSQL.
    expect(parseEnv({ ...real, NODE_ENV: "production" }).NEXTAUTH_URL).toBeUndefined();
    expect(parseEnv({ ...real, DATABASE_URL: pg, NODE_ENV: "test" }).DATABASE_URL).toBe(pg);
  });

  it("takes DATABASE_SSL_CA only with DATABASE_URL", () => {
    expect(parseEnv({ ...real, DATABASE_URL: pg, DATABASE_SSL_CA: "/etc/ssl/db-ca.pem" }).DATABASE_SSL_CA).toBe("/etc/ssl/db-ca.pem");
    expect(() => parseEnv({ ...real, DATABASE_SSL_CA: "/etc/ssl/db-ca.pem" })).toThrow(/DATABASE_SSL_CA is set but DATABASE_URL is not/);
  });
});
