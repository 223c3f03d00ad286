import "server-only";
import { getEnv } from "@/lib/server/env";
import { invalidateAfterPeopleWrite } from "@/lib/server/reference";
import { forceRefresh, getAccessToken, type SessionUser } from "@/lib/server/session";
import { appBudget } from "@/lib/server/webex/app-budget";
import type { Lane } from "@/lib/server/webex/budget";
import { WebexClient } from "@/lib/server/webex/client";

/** The per-request Webex client, acting as the signed-in user against the configured Webex base only. */
export function webexForUser(user: SessionUser, lane: Lane = "interactive"): WebexClient {
  const env = getEnv();
  return new WebexClient({
    baseUrl: env.WEBEX_API_BASE,
    orgId: user.orgId,
    accessToken: () => getAccessToken(user),
    onUnauthorized: () => forceRefresh(user),
    budget: appBudget(),
    lane,
    perMinute: env.WEBEX_RATE_LIMIT_PER_MINUTE,
    timeoutMs: env.WEBEX_TIMEOUT_MS,
    onWrite: invalidateAfterPeopleWrite,
  });
}
