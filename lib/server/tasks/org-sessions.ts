import "server-only";
import { sql } from "drizzle-orm";
import { tokenStoreConfig } from "@/lib/server/auth/config";
import { accessFromRoles } from "@/lib/server/auth/roles";
import { getValidAccessToken, SessionEndedError } from "@/lib/server/auth/token-store";
import type { Db } from "@/lib/server/db";
import { getEnv } from "@/lib/server/env";
import { appBudget } from "@/lib/server/webex/app-budget";
import { WebexClient } from "@/lib/server/webex/client";
import { isWebexError } from "@/lib/server/webex/errors";

// Periodic work per org (license snapshots, the directory sync) acts with a stored session of that org: the admins
// by their last verified roles first (kept current by the session re-check, decision 013), then sessions whose roles
// are not known yet, the most recently active first within each; sessions known not to be administrators are left
// out (Webex answers them 403). A refusal (401/403, ended session) falls through to the next one.

export type SessionCandidate = { sessionId: string; roles: string[] | null };

function parseRoles(text: string): string[] | null {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : null;
  } catch {
    return null;
  }
}

export function rankCandidates(rows: { session_id: string; roles: unknown }[]): SessionCandidate[] {
  const known: SessionCandidate[] = [];
  const unknown: SessionCandidate[] = [];
  for (const r of rows) {
    const roles = Array.isArray(r.roles) ? (r.roles as string[]) : typeof r.roles === "string" ? parseRoles(r.roles) : null;
    if (roles === null) unknown.push({ sessionId: r.session_id, roles });
    else if (accessFromRoles(roles).isAdmin) known.push({ sessionId: r.session_id, roles });
  }
  return [...known, ...unknown];
}

/** Every org with a stored session whose scopes include `scope` (or unknown scopes), its sessions ranked. */
export async function sessionsByOrg(db: Db, scope: string): Promise<Map<string, SessionCandidate[]>> {
  const sessions = await db.execute<{ org_id: string; session_id: string; roles: unknown }>(sql`
    SELECT org_id, session_id, roles FROM webex_tokens
    WHERE scopes LIKE ${`%${scope}%`} OR scopes = ''
    ORDER BY org_id, GREATEST(updated_at, COALESCE(verified_at, updated_at)) DESC`);
  const byOrg = new Map<string, { session_id: string; roles: unknown }[]>();
  for (const r of sessions.rows) byOrg.set(r.org_id, [...(byOrg.get(r.org_id) ?? []), r]);
  return new Map([...byOrg].map(([org, rows]) => [org, rankCandidates(rows)]));
}

/** A refusal of this session (ended, or not allowed): another admin's session may still work. */
export function refusedSession(err: unknown): boolean {
  return err instanceof SessionEndedError || (isWebexError(err) && (err.status === 401 || err.status === 403));
}

/** A client acting with a stored session, in the background lane of the org's shared budget. */
export function backgroundClient(db: Db, orgId: string, sessionId: string): WebexClient {
  const env = getEnv();
  return new WebexClient({
    baseUrl: env.WEBEX_API_BASE,
    orgId,
    accessToken: () => getValidAccessToken(db, tokenStoreConfig(env), sessionId),
    budget: appBudget(),
    lane: "background",
    perMinute: env.WEBEX_RATE_LIMIT_PER_MINUTE,
    timeoutMs: env.WEBEX_TIMEOUT_MS,
  });
}
