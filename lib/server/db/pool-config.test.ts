import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pgPoolConfig } from "./pool-options";

const PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
const base = "postgres://roster:pw@db.internal:5432/roster";

describe("pgPoolConfig", () => {
  it("uses plain TCP when the URL says nothing about TLS", () => {
    expect(pgPoolConfig(base)).toEqual({ connectionString: base, ssl: false });
    expect(pgPoolConfig(`${base}?sslmode=disable`).ssl).toBe(false);
  });

  it("honours sslmode and removes the TLS parameters from the string node-postgres parses", () => {
    const req = pgPoolConfig(`${base}?sslmode=require&application_name=roster`);
    expect(req.ssl).toEqual({ rejectUnauthorized: true });
    expect(req.connectionString).toBe(`${base}?application_name=roster`);
    expect(pgPoolConfig(`${base}?sslmode=verify-full`).ssl).toEqual({ rejectUnauthorized: true });
    expect(pgPoolConfig(`${base}?sslmode=no-verify`).ssl).toEqual({ rejectUnauthorized: false });
    const ca = pgPoolConfig(`${base}?sslmode=verify-ca`).ssl as { checkServerIdentity?: () => undefined };
    expect(typeof ca.checkServerIdentity).toBe("function");
    expect(() => pgPoolConfig(`${base}?sslmode=sometimes`)).toThrow(/sslmode=sometimes is not one of/);
  });

  it("trusts the CA given (DATABASE_SSL_CA, or the URL's sslrootcert), verifying the server by default", () => {
    expect(pgPoolConfig(base, { sslCa: PEM }).ssl).toEqual({ rejectUnauthorized: true, ca: PEM });
    expect(pgPoolConfig(`${base}?sslmode=require`, { sslCa: PEM }).ssl).toEqual({ rejectUnauthorized: true, ca: PEM });
    expect(() => pgPoolConfig(`${base}?sslmode=disable`, { sslCa: PEM })).toThrow(/DATABASE_SSL_CA is set but DATABASE_URL says sslmode=disable/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "roster-ca-"));
    try {
      fs.writeFileSync(path.join(dir, "ca.pem"), PEM);
      const cfg = pgPoolConfig(`${base}?sslmode=verify-full&sslrootcert=${encodeURIComponent(path.join(dir, "ca.pem"))}`);
      expect(cfg.ssl).toEqual({ rejectUnauthorized: true, ca: PEM });
      expect(cfg.connectionString).toBe(base);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
