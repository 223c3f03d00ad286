import "server-only";

import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

/** The scopes the console asks for (docs/webex-api.md, "OAuth 2.0"). */
export const DEFAULT_WEBEX_SCOPES = [
  "spark:kms",
  "spark:people_read",
  "spark-admin:people_read",
  "spark-admin:people_write",
  "spark-admin:licenses_read",
  "spark-admin:roles_read",
  "spark-admin:organizations_read",
  "spark-admin:locations_read",
  "audit:events_read",
].join(" ");

export const EMULATOR_CLIENT_ID = "roster-dev-client";
export const EMULATOR_CLIENT_SECRET = "roster-dev-secret";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalString = z.preprocess(blankToUndefined, z.string().optional());
const positiveInt = (fallback: number) => z.preprocess(blankToUndefined, z.coerce.number().int().positive().default(fallback));
const nonNegativeInt = (fallback: number) => z.preprocess(blankToUndefined, z.coerce.number().int().min(0).default(fallback));

const rawSchema = z.object({
  WEBEX_API_BASE: z.preprocess(blankToUndefined, z.url().default("https://webexapis.com/v1")),
  WEBEX_CLIENT_ID: optionalString,
  WEBEX_CLIENT_SECRET: optionalString,
  ROSTER_EMULATOR: z.preprocess(blankToUndefined, z.enum(["0", "1"]).default("0")),
  NEXTAUTH_SECRET: optionalString,
  NEXTAUTH_URL: z.preprocess(blankToUndefined, z.url().optional()),
  ROSTER_TRUST_PROXY: z.preprocess(blankToUndefined, z.enum(["0", "1"]).default("0")),
  ROSTER_AVATAR_HOSTS: optionalString,
  DATABASE_URL: optionalString,
  DATABASE_POOL_SIZE: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ message: "must be a whole number of connections (1–1000)" })
      .int("must be a whole number of connections (1–1000)")
      .min(1, "must be at least 1")
      .max(1000, "must be at most 1000")
      .default(10),
  ),
  DATABASE_SSL_CA: optionalString,
  NODE_ENV: optionalString,
  ROSTER_DATA_DIR: z.preprocess(blankToUndefined, z.string().default(".data")),
  WEBEX_RATE_LIMIT_PER_MINUTE: positiveInt(600),
  WEBEX_TIMEOUT_MS: positiveInt(15_000),
  ROSTER_REQUEST_DEADLINE_SECONDS: positiveInt(25),
  ROSTER_LONG_REQUEST_DEADLINE_SECONDS: positiveInt(300),
  WEBEX_SCOPES: z.preprocess(blankToUndefined, z.string().default(DEFAULT_WEBEX_SCOPES)),
  ROSTER_REFERENCE_TTL_SECONDS: nonNegativeInt(120),
  ROSTER_WEBEX_AUDIT_TTL_SECONDS: nonNegativeInt(60),
  ROSTER_SESSION_RECHECK_SECONDS: positiveInt(300),
});

export type Env = {
  /** Without a trailing slash, e.g. `https://webexapis.com/v1`. */
  WEBEX_API_BASE: string;
  WEBEX_CLIENT_ID: string;
  WEBEX_CLIENT_SECRET: string;
  /** True when the app talks to the bundled Webex emulator. */
  ROSTER_EMULATOR: boolean;
  NEXTAUTH_SECRET: string;
  NEXTAUTH_URL: string | undefined;
  /** Believe X-Forwarded-Host (set by a trusted load balancer) when comparing the request's host with NEXTAUTH_URL's. */
  ROSTER_TRUST_PROXY: boolean;
  /** CSP img-src sources avatars may come from (origins, `https://*.example.com` allowed); see avatarSources(). */
  ROSTER_AVATAR_HOSTS: string[] | undefined;
  DATABASE_URL: string | undefined;
  /** Connections per instance in the PostgreSQL pool (DATABASE_URL only). */
  DATABASE_POOL_SIZE: number;
  /** Path of a PEM file of CA certificates trusted for PostgreSQL's TLS certificate (DATABASE_URL only). */
  DATABASE_SSL_CA: string | undefined;
  ROSTER_DATA_DIR: string;
  WEBEX_RATE_LIMIT_PER_MINUTE: number;
  WEBEX_TIMEOUT_MS: number;
  /** An admin's request gets this long for all its Webex calls, retries and waits included (decision 015). */
  ROSTER_REQUEST_DEADLINE_SECONDS: number;
  /** The same for requests that walk the org (CSV export, import plan, bulk preview). */
  ROSTER_LONG_REQUEST_DEADLINE_SECONDS: number;
  /** Space separated, as Webex wants them. */
  WEBEX_SCOPES: string;
  /** How long an org's reference data (licenses, roles, locations, organization) is shared by its admins; 0 = off. */
  ROSTER_REFERENCE_TTL_SECONDS: number;
  /** How old an org's copy of Webex's admin audit log may be before a view reads Webex again; 0 = never read it. */
  ROSTER_WEBEX_AUDIT_TTL_SECONDS: number;
  /** How often a signed-in admin's token, existence and roles are re-checked against Webex (decision 013). */
  ROSTER_SESSION_RECHECK_SECONDS: number;
};

// A CSP source naming one origin (scheme, host or *.domain, optional port): nothing that could add a directive.
const AVATAR_SOURCE = /^https?:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/i;

let cached: Env | undefined;

/**
 * Reads and validates the environment once, on first use (never at import time, so `next build`
 * works without secrets). Throws an Error naming the variable to set when something is missing.
 */
export function getEnv(): Env {
  if (!cached) cached = parseEnv(process.env);
  return cached;
}

/** Tests change process.env between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = rawSchema.safeParse(source);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${issues}`);
  }
  const raw = parsed.data;
  const emulator = raw.ROSTER_EMULATOR === "1";

  let clientId = raw.WEBEX_CLIENT_ID;
  let clientSecret = raw.WEBEX_CLIENT_SECRET;
  if (emulator) {
    clientId ??= EMULATOR_CLIENT_ID;
    clientSecret ??= EMULATOR_CLIENT_SECRET;
  }
  const missing: string[] = [];
  if (!clientId) missing.push("WEBEX_CLIENT_ID");
  if (!clientSecret) missing.push("WEBEX_CLIENT_SECRET");
  let secret = raw.NEXTAUTH_SECRET;
  if (!secret && !emulator) missing.push("NEXTAUTH_SECRET");
  if (missing.length > 0) {
    throw new Error(
      `Missing environment variable${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}. ` +
        `Set ${missing.join(" and ")} to talk to real Webex` +
        (missing.includes("NEXTAUTH_SECRET") ? " (NEXTAUTH_SECRET: e.g. the output of `openssl rand -base64 32`)" : "") +
        ", or set ROSTER_EMULATOR=1 to use the bundled Webex emulator.",
    );
  }
  // Several instances on one PostgreSQL must share one secret (it signs session cookies and derives the key of the
  // stored Webex tokens) and one public URL (OAuth redirect, cookie security). A secret generated per data folder
  // would differ per instance, so production on PostgreSQL never falls back to it.
  if (raw.DATABASE_URL && raw.NODE_ENV === "production") {
    const unset = [!raw.NEXTAUTH_SECRET && "NEXTAUTH_SECRET", !raw.NEXTAUTH_URL && "NEXTAUTH_URL"].filter(Boolean) as string[];
    if (unset.length > 0) {
      throw new Error(
        `Missing environment variable${unset.length > 1 ? "s" : ""}: ${unset.join(", ")}. With DATABASE_URL set, every instance ` +
          "must be given the same NEXTAUTH_SECRET (e.g. the output of `openssl rand -base64 32`, one value for all instances) " +
          "and NEXTAUTH_URL (the public URL users open, e.g. https://roster.example.com). See docs/deploy.md.",
      );
    }
  }
  if (raw.DATABASE_SSL_CA && !raw.DATABASE_URL) {
    throw new Error("DATABASE_SSL_CA is set but DATABASE_URL is not: the CA file is only used for a PostgreSQL server.");
  }
  const avatarHosts = raw.ROSTER_AVATAR_HOSTS?.split(/[\s,]+/).filter(Boolean);
  const badHost = avatarHosts?.find((h) => !AVATAR_SOURCE.test(h));
  if (badHost !== undefined) {
    throw new Error(
      `Invalid environment: ROSTER_AVATAR_HOSTS: "${badHost}" is not an origin such as https://avatars.example.com or https://*.example.com`,
    );
  }
  secret ??= loadOrCreateSecret(raw.ROSTER_DATA_DIR);

  return {
    WEBEX_API_BASE: raw.WEBEX_API_BASE.replace(/\/+$/, ""),
    WEBEX_CLIENT_ID: clientId!,
    WEBEX_CLIENT_SECRET: clientSecret!,
    ROSTER_EMULATOR: emulator,
    NEXTAUTH_SECRET: secret,
    NEXTAUTH_URL: raw.NEXTAUTH_URL,
    ROSTER_TRUST_PROXY: raw.ROSTER_TRUST_PROXY === "1",
    ROSTER_AVATAR_HOSTS: avatarHosts && avatarHosts.length > 0 ? avatarHosts : undefined,
    DATABASE_URL: raw.DATABASE_URL,
    DATABASE_POOL_SIZE: raw.DATABASE_POOL_SIZE,
    DATABASE_SSL_CA: raw.DATABASE_SSL_CA,
    ROSTER_DATA_DIR: raw.ROSTER_DATA_DIR,
    WEBEX_RATE_LIMIT_PER_MINUTE: raw.WEBEX_RATE_LIMIT_PER_MINUTE,
    WEBEX_TIMEOUT_MS: raw.WEBEX_TIMEOUT_MS,
    ROSTER_REQUEST_DEADLINE_SECONDS: raw.ROSTER_REQUEST_DEADLINE_SECONDS,
    ROSTER_LONG_REQUEST_DEADLINE_SECONDS: raw.ROSTER_LONG_REQUEST_DEADLINE_SECONDS,
    WEBEX_SCOPES: raw.WEBEX_SCOPES.split(/[\s,]+/).filter(Boolean).join(" "),
    ROSTER_REFERENCE_TTL_SECONDS: raw.ROSTER_REFERENCE_TTL_SECONDS,
    ROSTER_WEBEX_AUDIT_TTL_SECONDS: raw.ROSTER_WEBEX_AUDIT_TTL_SECONDS,
    ROSTER_SESSION_RECHECK_SECONDS: raw.ROSTER_SESSION_RECHECK_SECONDS,
  };
}

/**
 * Emulator mode only: a secret generated on first start and kept in the data directory (git-ignored),
 * so sessions survive restarts. `wx` makes two processes starting at once agree on one secret.
 */
function loadOrCreateSecret(dataDir: string): string {
  const file = path.resolve(/*turbopackIgnore: true*/ dataDir, "nextauth-secret");
  try {
    const existing = fs.readFileSync(file, "utf8").trim();
    if (existing) return existing;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString("base64url");
  try {
    fs.writeFileSync(file, secret + "\n", { mode: 0o600, flag: "wx" });
    return secret;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    return fs.readFileSync(file, "utf8").trim();
  }
}

/** True when the app is served over HTTPS, so cookies get `Secure` and the `__Secure-` prefix. */
export function isSecureDeployment(env: Env = getEnv()): boolean {
  return env.NEXTAUTH_URL?.startsWith("https://") ?? false;
}
