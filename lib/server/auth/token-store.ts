import "server-only";

import { and, eq, isNull, lt, or } from "drizzle-orm";
import { z } from "zod";

import type { Db } from "@/lib/server/db";
import { webexTokens } from "@/lib/server/db/schema";
import { decryptToken, encryptToken } from "./crypto";

/** Why a session can no longer call Webex. */
export type SessionEndReason = "missing" | "expired" | "refresh_failed";

/** The Webex session is over (tokens gone, refresh token expired or rejected): the user must sign in again. */
export class SessionEndedError extends Error {
  readonly status = 401;
  /** The value for `/signin?error=`. */
  readonly code = "SessionExpired";
  constructor(readonly reason: SessionEndReason) {
    super(
      reason === "refresh_failed"
        ? "Your Webex session ended (the refresh token was rejected); sign in again"
        : "Your Webex session ended; sign in again",
    );
    this.name = "SessionEndedError";
  }
}

/** The token endpoint could not be reached or failed (not a rejection): retrying later may work. */
export class TokenRefreshError extends Error {
  readonly status = 503;
  constructor(message: string) {
    super(message);
    this.name = "TokenRefreshError";
  }
}

export type TokenStoreConfig = {
  /** NEXTAUTH_SECRET; the encryption key is derived from it. */
  secret: string;
  /** `${WEBEX_API_BASE}/access_token` */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
  /** Refresh when less than this is left (capped at half the token's lifetime). Default 5 minutes. */
  refreshAheadMs?: number;
  /**
   * Keep decrypted, fresh access tokens in this process's memory for up to this long (0 = off, the default), so
   * most requests read no database row. Another instance's refresh or sign-out is seen within this time (an old
   * token that Webex refuses is refreshed on its 401 anyway).
   */
  cacheMs?: number;
  now?: () => number;
};

export type TokenSetInput = {
  accessToken: string;
  /** Seconds, as the token endpoint says. */
  expiresIn?: number;
  /** Alternative to expiresIn (openid-client gives expires_at in epoch seconds). */
  accessExpiresAt?: Date;
  refreshToken?: string | null;
  refreshExpiresIn?: number;
  scopes?: string;
};

const DEFAULT_ACCESS_LIFETIME_S = 14 * 24 * 3600;
const DEFAULT_REFRESH_AHEAD_MS = 5 * 60_000;
/** forceRefresh() after someone else refreshed this recently returns their token instead of refreshing again. */
const FORCE_REFRESH_DEDUPE_MS = 10_000;

const nowOf = (cfg: Pick<TokenStoreConfig, "now">) => (cfg.now ? cfg.now() : Date.now());

// Process memory: session id → a decrypted access token and until when it may be served without a database read.
const globalForTokens = globalThis as unknown as { __rosterTokenCache?: Map<string, { token: string; until: number }> };
const tokenCache = (globalForTokens.__rosterTokenCache ??= new Map());
const TOKEN_CACHE_MAX = 10_000;

function cachedToken(cfg: Pick<TokenStoreConfig, "cacheMs" | "now">, sessionId: string): string | null {
  if (!cfg.cacheMs) return null;
  const hit = tokenCache.get(sessionId);
  if (!hit) return null;
  if (hit.until > nowOf(cfg)) return hit.token;
  tokenCache.delete(sessionId);
  return null;
}

function remember(cfg: TokenStoreConfig, sessionId: string, token: string, freshUntil: number): void {
  if (!cfg.cacheMs) return;
  const until = Math.min(nowOf(cfg) + cfg.cacheMs, freshUntil);
  if (until <= nowOf(cfg)) return;
  if (tokenCache.size >= TOKEN_CACHE_MAX) tokenCache.delete(tokenCache.keys().next().value as string);
  tokenCache.set(sessionId, { token, until });
}

/** Drops this process's cached token of a session (signed out, refreshed elsewhere, or refused by Webex). */
export function forgetCachedToken(sessionId: string): void {
  tokenCache.delete(sessionId);
}

export async function saveTokens(
  db: Db,
  cfg: TokenStoreConfig,
  row: { sessionId: string; personId: string; orgId: string; tokens: TokenSetInput },
): Promise<void> {
  const now = nowOf(cfg);
  const values = {
    sessionId: row.sessionId,
    personId: row.personId,
    orgId: row.orgId,
    ...encryptedColumns(cfg, row.sessionId, row.tokens, now),
    createdAt: new Date(now),
    updatedAt: new Date(now),
  };
  await db.insert(webexTokens).values(values).onConflictDoUpdate({ target: webexTokens.sessionId, set: values });
}

function encryptedColumns(cfg: TokenStoreConfig, sessionId: string, t: TokenSetInput, now: number) {
  const accessExpiresAt = t.accessExpiresAt ?? new Date(now + (t.expiresIn ?? DEFAULT_ACCESS_LIFETIME_S) * 1000);
  return {
    accessTokenEnc: encryptToken(t.accessToken, cfg.secret, sessionId),
    accessExpiresAt,
    refreshTokenEnc: t.refreshToken ? encryptToken(t.refreshToken, cfg.secret, sessionId) : null,
    refreshExpiresAt: t.refreshToken && t.refreshExpiresIn ? new Date(now + t.refreshExpiresIn * 1000) : null,
    scopes: t.scopes ?? "",
  };
}

export async function deleteTokens(db: Db, sessionId: string): Promise<void> {
  forgetCachedToken(sessionId);
  await db.delete(webexTokens).where(eq(webexTokens.sessionId, sessionId));
}

/** Removes rows that can never be used again (refresh token expired, or no refresh token and access expired). */
export async function deleteDeadTokens(db: Db, now: number = Date.now()): Promise<void> {
  const at = new Date(now);
  await db
    .delete(webexTokens)
    .where(
      or(
        lt(webexTokens.refreshExpiresAt, at),
        and(isNull(webexTokens.refreshTokenEnc), lt(webexTokens.accessExpiresAt, at)),
      ),
    );
}

type Row = typeof webexTokens.$inferSelect;

/** Can this session still reach Webex (a token row that is usable now or can be refreshed)? */
export async function sessionAlive(db: Db, cfg: Pick<TokenStoreConfig, "now" | "cacheMs">, sessionId: string): Promise<boolean> {
  if (cachedToken(cfg, sessionId) !== null) return true;
  const [row] = await db
    .select({ accessExpiresAt: webexTokens.accessExpiresAt, refreshTokenEnc: webexTokens.refreshTokenEnc, refreshExpiresAt: webexTokens.refreshExpiresAt })
    .from(webexTokens)
    .where(eq(webexTokens.sessionId, sessionId));
  if (!row) return false;
  const now = cfg.now ? cfg.now() : Date.now();
  return row.accessExpiresAt.getTime() > now || canRefresh(row, now);
}

function canRefresh(row: Pick<Row, "refreshTokenEnc" | "refreshExpiresAt">, now: number): boolean {
  return !!row.refreshTokenEnc && (!row.refreshExpiresAt || row.refreshExpiresAt.getTime() > now);
}

/** Until when the row's access token is used as it is (after that it is refreshed first). */
function freshUntil(cfg: TokenStoreConfig, row: Pick<Row, "accessExpiresAt" | "updatedAt">): number {
  const lifetime = row.accessExpiresAt.getTime() - row.updatedAt.getTime();
  // Short-lived tokens (the emulator's 5 s) would otherwise always look stale and refresh on every call.
  const ahead = Math.min(cfg.refreshAheadMs ?? DEFAULT_REFRESH_AHEAD_MS, Math.max(0, lifetime / 2));
  return row.accessExpiresAt.getTime() - ahead;
}

function isFresh(cfg: TokenStoreConfig, row: Row, now: number): boolean {
  return freshUntil(cfg, row) > now;
}

/** `freshUntil`: the token may be cached until then (absent when it was handed out as a stop-gap). */
type Outcome = { ok: true; token: string; freshUntil?: number } | { ok: false; reason: SessionEndReason };

/**
 * A usable access token for the session: decrypted from the table, refreshed first when it is close to
 * expiry. Refreshing happens under `SELECT … FOR UPDATE`, so concurrent callers (in this process or
 * another instance) wait for the one refresh and then read its result.
 * `force` refreshes even if the token looks fresh (after Webex answered 401), unless another caller
 * refreshed in the last few seconds.
 */
export async function getValidAccessToken(
  db: Db,
  cfg: TokenStoreConfig,
  sessionId: string,
  opts: { force?: boolean } = {},
): Promise<string> {
  if (!opts.force) {
    const cached = cachedToken(cfg, sessionId);
    if (cached !== null) return cached;
    const [row] = await db.select().from(webexTokens).where(eq(webexTokens.sessionId, sessionId));
    if (!row) throw new SessionEndedError("missing");
    if (isFresh(cfg, row, nowOf(cfg))) {
      const token = decryptToken(row.accessTokenEnc, cfg.secret, sessionId);
      remember(cfg, sessionId, token, freshUntil(cfg, row));
      return token;
    }
  }
  forgetCachedToken(sessionId);

  // Never throw from inside the transaction after deleting the row: that would roll the delete back.
  const outcome: Outcome = await db.transaction(async (tx) => {
    const [row] = await tx.select().from(webexTokens).where(eq(webexTokens.sessionId, sessionId)).for("update");
    if (!row) return { ok: false, reason: "missing" };
    const now = nowOf(cfg);
    const current = () => decryptToken(row.accessTokenEnc, cfg.secret, sessionId);
    const stillValid = row.accessExpiresAt.getTime() > now;

    if (!opts.force && isFresh(cfg, row, now)) return { ok: true, token: current(), freshUntil: freshUntil(cfg, row) };
    if (opts.force && now - row.updatedAt.getTime() < FORCE_REFRESH_DEDUPE_MS && row.createdAt.getTime() !== row.updatedAt.getTime()) {
      return { ok: true, token: current(), freshUntil: freshUntil(cfg, row) };
    }
    if (!canRefresh(row, now)) {
      if (stillValid && !opts.force) return { ok: true, token: current() };
      await tx.delete(webexTokens).where(eq(webexTokens.sessionId, sessionId));
      return { ok: false, reason: "expired" };
    }

    let result: RefreshResult;
    try {
      result = await refreshGrant(cfg, decryptToken(row.refreshTokenEnc!, cfg.secret, sessionId));
    } catch (err) {
      // Token endpoint down: keep going on the current token while it lasts.
      if (stillValid && !opts.force) return { ok: true, token: current() };
      throw err;
    }
    if (!result.ok) {
      await tx.delete(webexTokens).where(eq(webexTokens.sessionId, sessionId));
      return { ok: false, reason: "refresh_failed" };
    }
    const t = result.tokens;
    const cols = encryptedColumns(
      cfg,
      sessionId,
      {
        accessToken: t.access_token,
        expiresIn: t.expires_in,
        refreshToken: t.refresh_token ?? null,
        refreshExpiresIn: t.refresh_token_expires_in,
        scopes: t.scope ?? row.scopes,
      },
      now,
    );
    await tx
      .update(webexTokens)
      .set({
        ...cols,
        // Webex may answer without a new refresh token: keep the one we have.
        refreshTokenEnc: cols.refreshTokenEnc ?? row.refreshTokenEnc,
        refreshExpiresAt: cols.refreshTokenEnc ? cols.refreshExpiresAt : row.refreshExpiresAt,
        updatedAt: new Date(now),
      })
      .where(eq(webexTokens.sessionId, sessionId));
    return { ok: true, token: t.access_token, freshUntil: freshUntil(cfg, { accessExpiresAt: cols.accessExpiresAt, updatedAt: new Date(now) }) };
  });

  if (!outcome.ok) {
    forgetCachedToken(sessionId);
    throw new SessionEndedError(outcome.reason);
  }
  if (outcome.freshUntil !== undefined) remember(cfg, sessionId, outcome.token, outcome.freshUntil);
  return outcome.token;
}

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().positive().optional(),
  refresh_token: z.string().min(1).optional(),
  refresh_token_expires_in: z.coerce.number().positive().optional(),
  token_type: z.string().optional(),
  scope: z.string().optional(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;
type RefreshResult = { ok: true; tokens: TokenResponse } | { ok: false; status: number };

/** One refresh_token grant. `ok: false` = Webex rejected the refresh token; throws when it could not be asked. */
export async function refreshGrant(cfg: TokenStoreConfig, refreshToken: string): Promise<RefreshResult> {
  let res: Response;
  try {
    res = await fetch(cfg.tokenUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams({
        grant_type: "refresh_token",
        client_id: cfg.clientId,
        client_secret: cfg.clientSecret,
        refresh_token: refreshToken,
      }),
      signal: AbortSignal.timeout(cfg.timeoutMs),
      cache: "no-store",
    });
  } catch (err) {
    throw new TokenRefreshError(`Token refresh failed: ${(err as Error).message}`);
  }
  const text = await res.text();
  // 400 invalid_grant (revoked/expired) and 401 (client or token unknown) end the session.
  if (res.status === 400 || res.status === 401) return { ok: false, status: res.status };
  if (!res.ok) throw new TokenRefreshError(`Token refresh failed: HTTP ${res.status}`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new TokenRefreshError("Token refresh answered with invalid JSON");
  }
  const parsed = tokenResponseSchema.safeParse(json);
  if (!parsed.success) throw new TokenRefreshError("Token refresh answered without an access_token");
  return { ok: true, tokens: parsed.data };
}
