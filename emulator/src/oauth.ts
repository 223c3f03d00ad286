import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { KNOWN_SCOPES, REFRESH_LIFETIME_SECONDS } from "./auth";
import type { OAuthClient } from "./config";
import { readForm, type Reply } from "./http";
import { consentPage, errorPage, type Account } from "./oauth-page";
import type { Ctx, EmulatorState } from "./state";

export const DEV_CLIENT: OAuthClient = { clientId: "roster-dev-client", clientSecret: "roster-dev-secret", redirectUris: [] };
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);
const CODE_LIFETIME_MS = 10 * 60_000;

const WELL_KNOWN: Account[] = [
  { email: "admin@acme.example", displayName: "Ada Admin", role: "Full Administrator" },
  { email: "helpdesk@acme.example", displayName: "Hal Helpdesk", role: "User Administrator" },
  { email: "auditor@acme.example", displayName: "Audrey Auditor", role: "Read-only Administrator" },
  { email: "employee@acme.example", displayName: "Emil Employee", role: "No admin role" },
];

/** The dev client follows RFC 8252: any loopback host and port, fixed callback path. */
function redirectAllowed(client: OAuthClient, uri: string): boolean {
  if (client.clientId === DEV_CLIENT.clientId) {
    try {
      const u = new URL(uri);
      return u.protocol === "http:" && LOOPBACK.has(u.hostname) && u.pathname === "/api/auth/callback/webex" && !u.hash;
    } catch {
      return false;
    }
  }
  return client.redirectUris.includes(uri);
}

function redirect(uri: string, params: Record<string, string | undefined>): Reply {
  const target = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) target.searchParams.set(k, v);
  return { status: 302, headers: { Location: target.toString() }, text: "", contentType: "text/plain" };
}

const html = (status: number, text: string): Reply => ({ status, text, contentType: "text/html; charset=utf-8" });

type Checked = { ok: true; client: OAuthClient; redirectUri: string; scopes: string[] } | { ok: false; reply: Reply };

/** Client and redirect problems get an HTML page (never redirect to an unverified URI); the rest redirect. */
function checkAuthorize(state: EmulatorState, p: URLSearchParams): Checked {
  const client = state.clients.find((c) => c.clientId === p.get("client_id"));
  if (!client) return { ok: false, reply: html(400, errorPage("Unknown client_id.")) };
  const redirectUri = p.get("redirect_uri") ?? "";
  if (!redirectUri || !redirectAllowed(client, redirectUri)) {
    return { ok: false, reply: html(400, errorPage("The redirect_uri is not registered for this client.")) };
  }
  const fail = (error: string, description: string): Checked => ({
    ok: false,
    reply: redirect(redirectUri, { error, error_description: description, state: p.get("state") ?? undefined }),
  });
  if (p.get("response_type") !== "code") return fail("unsupported_response_type", "response_type must be code");
  const scopes = (p.get("scope") ?? "").split(/\s+/).filter(Boolean);
  if (scopes.length === 0 || scopes.some((s) => !KNOWN_SCOPES.has(s))) return fail("invalid_scope", "Unknown or missing scope");
  if (!p.get("code_challenge") || p.get("code_challenge_method") !== "S256") {
    return fail("invalid_request", "code_challenge with code_challenge_method=S256 is required");
  }
  return { ok: true, client, redirectUri, scopes };
}

export function authorizePage(ctx: Ctx): Reply {
  const checked = checkAuthorize(ctx.state, ctx.url.searchParams);
  if (!checked.ok) return checked.reply;
  const accounts = WELL_KNOWN.filter((a) => ctx.state.store.personByEmail(a.email));
  return html(200, consentPage(checked.client.clientId, checked.scopes, ctx.url.searchParams, accounts));
}

export async function authorizeSubmit(ctx: Ctx): Promise<Reply> {
  const form = await readForm(ctx.req);
  const checked = checkAuthorize(ctx.state, form);
  if (!checked.ok) return checked.reply;
  const state = form.get("state") ?? undefined;
  if (form.get("deny")) return redirect(checked.redirectUri, { error: "access_denied", error_description: "The user cancelled", state });
  const person = ctx.state.store.personByEmail(form.get("email") ?? "");
  if (!person || !person.loginEnabled) return html(400, errorPage("Unknown or disabled account."));
  const code = randomBytes(24).toString("base64url");
  ctx.state.codes.set(code, {
    clientId: checked.client.clientId,
    redirectUri: checked.redirectUri,
    personId: person.id,
    scopes: checked.scopes,
    challenge: form.get("code_challenge") ?? "",
    expiresAt: Date.now() + CODE_LIFETIME_MS,
  });
  return redirect(checked.redirectUri, { code, state });
}

const oauthError = (status: number, error: string, description: string, headers: Record<string, string> = {}): Reply => ({
  status,
  body: { error, error_description: description },
  headers: { "Cache-Control": "no-store", ...headers },
});

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The token endpoint's success answer (never cached), as Webex shapes it. */
function tokenReply(access: string, lifetime: number, refresh: string, refreshLifetime: number, scopes: string[]): Reply {
  return {
    status: 200,
    headers: { "Cache-Control": "no-store" },
    body: {
      access_token: access,
      expires_in: lifetime,
      refresh_token: refresh,
      refresh_token_expires_in: refreshLifetime,
      token_type: "Bearer",
      scope: scopes.join(" "),
    },
  };
}

export async function accessToken(ctx: Ctx): Promise<Reply> {
  const form = await readForm(ctx.req);
  const { state } = ctx;
  let clientId = form.get("client_id") ?? "";
  let secret = form.get("client_secret") ?? "";
  const basic = /^Basic\s+(\S+)$/i.exec(ctx.req.headers.authorization ?? "");
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    clientId = decodeURIComponent(decoded.slice(0, colon));
    secret = decodeURIComponent(decoded.slice(colon + 1));
  }
  const client = state.clients.find((c) => c.clientId === clientId);
  if (!client || !safeEqual(client.clientSecret, secret)) {
    return oauthError(401, "invalid_client", "Client authentication failed", basic ? { "WWW-Authenticate": 'Basic realm="webex"' } : {});
  }
  const lifetime = state.config.tokenLifetimeSeconds;
  const grantType = form.get("grant_type");

  if (grantType === "authorization_code") {
    const code = state.codes.get(form.get("code") ?? "");
    // Codes are single-use: any redemption attempt consumes it.
    if (code) state.codes.delete(form.get("code") ?? "");
    if (!code || code.expiresAt < Date.now() || code.clientId !== client.clientId) {
      return oauthError(400, "invalid_grant", "The authorization code is invalid, expired or already used");
    }
    if (form.get("redirect_uri") !== code.redirectUri) return oauthError(400, "invalid_grant", "redirect_uri does not match");
    const verifier = form.get("code_verifier") ?? "";
    const expected = createHash("sha256").update(verifier).digest("base64url");
    if (!verifier || !safeEqual(expected, code.challenge)) return oauthError(400, "invalid_grant", "PKCE verification failed");
    const person = state.store.person(code.personId);
    if (!person) return oauthError(400, "invalid_grant", "The user no longer exists");
    state.stats.grant("authorization_code");
    const access = state.tokens.issueAccess(person, client.clientId, code.scopes, lifetime);
    return tokenReply(access, lifetime, state.tokens.issueRefresh(person, client.clientId, code.scopes), REFRESH_LIFETIME_SECONDS, code.scopes);
  }

  if (grantType === "refresh_token") {
    const refreshToken = form.get("refresh_token") ?? "";
    const stored = state.tokens.refresh.get(refreshToken);
    if (!stored || stored.clientId !== client.clientId || stored.expiresAt < Date.now()) {
      return oauthError(400, "invalid_grant", "The refresh token is invalid or expired");
    }
    const person = state.store.person(stored.personId);
    if (!person) return oauthError(400, "invalid_grant", "The user no longer exists");
    state.stats.grant("refresh_token");
    // Webex keeps the same refresh token and mints a new access token each time.
    const refreshLeft = Math.max(0, Math.floor((stored.expiresAt - Date.now()) / 1000));
    return tokenReply(state.tokens.issueAccess(person, client.clientId, stored.scopes, lifetime), lifetime, refreshToken, refreshLeft, stored.scopes);
  }
  return oauthError(400, grantType ? "unsupported_grant_type" : "invalid_request", "grant_type must be authorization_code or refresh_token");
}
