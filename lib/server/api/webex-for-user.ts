import "server-only";
import { getDb } from "@/lib/server/db";
import { getEnv } from "@/lib/server/env";
import { forceRefresh, getAccessToken, type SessionUser } from "@/lib/server/session";
import { DbBudgetStore } from "@/lib/server/webex/budget";
import { WebexClient } from "@/lib/server/webex/client";

// One budget store per process: it is only a handle on the shared database table, created on first use
// (never at import time, so `next build` does not open the database).
let budget: DbBudgetStore | undefined;

/** The per-request Webex client, acting as the signed-in user against the configured Webex base only. */
export function webexForUser(user: SessionUser): WebexClient {
  const env = getEnv();
  budget ??= new DbBudgetStore(getDb);
  return new WebexClient({
    baseUrl: env.WEBEX_API_BASE,
    orgId: user.orgId,
    accessToken: () => getAccessToken(user),
    onUnauthorized: () => forceRefresh(user),
    budget,
    perMinute: env.WEBEX_RATE_LIMIT_PER_MINUTE,
    timeoutMs: env.WEBEX_TIMEOUT_MS,
  });
}
