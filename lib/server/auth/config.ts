import "server-only";

import { getEnv, isSecureDeployment, type Env } from "@/lib/server/env";
import type { SessionCheckConfig } from "./session-check";
import type { TokenStoreConfig } from "./token-store";

export function tokenStoreConfig(env: Env = getEnv()): TokenStoreConfig {
  return {
    secret: env.NEXTAUTH_SECRET,
    tokenUrl: `${env.WEBEX_API_BASE}/access_token`,
    clientId: env.WEBEX_CLIENT_ID,
    clientSecret: env.WEBEX_CLIENT_SECRET,
    timeoutMs: env.WEBEX_TIMEOUT_MS,
    cacheMs: SESSION_CACHE_MS,
  };
}

/** The token store's settings plus how often a session is re-checked against Webex (decision 013). */
export function sessionCheckConfig(env: Env = getEnv()): SessionCheckConfig {
  return { ...tokenStoreConfig(env), apiBase: env.WEBEX_API_BASE, intervalMs: env.ROSTER_SESSION_RECHECK_SECONDS * 1000, memoMs: SESSION_CACHE_MS };
}

/**
 * How long this process trusts what it last read of a session (its cookie's claims, its token row) before reading
 * again: an API call then costs no cookie decryption and no database round trip. Sign-out on this instance is
 * immediate; sign-out or a refresh on another instance is seen within this time.
 */
export const SESSION_CACHE_MS = 15_000;

/** next-auth's session cookie name: `__Secure-` prefixed behind HTTPS. */
export function sessionCookieName(env: Env = getEnv()): string {
  return isSecureDeployment(env) ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

/** How long a session cookie lives without activity. */
export const SESSION_MAX_AGE_S = 12 * 60 * 60;
