import "server-only";
import { logError, logWarn } from "@/lib/server/log";

import { randomUUID } from "node:crypto";
import type { AuthOptions } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";

import { getDb } from "@/lib/server/db";
import { getEnv, isSecureDeployment, type Env } from "@/lib/server/env";
import { safeReturnTo } from "@/lib/server/return-path";
import { SESSION_MAX_AGE_S, tokenStoreConfig } from "./config";
import { claimsFromJwt, toJwt } from "./identity-claims";
import { accessFromRoles } from "./roles";
import { deleteDeadTokens, deleteTokens, saveTokens } from "./token-store";
import { fetchWebexIdentity, type WebexIdentity } from "./webex-identity";

/** The Webex OAuth 2.0 provider: authorization code + PKCE (S256) + state; Webex has no id_token and no `iss`. */
export function webexProvider(env: Env): OAuthConfig<WebexIdentity> {
  return {
    id: "webex",
    name: "Webex",
    type: "oauth",
    clientId: env.WEBEX_CLIENT_ID,
    clientSecret: env.WEBEX_CLIENT_SECRET,
    authorization: { url: `${env.WEBEX_API_BASE}/authorize`, params: { scope: env.WEBEX_SCOPES, response_type: "code" } },
    token: `${env.WEBEX_API_BASE}/access_token`,
    userinfo: {
      url: `${env.WEBEX_API_BASE}/people/me`,
      request: async ({ tokens }) => {
        if (!tokens.access_token) throw new Error("Webex token response has no access_token");
        return fetchWebexIdentity(env.WEBEX_API_BASE, tokens.access_token, env.WEBEX_TIMEOUT_MS);
      },
    },
    checks: ["pkce", "state"],
    idToken: false,
    client: { token_endpoint_auth_method: "client_secret_post" },
    profile: (p) => ({ id: p.personId, name: p.name, email: p.email, image: p.avatar ?? null }),
  };
}

function buildAuthOptions(env: Env): AuthOptions {
  const secure = isSecureDeployment(env);
  return {
    secret: env.NEXTAUTH_SECRET,
    providers: [webexProvider(env)],
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S, updateAge: 60 * 60 },
    // next-auth's defaults are HttpOnly + SameSite=Lax + path=/; Secure and the __Secure- prefix follow HTTPS.
    useSecureCookies: secure,
    pages: { signIn: "/signin", error: "/signin" },
    callbacks: {
      // Where next-auth sends the browser after sign-in or sign-out: only ever a path on the console's origin.
      redirect({ url, baseUrl }) {
        const origin = new URL(baseUrl).origin;
        return origin + safeReturnTo(url, origin);
      },
      async jwt({ token, account, profile }) {
        if (account && profile) {
          // First call after the OAuth callback: tokens go to the database, identity to the cookie.
          const identity = profile as unknown as WebexIdentity;
          const sid = randomUUID();
          const scopes = (account.scope ?? env.WEBEX_SCOPES).split(/[\s,]+/).filter(Boolean);
          const db = await getDb();
          // Sessions that were never signed out leave rows behind; sign-in is a cheap moment to sweep them.
          await deleteDeadTokens(db);
          await saveTokens(db, tokenStoreConfig(env), {
            sessionId: sid,
            personId: identity.personId,
            orgId: identity.orgId,
            tokens: {
              accessToken: account.access_token!,
              accessExpiresAt: account.expires_at ? new Date(account.expires_at * 1000) : undefined,
              refreshToken: account.refresh_token ?? null,
              refreshExpiresIn: numberOrUndefined(account.refresh_token_expires_in),
              scopes: scopes.join(" "),
            },
            identity: { roles: identity.roles, roleNames: identity.roleNames },
          });
          return toJwt({ sid, ...identity, scopes });
        }
        const claims = claimsFromJwt(token);
        // A token we cannot read (old format) carries nothing useful; an empty one reads as signed out.
        return claims ? toJwt(claims, token) : {};
      },
      async session({ session, token }) {
        const claims = claimsFromJwt(token);
        if (!claims) return { expires: session.expires };
        // What /api/auth/session shows the browser: identity only, no session id, no tokens.
        return {
          expires: session.expires,
          user: {
            name: claims.name,
            email: claims.email,
            image: claims.avatar ?? null,
            personId: claims.personId,
            orgId: claims.orgId,
            scopes: claims.scopes,
            roles: claims.roles,
            roleNames: claims.roleNames,
            ...accessFromRoles(claims.roles),
          },
        };
      },
    },
    events: {
      async signOut({ token }) {
        const claims = claimsFromJwt(token);
        if (claims) await deleteTokens(await getDb(), claims.sid);
      },
    },
    logger: {
      // next-auth's default logger prints whole error objects; keep tokens and emails out of logs.
      error(code, metadata) {
        const m = metadata as { message?: string; error?: unknown } | undefined;
        logError(`next-auth ${code}`, {}, m?.error ?? m?.message ?? "");
      },
      warn(code) {
        logWarn(`next-auth ${code}`);
      },
      debug() {},
    },
  };
}

function numberOrUndefined(v: unknown): number | undefined {
  const n = typeof v === "string" ? Number(v) : v;
  return typeof n === "number" && Number.isFinite(n) && n > 0 ? n : undefined;
}

let built: { env: Env; options: AuthOptions } | undefined;

/** Built on first use from getEnv() (so `next build` needs no secrets). */
export function getAuthOptions(): AuthOptions {
  const env = getEnv();
  if (built?.env !== env) built = { env, options: buildAuthOptions(env) };
  return built.options;
}

/**
 * For `getServerSession(authOptions)` and friends. Every property is read lazily from getAuthOptions(),
 * so importing this module never reads the environment.
 */
export const authOptions: AuthOptions = new Proxy({} as AuthOptions, {
  get: (_t, key) => Reflect.get(getAuthOptions(), key),
  has: (_t, key) => Reflect.has(getAuthOptions(), key),
  ownKeys: () => Reflect.ownKeys(getAuthOptions()),
  getOwnPropertyDescriptor: (_t, key) => {
    const d = Reflect.getOwnPropertyDescriptor(getAuthOptions(), key);
    return d ? { ...d, configurable: true } : undefined;
  },
  set: () => false,
});
