import "server-only";
import { logWarn } from "@/lib/server/log";

import { and, eq, isNull, lt, or } from "drizzle-orm";

import type { Db } from "@/lib/server/db";
import { webexTokens } from "@/lib/server/db/schema";
import {
  deleteTokens,
  getValidAccessToken,
  SessionEndedError,
  sessionAccessMemo,
  TokenRefreshError,
  type TokenStoreConfig,
} from "./token-store";
import { fetchCurrentRoles } from "./webex-identity";

// The periodic re-check of a signed-in session against Webex (decision 013). The cookie says who signed in and
// with which roles at that moment; what a request may do comes from the token row instead, whose roles are
// re-read from Webex (GET /people/me, as sign-in does) at most once per interval per session — by whichever
// request first finds the interval lapsed, on whichever instance: one conditional UPDATE claims a short lease,
// so concurrent requests (here or elsewhere) cause one Webex check; the others wait for its result. The result
// lives in the row, so every instance and a restarted one see it.
//
// Outcomes: token revoked / refresh rejected / person deleted → the row is deleted (the session ended, 401);
// other roles → they apply from now on (403 when no admin role is left, write refused when demoted, allowed when
// promoted). A Webex outage (timeout, network, 5xx, 429) is not a verdict: the last verified roles are kept for
// a bounded grace (GRACE_MS past the due time), the check is retried at most every RETRY_MS, and past the grace
// requests are answered 503 until Webex answers again. Admins are not locked out by a short outage, and a
// demotion is never ignored for longer than interval + grace.

export type SessionCheckConfig = TokenStoreConfig & {
  /** WEBEX_API_BASE */
  apiBase: string;
  /** ROSTER_SESSION_RECHECK_SECONDS in ms. */
  intervalMs: number;
  /** How long past the due time the last verified roles stand in while Webex cannot be reached. */
  graceMs?: number;
  /** How long this process serves its last conclusion without reading the row (never past the due time). */
  memoMs?: number;
};

export type SessionAccess =
  | { state: "ok"; roles: string[]; roleNames: string[] }
  | { state: "ended" }
  /** Due for a check that Webex could not answer, and past the grace. */
  | { state: "unverified" };

/** Webex could not be reached to re-check the session and the grace is over (503). */
export class SessionCheckUnavailableError extends TokenRefreshError {
  constructor() {
    super("Webex could not be reached to confirm your access; try again shortly");
    this.name = "SessionCheckUnavailableError";
  }
}

export const DEFAULT_GRACE_MS = 15 * 60_000;
/** After a failed check (outage), the next attempt waits this long (at most the interval). */
const RETRY_MS = 30_000;
/** How often a request waiting for another request's check looks at the row. */
const POLL_MS = 100;
/** A request waits at most this long for another request's check before using the last verified roles (grace). */
const MAX_WAIT_MS = 10_000;
/** GET /people/me (and /roles) on the request path: a slow Webex is treated as an outage (grace), not waited for. */
const CHECK_TIMEOUT_MS = 5_000;

const checkTimeout = (cfg: SessionCheckConfig) => Math.min(cfg.timeoutMs, CHECK_TIMEOUT_MS);
// Covers a refresh (the token store's own timeout) plus GET /people/me and GET /roles.
const leaseMs = (cfg: SessionCheckConfig) => cfg.timeoutMs + 2 * checkTimeout(cfg) + 5_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// One evaluation per session at a time in this process: concurrent requests share it (and its Webex check).
const globalForChecks = globalThis as unknown as { __rosterSessionChecks?: Map<string, Promise<SessionAccess>> };
const inflight = (globalForChecks.__rosterSessionChecks ??= new Map());

type Known = { roles: string[]; roleNames: string[] };

/**
 * What the session may do now: its verified roles (re-checked against Webex when the interval has lapsed), or
 * that it has ended. `signedInWith` is the cookie's roles, used only for rows written before roles were stored.
 */
export async function sessionAccess(db: Db, cfg: SessionCheckConfig, sessionId: string, signedInWith: Known): Promise<SessionAccess> {
  const memo = sessionAccessMemo.get(sessionId);
  if (memo && memo.until > Date.now()) return memo.value as SessionAccess;
  if (memo) sessionAccessMemo.delete(sessionId);
  const running = inflight.get(sessionId);
  if (running) return running;
  const p = evaluate(db, cfg, sessionId, signedInWith).finally(() => inflight.delete(sessionId));
  inflight.set(sessionId, p);
  return p;
}

function memoise(cfg: SessionCheckConfig, sessionId: string, value: SessionAccess, until: number): SessionAccess {
  const capped = Math.min(until, Date.now() + (cfg.memoMs ?? 15_000));
  if (capped > Date.now()) {
    if (sessionAccessMemo.size >= 10_000) sessionAccessMemo.delete(sessionAccessMemo.keys().next().value as string);
    sessionAccessMemo.set(sessionId, { value, until: capped });
  }
  return value;
}

type Row = typeof webexTokens.$inferSelect;

function alive(row: Row, now: number): boolean {
  if (row.accessExpiresAt.getTime() > now) return true;
  return !!row.refreshTokenEnc && (!row.refreshExpiresAt || row.refreshExpiresAt.getTime() > now);
}

async function evaluate(db: Db, cfg: SessionCheckConfig, sessionId: string, signedInWith: Known): Promise<SessionAccess> {
  const graceMs = cfg.graceMs ?? DEFAULT_GRACE_MS;
  let waitUntil = 0;
  for (;;) {
    const [row] = await db.select().from(webexTokens).where(eq(webexTokens.sessionId, sessionId));
    const now = Date.now();
    if (!row || !alive(row, cfg.now ? cfg.now() : now)) return { state: "ended" };
    const known: Known = { roles: row.roles ?? signedInWith.roles, roleNames: row.roleNames ?? signedInWith.roleNames };
    const ok: SessionAccess = { state: "ok", ...known };
    // A row from before roles were stored has never been verified: it is due now (its grace counts from sign-in).
    const dueAt = row.verifiedAt ? row.verifiedAt.getTime() + cfg.intervalMs : now;
    if (now < dueAt) return memoise(cfg, sessionId, ok, dueAt);

    const graceEnd = (row.verifiedAt ?? row.createdAt).getTime() + cfg.intervalMs + graceMs;
    const lastKnown = (until: number): SessionAccess =>
      now < graceEnd ? memoise(cfg, sessionId, ok, Math.min(until, graceEnd)) : { state: "unverified" };

    // Webex was unreachable a moment ago: do not ask again on every request.
    if (row.checkRetryAt && row.checkRetryAt.getTime() > now) return lastKnown(row.checkRetryAt.getTime());

    const claimed = await db
      .update(webexTokens)
      .set({ checkLeaseUntil: new Date(now + leaseMs(cfg)) })
      .where(
        and(
          eq(webexTokens.sessionId, sessionId),
          or(isNull(webexTokens.verifiedAt), lt(webexTokens.verifiedAt, new Date(now - cfg.intervalMs))),
          or(isNull(webexTokens.checkLeaseUntil), lt(webexTokens.checkLeaseUntil, new Date(now))),
          or(isNull(webexTokens.checkRetryAt), lt(webexTokens.checkRetryAt, new Date(now + 1))),
        ),
      )
      .returning({ sessionId: webexTokens.sessionId });
    if (claimed.length > 0) return check(db, cfg, row, known, lastKnown);

    // Another request (maybe on another instance) is checking: wait for its verdict, bounded by its lease.
    waitUntil ||= now + Math.min(leaseMs(cfg), MAX_WAIT_MS);
    if (now > waitUntil) return lastKnown(now);
    await sleep(POLL_MS);
  }
}

type Verdict = { kind: "ok"; roles: string[]; roleNames: string[] } | { kind: "ended" } | { kind: "unreachable" };

async function check(
  db: Db,
  cfg: SessionCheckConfig,
  row: Row,
  known: Known,
  lastKnown: (until: number) => SessionAccess,
): Promise<SessionAccess> {
  const sessionId = row.sessionId;
  const verdict = await askWebex(db, cfg, row, known);
  if (verdict.kind === "ended") {
    await deleteTokens(db, sessionId);
    return { state: "ended" };
  }
  if (verdict.kind === "unreachable") {
    const retryAt = Date.now() + Math.min(RETRY_MS, cfg.intervalMs);
    await db
      .update(webexTokens)
      .set({ checkLeaseUntil: null, checkRetryAt: new Date(retryAt) })
      .where(eq(webexTokens.sessionId, sessionId));
    logWarn("session re-check: Webex unreachable, keeping the last verified roles for now");
    return lastKnown(retryAt);
  }
  const verifiedAt = Date.now();
  const stored = await db
    .update(webexTokens)
    .set({ roles: verdict.roles, roleNames: verdict.roleNames, verifiedAt: new Date(verifiedAt), checkLeaseUntil: null, checkRetryAt: null })
    .where(eq(webexTokens.sessionId, sessionId))
    .returning({ sessionId: webexTokens.sessionId });
  if (stored.length === 0) return { state: "ended" }; // signed out meanwhile
  return memoise(cfg, sessionId, { state: "ok", roles: verdict.roles, roleNames: verdict.roleNames }, verifiedAt + cfg.intervalMs);
}

async function askWebex(db: Db, cfg: SessionCheckConfig, row: Row, known: Known): Promise<Verdict> {
  const names = new Map(known.roles.map((id, i) => [id, known.roleNames[i] ?? id]));
  const token = async (force: boolean): Promise<string | Verdict> => {
    try {
      return await getValidAccessToken(db, cfg, row.sessionId, { force });
    } catch (err) {
      return err instanceof SessionEndedError ? { kind: "ended" } : { kind: "unreachable" };
    }
  };
  const me = async (t: string) => {
    try {
      return await fetchCurrentRoles(cfg.apiBase, t, checkTimeout(cfg), names);
    } catch {
      return null; // timeout or network: Webex unreachable
    }
  };

  let t = await token(false);
  if (typeof t !== "string") return t;
  let answer = await me(t);
  if (answer?.status === 401) {
    // Expired or revoked access token: refresh once. A rejected refresh (revoked, person deleted) ends the session.
    t = await token(true);
    if (typeof t !== "string") return t;
    answer = await me(t);
  }
  if (!answer) return { kind: "unreachable" };
  if (answer.status === 200 && answer.personId === row.personId) return { kind: "ok", roles: answer.roles!, roleNames: answer.roleNames! };
  if (answer.status === 429 || answer.status === 408 || answer.status >= 500) return { kind: "unreachable" };
  // 401 with a fresh token, 404 (person gone), 403 (the token may no longer read its own person), another
  // person: Webex would not sign this session in now.
  return { kind: "ended" };
}
