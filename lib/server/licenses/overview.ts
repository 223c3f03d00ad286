import "server-only";
import { logError } from "@/lib/server/log";
import { sql } from "drizzle-orm";
import { LEVEL_INFO } from "@/lib/licenses/capacity";
import type { OverviewData, Section } from "@/lib/licenses/api-types";
import { DEFAULT_CRITERIA } from "@/lib/licenses/reclaim";
import { auditOutcome } from "@/lib/people/audit-types";
import { getDb } from "@/lib/server/db";
import { ReferenceAccessError } from "@/lib/server/reference";
import { SessionEndedError, type SessionUser } from "@/lib/server/session";
import type { WebexClient } from "@/lib/server/webex/client";
import { isWebexError } from "@/lib/server/webex/errors";
import { rolesWithMembers } from "./roles";
import { capacityView, reclaimView } from "./views";

function failure(err: unknown): { ok: false; message: string } {
  if (err instanceof SessionEndedError) throw err; // the console sends the user to sign in
  if (isWebexError(err)) return { ok: false, message: `${err.message} (tracking ID ${err.trackingId})` };
  if (err instanceof ReferenceAccessError) return { ok: false, message: err.message };
  logError("overview section failed", {}, err);
  return { ok: false, message: "Could not load this. Reload the page to try again." };
}

async function section<T>(work: () => Promise<T>): Promise<Section<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (err) {
    return failure(err);
  }
}

/** Every tile of the overview, each loaded on its own so one failing source leaves the others standing. */
export async function overviewData(webex: WebexClient, user: SessionUser): Promise<OverviewData> {
  const [licenses, reclaim, roles, audit] = await Promise.all([
    section(async () => {
      const view = await capacityView(webex, user);
      const counts = { warning: 0, critical: 0, exhausted: 0, overage: 0 };
      for (const l of view.licenses) if (l.level in counts) counts[l.level as keyof typeof counts] += 1;
      const attention = view.licenses
        .filter((l) => LEVEL_INFO[l.level].rank > 0)
        .map((l) => ({ id: l.id, name: l.name, level: l.level, utilisation: l.utilisation }));
      return { counts, attention, total: view.licenses.length };
    }),
    section(async () => {
      const view = await reclaimView(await getDb(), user.orgId, DEFAULT_CRITERIA);
      if (!view.scan) return null;
      return {
        units: Object.values(view.units).reduce((a, b) => a + b, 0),
        people: view.people,
        invitePending: view.scan.invitePending,
        scannedAt: view.scan.finishedAt,
        ...DEFAULT_CRITERIA,
      };
    }),
    section(async () => (await rolesWithMembers(webex, user)).map((r) => ({ id: r.id, name: r.name, members: r.members.length }))),
    section(async () => {
      const db = await getDb();
      const res = await db.execute<{ id: number; at: string | Date; actor_email: string | null; action: string; target_email: string | null; target_id: string | null; outcome: string }>(sql`
        SELECT id, at, actor_email, action, target_email, target_id, outcome FROM audit_events
        WHERE org_id = ${user.orgId} ORDER BY at DESC LIMIT 5`);
      return res.rows.map((r) => ({
        id: Number(r.id),
        at: new Date(r.at).getTime(),
        actor: r.actor_email,
        action: r.action,
        target: r.target_email ?? r.target_id,
        outcome: auditOutcome(r.outcome, new Date(r.at).getTime(), Date.now()),
      }));
    }),
  ]);
  return { licenses, reclaim, roles, audit };
}
