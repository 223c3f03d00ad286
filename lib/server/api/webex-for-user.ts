import "server-only";
import { getEnv } from "@/lib/server/env";
import { invalidateAfterPeopleWrite } from "@/lib/server/reference";
import { forceRefresh, getAccessToken, type SessionUser } from "@/lib/server/session";
import { appBudget } from "@/lib/server/webex/app-budget";
import type { Lane } from "@/lib/server/webex/budget";
import { WebexClient } from "@/lib/server/webex/client";
import type { RequestLimits } from "./deps";

/**
 * The per-request Webex client, acting as the signed-in user against the configured Webex base only. Interactive
 * clients have a deadline (decision 015): the route wrapper passes the request's, with the browser's signal; a
 * page rendering on the server gets ROSTER_REQUEST_DEADLINE_SECONDS from now. Background ones (the reclaim scan)
 * have none.
 */
export function webexForUser(user: SessionUser, lane: Lane = "interactive", limits?: RequestLimits): WebexClient {
  const env = getEnv();
  const deadlineAt = limits?.deadlineAt ?? (lane === "interactive" ? Date.now() + env.ROSTER_REQUEST_DEADLINE_SECONDS * 1000 : undefined);
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
    deadlineAt,
    signal: limits?.signal,
  });
}
