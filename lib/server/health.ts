import "server-only";
import { logError, logWarn } from "@/lib/server/log";
import { sql } from "drizzle-orm";
import { getDb } from "@/lib/server/db";
import { migrations } from "@/lib/server/db/migrations";
import { getEnv } from "@/lib/server/env";
import { isShuttingDown } from "@/lib/server/lifecycle";

// Probes for the load balancer (docs/deploy.md). No session, no Webex call, nothing about versions or errors in the
// answer: the reason is one of a few fixed phrases, the detail goes to the server log.

export type Readiness =
  | { ready: true }
  | { ready: false; reason: "shutting down" | "configuration invalid" | "database unreachable" | "migrations not applied" };

const PROBE_TIMEOUT_MS = 3_000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Ready: not shutting down, the database answers, and every migration this build knows is applied. */
export async function readiness(): Promise<Readiness> {
  if (isShuttingDown()) return { ready: false, reason: "shutting down" };
  try {
    getEnv();
  } catch (err) {
    logError("readiness: configuration invalid", {}, err);
    return { ready: false, reason: "configuration invalid" };
  }
  let applied: Set<string>;
  try {
    const db = await withTimeout(getDb(), PROBE_TIMEOUT_MS);
    const res = await withTimeout(db.execute<{ id: string }>(sql`SELECT id FROM schema_migrations`), PROBE_TIMEOUT_MS);
    applied = new Set(res.rows.map((r) => r.id));
  } catch (err) {
    logWarn("readiness: database unreachable", {}, err);
    return { ready: false, reason: "database unreachable" };
  }
  // A newer instance may have applied more (a rolling upgrade): only this build's own list must be there.
  const missing = migrations.filter((m) => !applied.has(m.id)).map((m) => m.id);
  if (missing.length > 0) {
    logWarn("readiness: migrations not applied", { missing });
    return { ready: false, reason: "migrations not applied" };
  }
  return { ready: true };
}
