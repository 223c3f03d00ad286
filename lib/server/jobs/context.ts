import "server-only";
import { logWarn } from "@/lib/server/log";
import { sql } from "drizzle-orm";
import { tokenStoreConfig } from "@/lib/server/auth/config";
import { SessionEndedError, getValidAccessToken } from "@/lib/server/auth/token-store";
import type { Db } from "@/lib/server/db";
import { getEnv } from "@/lib/server/env";
import { invalidateAfterPeopleWrite } from "@/lib/server/reference";
import type { SessionUser } from "@/lib/server/session";
import { appBudget } from "@/lib/server/webex/app-budget";
import { WebexClient } from "@/lib/server/webex/client";
import { consoleLogger, type WebexLogger } from "@/lib/server/webex/log";
import { setJobSession, type JobRow } from "./store";

/** What an item handler works with: the job, its database, and a Webex client acting as whoever started it. */
export interface JobContext {
  db: Db;
  job: JobRow;
  webex: WebexClient;
  /** The admin who started the job: the actor of every audit row it writes. */
  actor: SessionUser;
}

/** Builds the Webex client a job runs with. Tests give the engine their own (tokens without sessions). */
export type JobClientFactory = (db: Db, job: JobRow, onCall: () => void) => Promise<WebexClient>;

/** Background calls may wait longer for the org's budget than an admin's click would. */
const BACKGROUND_MAX_WAIT_MS = 5 * 60_000;

/** The job's actor as a SessionUser (audit rows need id, org and email; permissions were checked at start). */
export function jobActor(job: JobRow): SessionUser {
  return {
    personId: job.createdById,
    orgId: job.orgId,
    name: job.createdByName ?? job.createdByEmail,
    email: job.createdByEmail,
    scopes: [],
    roles: [],
    roleNames: [],
    isAdmin: true,
    canWrite: true,
  };
}

/**
 * The default: the Webex token of the session that started the job (server-side, never sent anywhere). When that
 * session has ended (signed out), another live session of the same admin is used; with none, the job is paused
 * by the runner (SessionEndedError) until an admin resumes it with their own session.
 */
export const sessionClient: JobClientFactory = async (db, job, onCall) => {
  const env = getEnv();
  const cfg = tokenStoreConfig(env);
  let sessionId = job.sessionId;
  const token = async (force: boolean): Promise<string> => {
    if (sessionId) {
      try {
        return await readableToken(getValidAccessToken(db, cfg, sessionId, { force }));
      } catch (err) {
        if (!(err instanceof SessionEndedError)) throw err;
      }
    }
    const other = await db.execute<{ session_id: string }>(sql`
      SELECT session_id FROM webex_tokens WHERE person_id = ${job.createdById} AND org_id = ${job.orgId}
      ${sessionId ? sql`AND session_id <> ${sessionId}` : sql``}
      ORDER BY updated_at DESC LIMIT 1`);
    const next = other.rows[0]?.session_id;
    if (!next) throw new SessionEndedError("missing");
    sessionId = next;
    await setJobSession(db, job.id, next);
    return readableToken(getValidAccessToken(db, cfg, next, { force }));
  };
  return new WebexClient({
    baseUrl: env.WEBEX_API_BASE,
    orgId: job.orgId,
    accessToken: () => token(false),
    onUnauthorized: () => token(true).catch(() => null),
    budget: appBudget(),
    lane: "background",
    perMinute: env.WEBEX_RATE_LIMIT_PER_MINUTE,
    timeoutMs: env.WEBEX_TIMEOUT_MS,
    maxTotalWaitMs: BACKGROUND_MAX_WAIT_MS,
    logger: countingLogger(onCall),
    onWrite: invalidateAfterPeopleWrite,
  });
};

/**
 * A stored token that no longer decrypts was encrypted under another NEXTAUTH_SECRET (the secret was rotated, or
 * instances disagree on it): for a job that is an ended session, so the job pauses until an admin resumes it with
 * their own (new) session, rather than failing every item on an "unexpected error".
 */
export async function readableToken(pending: Promise<string>): Promise<string> {
  try {
    return await pending;
  } catch (err) {
    if (err instanceof Error && /unable to authenticate data|Unrecognised token ciphertext/i.test(err.message)) {
      logWarn("a stored Webex token does not decrypt with this NEXTAUTH_SECRET; the job pauses");
      throw new SessionEndedError("missing");
    }
    throw err;
  }
}

/** Every HTTP attempt is logged once: counting log lines counts the job's Webex calls, retries included. */
export function countingLogger(onCall: () => void, inner: WebexLogger = consoleLogger): WebexLogger {
  return (entry) => {
    onCall();
    inner(entry);
  };
}
