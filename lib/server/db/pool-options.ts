import "server-only";
import fs from "node:fs";
import path from "node:path";
import type { PoolConfig } from "pg";
import { getEnv } from "@/lib/server/env";

const globalForCa = globalThis as unknown as { __rosterSslCa?: { file: string; pem: string } };

/** DATABASE_SSL_CA's certificates, read from the file once per process (undefined when not set). */
export function envSslCa(): string | undefined {
  const file = getEnv().DATABASE_SSL_CA;
  if (!file) return undefined;
  if (globalForCa.__rosterSslCa?.file !== file) globalForCa.__rosterSslCa = { file, pem: readCaFile(file) };
  return globalForCa.__rosterSslCa.pem;
}

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
 * The node-postgres settings for a DATABASE_URL (without the pool size). TLS follows the URL's `sslmode` as libpq
 * names it, except that node-postgres cannot fall back to plain text: `disable` (and no sslmode, without a CA) is
 * plain; `require`, `prefer`, `allow` and `verify-full` encrypt and verify the server's certificate and host name
 * (against the system CAs, or `sslCa` / the URL's `sslrootcert`); `verify-ca` verifies the certificate but not the
 * host name; `no-verify` encrypts without verifying. A CA given without sslmode means `verify-full`.
 */
export function pgPoolConfig(url: string, opts: { sslCa?: string } = {}): PoolConfig {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    // A form URL cannot read (a socket path, an empty host): node-postgres parses it, sslmode included.
    return { connectionString: url, ...(opts.sslCa ? { ssl: { ca: opts.sslCa, rejectUnauthorized: true } } : {}) };
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

  let ssl: PoolConfig["ssl"];
  const effective = mode ?? (ca ? "verify-full" : "disable");
  if (effective === "disable") {
    if (opts.sslCa) throw new Error("DATABASE_SSL_CA is set but DATABASE_URL says sslmode=disable: remove one of them.");
    ssl = false;
  } else {
    ssl = { rejectUnauthorized: effective !== "no-verify", ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) };
    if (effective === "verify-ca") ssl.checkServerIdentity = () => undefined;
  }
  return { connectionString: u.toString(), ssl };
}
