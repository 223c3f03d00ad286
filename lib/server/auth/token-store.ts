import "server-only";

import { randomUUID } from "node:crypto";

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

// Process memory: session id → what session-check.ts last concluded about it, and until when. Here so that a
// sign-out (deleteTokens) forgets it at once.
const globalForAccess = globalThis as unknown as { __rosterSessionAccess?: Map<string, { value: unknown; until: number }> };
export const sessionAccessMemo = (globalForAccess.__rosterSessionAccess ??= new Map());

export async function saveTokens(
  db: Db,
  cfg: TokenStoreConfig,
  row: {
    sessionId: string;
    personId: string;
    orgId: string;
    tokens: TokenSetInput;
    /** The roles sign-in just read from Webex: verified now (the re-check, session-check.ts, starts from here). */
    identity?: { roles: string[]; roleNames: string[] };
  },
): Promise<void> {
  const now = nowOf(cfg);
  const values = {
    sessionId: row.sessionId,
    personId: row.personId,
    orgId: row.orgId,
    ...encryptedColumns(cfg, row.sessionId, row.tokens, now),
    createdAt: new Date(now),
    updatedAt: new Date(now),
    roles: row.identity?.roles ?? null,
    roleNames: row.identity?.roleNames ?? null,
    verifiedAt: row.identity ? new Date() : null,
    checkLeaseUntil: null,
    checkRetryAt: null,
    refreshLeaseUntil: null,
    refreshLeaseOwner: null,
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
  sessionAccessMemo.delete(sessionId);
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

/** How often a caller waiting for another caller's refresh looks at the row again. */
const LEASE_POLL_MS = 50;

/** A refresh lease outlives the token endpoint's timeout, so it is never taken over while its grant may succeed. */
const leaseMs = (cfg: Pick<TokenStoreConfig, "timeoutMs">) => cfg.timeoutMs + 5_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A usable access token for the session: decrypted from the table, refreshed first when it is close to
 * expiry. One caller (in this process or another instance) refreshes under a short lease on the row
 * (`refresh_lease_until`, claimed with one conditional UPDATE): no transaction or row lock is held while the
 * token endpoint answers, so other database work never waits for Webex. Concurrent callers wait (bounded by
 * the lease) for its result instead of refreshing too.
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
  }
  forgetCachedToken(sessionId);
  const outcome = await obtainToken(db, cfg, sessionId, !!opts.force);
  if (!outcome.ok) {
    forgetCachedToken(sessionId);
    sessionAccessMemo.delete(sessionId);
    throw new SessionEndedError(outcome.reason);
  }
  if (outcome.freshUntil !== undefined) remember(cfg, sessionId, outcome.token, outcome.freshUntil);
  return outcome.token;
}

async function obtainToken(db: Db, cfg: TokenStoreConfig, sessionId: string, force: boolean): Promise<Outcome> {
  const owner = randomUUID();
  // Waiting for someone else's refresh never outlasts their lease (plus a little): then we take it over.
  const giveUpAt = Date.now() + leaseMs(cfg) + 2_000;
  for (;;) {
    const [row] = await db.select().from(webexTokens).where(eq(webexTokens.sessionId, sessionId));
    if (!row) return { ok: false, reason: "missing" };
    const now = nowOf(cfg);
    const current = () => decryptToken(row.accessTokenEnc, cfg.secret, sessionId);
    const stillValid = row.accessExpiresAt.getTime() > now;

    if (!force && isFresh(cfg, row, now)) return { ok: true, token: current(), freshUntil: freshUntil(cfg, row) };
    if (force && now - row.updatedAt.getTime() < FORCE_REFRESH_DEDUPE_MS && row.createdAt.getTime() !== row.updatedAt.getTime()) {
      return { ok: true, token: current(), freshUntil: freshUntil(cfg, row) };
    }
    if (!canRefresh(row, now)) {
      if (stillValid && !force) return { ok: true, token: current() };
      await db.delete(webexTokens).where(eq(webexTokens.sessionId, sessionId));
      return { ok: false, reason: "expired" };
    }

    // Claim the refresh: only if nobody holds the lease and nobody refreshed since we read the row.
    const leaseNow = new Date();
    const claimed = await db
      .update(webexTokens)
      .set({ refreshLeaseUntil: new Date(leaseNow.getTime() + leaseMs(cfg)), refreshLeaseOwner: owner })
      .where(
        and(
          eq(webexTokens.sessionId, sessionId),
          // The ciphertext changes with every refresh (random IV): a cheap "nobody refreshed since" check.
          eq(webexTokens.accessTokenEnc, row.accessTokenEnc),
          or(isNull(webexTokens.refreshLeaseUntil), lt(webexTokens.refreshLeaseUntil, leaseNow)),
        ),
      )
      .returning({ sessionId: webexTokens.sessionId });
    if (claimed.length === 0) {
      // Someone else is refreshing (or just did): read their result shortly.
      if (Date.now() > giveUpAt) {
        if (stillValid && !force) return { ok: true, token: current() };
        throw new TokenRefreshError("Token refresh by another request did not finish in time");
      }
      await sleep(LEASE_POLL_MS);
      continue;
    }
    return refreshUnderLease(db, cfg, sessionId, owner, row, force);
  }
}

/** The refresh_token grant, with this caller holding the row's refresh lease; outside any transaction. */
async function refreshUnderLease(db: Db, cfg: TokenStoreConfig, sessionId: string, owner: string, row: Row, force: boolean): Promise<Outcome> {
  const mine = and(eq(webexTokens.sessionId, sessionId), eq(webexTokens.refreshLeaseOwner, owner));
  const now = nowOf(cfg);
  const current = () => decryptToken(row.accessTokenEnc, cfg.secret, sessionId);
  const stillValid = row.accessExpiresAt.getTime() > now;
  let result: RefreshResult;
  try {
    result = await refreshGrant(cfg, decryptToken(row.refreshTokenEnc!, cfg.secret, sessionId));
  } catch (err) {
    await db.update(webexTokens).set({ refreshLeaseUntil: null, refreshLeaseOwner: null }).where(mine);
    // Token endpoint down: keep going on the current token while it lasts.
    if (stillValid && !force) return { ok: true, token: current() };
    throw err;
  }
  if (!result.ok) {
    await db.delete(webexTokens).where(eq(webexTokens.sessionId, sessionId));
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
  // Only while the lease is still ours (a sign-out meanwhile deleted the row: the new token is not stored).
  const stored = await db
    .update(webexTokens)
    .set({
      ...cols,
      // Webex may answer without a new refresh token: keep the one we have.
      refreshTokenEnc: cols.refreshTokenEnc ?? row.refreshTokenEnc,
      refreshExpiresAt: cols.refreshTokenEnc ? cols.refreshExpiresAt : row.refreshExpiresAt,
      updatedAt: new Date(now),
      refreshLeaseUntil: null,
      refreshLeaseOwner: null,
    })
    .where(mine)
    .returning({ sessionId: webexTokens.sessionId });
  if (stored.length === 0) {
    const [still] = await db.select({ sessionId: webexTokens.sessionId }).from(webexTokens).where(eq(webexTokens.sessionId, sessionId));
    if (!still) return { ok: false, reason: "missing" };
    // Our lease lapsed and another caller refreshed: our token is valid too, but theirs is the one stored.
    return { ok: true, token: t.access_token };
  }
  return { ok: true, token: t.access_token, freshUntil: freshUntil(cfg, { accessExpiresAt: cols.accessExpiresAt, updatedAt: new Date(now) }) };
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
