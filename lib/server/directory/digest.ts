import "server-only";
import { sql } from "drizzle-orm";
import { levelCrossings, type Digest, type DigestChange, type LicenseSnapshot } from "@/lib/directory/digest";
import type { Db } from "@/lib/server/db";

// Reads one UTC day for the daily digest (lib/directory/digest.ts): the changes the syncs of that day saw
// (directory_changes, by the time the sync read Webex) and the license snapshots around it.

const DAY_MS = 86_400_000;
/** The most changes one digest lists (a day of an org's first big re-organisation can be more). */
export const DIGEST_MAX_CHANGES = 50_000;

type ChangeRow = {
  seen_to: string | Date;
  email: string;
  display_name: string;
  kind: DigestChange["kind"];
  field: string | null;
  before: unknown;
  after: unknown;
  actor_name: string | null;
  actor_email: string | null;
  reverted_at: string | Date | null;
};
type SnapRow = { license_id: string; name: string | null; taken_at: string | Date; total: number; consumed: number };

const toSnap = (r: SnapRow): LicenseSnapshot => ({ licenseId: r.license_id, name: r.name, at: new Date(r.taken_at).getTime(), total: Number(r.total), consumed: Number(r.consumed) });

export async function readDigest(db: Db, orgId: string, date: string): Promise<Digest> {
  const start = new Date(`${date}T00:00:00.000Z`);
  const end = new Date(start.getTime() + DAY_MS);
  const [changes, baseline, day] = await Promise.all([
    db.execute<ChangeRow>(sql`
      SELECT seen_to, email, display_name, kind, field, before, after, actor_name, actor_email, reverted_at FROM directory_changes
      WHERE org_id = ${orgId} AND seen_to >= ${start.toISOString()} AND seen_to < ${end.toISOString()}
      ORDER BY seen_to, id LIMIT ${DIGEST_MAX_CHANGES + 1}`),
    db.execute<SnapRow>(sql`
      SELECT DISTINCT ON (license_id) license_id, name, taken_at, total, consumed FROM license_snapshots
      WHERE org_id = ${orgId} AND taken_at < ${start.toISOString()} ORDER BY license_id, taken_at DESC`),
    db.execute<SnapRow>(sql`
      SELECT license_id, name, taken_at, total, consumed FROM license_snapshots
      WHERE org_id = ${orgId} AND taken_at >= ${start.toISOString()} AND taken_at < ${end.toISOString()} ORDER BY taken_at`),
  ]);
  const rows = changes.rows.slice(0, DIGEST_MAX_CHANGES);
  const licenseNames = new Map<string, string>();
  for (const r of [...baseline.rows, ...day.rows]) if (r.name) licenseNames.set(r.license_id, r.name);
  return {
    date,
    truncated: changes.rows.length > DIGEST_MAX_CHANGES,
    changes: rows.map((r) => ({
      seenAt: new Date(r.seen_to).getTime(),
      email: r.email,
      displayName: r.display_name,
      kind: r.kind,
      field: r.field,
      before: r.before,
      after: r.after,
      actor: r.actor_name && r.actor_email ? `${r.actor_name} (${r.actor_email})` : (r.actor_email ?? r.actor_name),
      reverted: r.reverted_at !== null,
    })),
    crossings: levelCrossings(baseline.rows.map(toSnap), day.rows.map(toSnap)),
    licenseNames,
  };
}
