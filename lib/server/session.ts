import "server-only";

import { getToken } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";

import { SESSION_CACHE_MS, sessionCheckConfig, sessionCookieName, tokenStoreConfig } from "@/lib/server/auth/config";
import { claimsFromJwt, type IdentityClaims } from "@/lib/server/auth/identity-claims";
import { accessFromRoles } from "@/lib/server/auth/roles";
import { SessionCheckUnavailableError, sessionAccess } from "@/lib/server/auth/session-check";
import { getValidAccessToken, SessionEndedError } from "@/lib/server/auth/token-store";
import { getDb } from "@/lib/server/db";
import { getEnv, isSecureDeployment } from "@/lib/server/env";
import { safeReturnTo } from "@/lib/server/return-path";

export { SessionEndedError } from "@/lib/server/auth/token-store";
export { safeReturnTo } from "@/lib/server/return-path";

export type SessionUser = {
  personId: string;
  orgId: string;
  name: string;
  email: string;
  avatar?: string;
  scopes: string[];
  /** Webex role IDs. */
  roles: string[];
  roleNames: string[];
  isAdmin: boolean;
  canWrite: boolean;
};

/** "signed-out": no valid session cookie. "expired": the cookie is valid but its Webex tokens are gone. */
export type SessionState =
  | { user: SessionUser; reason?: undefined }
  | { user: null; reason: "signed-out" | "expired" };

// The token row's key stays off the user object (which pages hand to client components).
const sessionIds = new WeakMap<SessionUser, string>();

// Decrypting the session cookie (a JWE) on every API call costs more than the rest of the route: claims read from
// a cookie value are kept in memory for a few seconds, keyed by that exact value (never past the JWT's expiry).
const globalForClaims = globalThis as unknown as { __rosterClaimsCache?: Map<string, { claims: IdentityClaims; until: number }> };
const claimsCache = (globalForClaims.__rosterClaimsCache ??= new Map());
const CLAIMS_CACHE_MAX = 10_000;

async function readClaims(): Promise<IdentityClaims | null> {
  const env = getEnv();
  const cookieName = sessionCookieName(env);
  const cookieStore = await cookies();
  // next-auth splits a large cookie into name.0, name.1…: the key is every part.
  const key = cookieStore
    .getAll()
    .filter((c) => c.name === cookieName || c.name.startsWith(`${cookieName}.`))
    .map((c) => `${c.name}=${c.value}`)
    .join(";");
  if (!key) return null;
  const now = Date.now();
  const hit = claimsCache.get(key);
  if (hit && hit.until > now) return hit.claims;
  if (hit) claimsCache.delete(key);

  const headerList = await headers();
  const req = {
    cookies: Object.fromEntries(cookieStore.getAll().map((c) => [c.name, c.value])),
    headers: Object.fromEntries(headerList.entries()),
  };
  const token = await getToken({
    req: req as unknown as Parameters<typeof getToken>[0]["req"],
    secret: env.NEXTAUTH_SECRET,
    cookieName,
    secureCookie: isSecureDeployment(env),
  });
  const claims = claimsFromJwt(token);
  if (claims) {
    const exp = typeof token?.exp === "number" ? token.exp * 1000 : now + SESSION_CACHE_MS;
    if (claimsCache.size >= CLAIMS_CACHE_MAX) claimsCache.delete(claimsCache.keys().next().value as string);
    claimsCache.set(key, { claims, until: Math.min(now + SESSION_CACHE_MS, exp) });
  }
  return claims;
}

export function userFromClaims(claims: IdentityClaims): SessionUser {
  const user: SessionUser = {
    personId: claims.personId,
    orgId: claims.orgId,
    name: claims.name,
    email: claims.email,
    ...(claims.avatar ? { avatar: claims.avatar } : {}),
    scopes: claims.scopes,
    roles: claims.roles,
    roleNames: claims.roleNames,
    ...accessFromRoles(claims.roles),
  };
  sessionIds.set(user, claims.sid);
  return user;
}

/**
 * The signed-in user, or why there is none. Reads the session cookie, then the token row: roles (so isAdmin and
 * canWrite) are the ones last verified against Webex, re-checked once per ROSTER_SESSION_RECHECK_SECONDS
 * (lib/server/auth/session-check.ts, decision 013), never the cookie's. Throws SessionCheckUnavailableError
 * (503) when the re-check is overdue past its grace because Webex cannot be reached.
 * Memoised per server render (layout and page share one lookup); a plain call elsewhere.
 */
export const getSessionState = cache(async (): Promise<SessionState> => {
  const claims = await readClaims();
  if (!claims) return { user: null, reason: "signed-out" };
  const access = await sessionAccess(await getDb(), sessionCheckConfig(), claims.sid, claims);
  if (access.state === "ended") return { user: null, reason: "expired" };
  if (access.state === "unverified") throw new SessionCheckUnavailableError();
  return { user: userFromClaims({ ...claims, roles: access.roles, roleNames: access.roleNames }) };
});

/** The signed-in user; null when signed out or when their Webex tokens are gone (see getSessionState). */
export async function getSessionUser(): Promise<SessionUser | null> {
  return (await getSessionState()).user;
}

/** For API routes: like getSessionUser, but an ended session throws SessionEndedError (401, code SessionExpired). */
export async function getApiSessionUser(): Promise<SessionUser | null> {
  const state = await getSessionState();
  if (state.reason === "expired") throw new SessionEndedError("expired");
  return state.user;
}

/** For pages: the signed-in administrator, or a redirect to sign-in / not-admin. */
export async function requireUser(returnTo: string): Promise<SessionUser> {
  const state = await getSessionState();
  const callbackUrl = encodeURIComponent(safeReturnTo(returnTo));
  if (!state.user) {
    redirect(state.reason === "expired" ? `/signin?error=SessionExpired&callbackUrl=${callbackUrl}` : `/signin?callbackUrl=${callbackUrl}`);
  }
  if (!state.user.isAdmin) redirect("/not-admin");
  return state.user;
}

async function sessionIdFor(user: SessionUser): Promise<string> {
  const known = sessionIds.get(user);
  if (known) return known;
  // A copied user object: fall back to this request's cookie, and only if it is the same person.
  const claims = await readClaims();
  if (!claims || claims.personId !== user.personId) throw new SessionEndedError("missing");
  return claims.sid;
}

/** The session (token row) behind a user object, for background work that acts as them; null when unknown. */
export async function sessionIdOf(user: SessionUser): Promise<string | null> {
  try {
    return await sessionIdFor(user);
  } catch {
    return null;
  }
}

/**
 * A Webex access token for the user, refreshed first when close to expiry (once, under a lease on its row).
 * Throws SessionEndedError (status 401, code "SessionExpired") when the session can no longer reach Webex.
 */
export async function getAccessToken(user: SessionUser): Promise<string> {
  return getValidAccessToken(await getDb(), tokenStoreConfig(), await sessionIdFor(user));
}

/** After Webex answered 401: refresh now. Null when the session has ended. */
export async function forceRefresh(user: SessionUser): Promise<string | null> {
  try {
    return await getValidAccessToken(await getDb(), tokenStoreConfig(), await sessionIdFor(user), { force: true });
  } catch (err) {
    if (err instanceof SessionEndedError) return null;
    throw err;
  }
}
