import "server-only";
import { sql } from "drizzle-orm";
import type { HistoryRow } from "@/lib/licenses/api-types";
import type { LicenseCounts } from "@/lib/licenses/capacity";
import type { Db } from "@/lib/server/db";

const HOUR_MS = 3_600_000;

/**
 * Stores one snapshot per license per clock hour (the unique index on hour_bucket makes a second one in the
 * same hour a no-op, whoever writes it: a page view, the periodic task or another instance).
 * Returns how many rows were written.
 */
export async function recordSnapshots(db: Db, orgId: string, licenses: readonly LicenseCounts[], now = Date.now()): Promise<number> {
  const bucket = Math.floor(now / HOUR_MS);
  let written = 0;
  for (const l of licenses) {
    if (typeof l.totalUnits !== "number" || typeof l.consumedUnits !== "number") continue;
    const res = await db.execute<{ id: number }>(sql`
      INSERT INTO license_snapshots (license_id, org_id, name, taken_at, total, consumed, consumed_by_users, consumed_by_workspaces, hour_bucket)
      VALUES (${l.id}, ${orgId}, ${l.name ?? null}, ${new Date(now).toISOString()}, ${l.totalUnits}, ${l.consumedUnits},
              ${l.consumedByUsers ?? null}, ${l.consumedByWorkspaces ?? null}, ${bucket})
      ON CONFLICT (org_id, license_id, hour_bucket) DO NOTHING
      RETURNING id`);
    written += res.rows.length;
  }
  return written;
}

/** A license's snapshots since `sinceMs`, oldest first. */
export async function licenseHistory(db: Db, orgId: string, licenseId: string, sinceMs: number): Promise<HistoryRow[]> {
  const res = await db.execute<{ taken_at: string | Date; total: number; consumed: number; consumed_by_users: number | null; consumed_by_workspaces: number | null }>(sql`
    SELECT taken_at, total, consumed, consumed_by_users, consumed_by_workspaces FROM license_snapshots
    WHERE org_id = ${orgId} AND license_id = ${licenseId} AND taken_at >= ${new Date(sinceMs).toISOString()}
    ORDER BY taken_at ASC LIMIT 5000`);
  return res.rows.map((r) => ({
    at: new Date(r.taken_at).getTime(),
    total: Number(r.total),
    consumed: Number(r.consumed),
    users: r.consumed_by_users === null ? null : Number(r.consumed_by_users),
    workspaces: r.consumed_by_workspaces === null ? null : Number(r.consumed_by_workspaces),
  }));
}
