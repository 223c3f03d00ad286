import "server-only";
import { getDb } from "@/lib/server/db";
import { getEnv } from "@/lib/server/env";
import { forceRefresh, getAccessToken, type SessionUser } from "@/lib/server/session";
import { DbBudgetStore, MemoryBudgetStore, type BudgetStore } from "@/lib/server/webex/budget";
import { WebexClient } from "@/lib/server/webex/client";

// One budget store per process, created on first use (never at import time, so `next build` opens nothing).
// With DATABASE_URL several instances share PostgreSQL, so the budget lives there. Without it the database is
// PGlite, which only one process can open: that process is the only caller, and an in-memory budget is
// equivalent while saving an SQL round trip (measured ~4 ms on PGlite) on every Webex call.
const globalForBudget = globalThis as unknown as { __rosterWebexBudget?: BudgetStore };

function budgetStore(): BudgetStore {
  globalForBudget.__rosterWebexBudget ??= getEnv().DATABASE_URL ? new DbBudgetStore(getDb) : new MemoryBudgetStore();
  return globalForBudget.__rosterWebexBudget;
}

/** The per-request Webex client, acting as the signed-in user against the configured Webex base only. */
export function webexForUser(user: SessionUser): WebexClient {
  const env = getEnv();
  return new WebexClient({
    baseUrl: env.WEBEX_API_BASE,
    orgId: user.orgId,
    accessToken: () => getAccessToken(user),
    onUnauthorized: () => forceRefresh(user),
    budget: budgetStore(),
    perMinute: env.WEBEX_RATE_LIMIT_PER_MINUTE,
    timeoutMs: env.WEBEX_TIMEOUT_MS,
  });
}
