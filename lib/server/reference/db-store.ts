import "server-only";
import { storableJson } from "@/lib/safe-text";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/server/db";
import type { ReferenceKind, ReferenceStore, StoredEntry } from "./cache";

/** The shared store on the app's database (table reference_cache, migration 0007): every instance sees one entry. */
export class DbReferenceStore implements ReferenceStore {
  constructor(private readonly db: () => Promise<Db>) {}

  async read(orgId: string, kind: ReferenceKind): Promise<StoredEntry | null> {
    const res = await (await this.db()).execute<{ value: unknown; ttl_left_ms: number | string; version: number | string }>(sql`
      SELECT value, (EXTRACT(EPOCH FROM (expires_at - now())) * 1000)::float8 AS ttl_left_ms, version
      FROM reference_cache WHERE org_id = ${orgId} AND kind = ${kind}`);
    const row = res.rows[0];
    return row ? { value: row.value ?? null, ttlLeftMs: Number(row.ttl_left_ms), version: Number(row.version) } : null;
  }

  async write(orgId: string, kind: ReferenceKind, value: unknown, ttlMs: number, seenVersion: number): Promise<boolean> {
    // Inserted at version 0, or updated only while nobody has invalidated the entry since it was read.
    const res = await (await this.db()).execute<{ version: number }>(sql`
      INSERT INTO reference_cache AS r (org_id, kind, value, version, fetched_at, expires_at)
      VALUES (${orgId}, ${kind}, ${storableJson(value)}::jsonb, 0, now(), now() + ${ttlMs}::float8 * interval '1 millisecond')
      ON CONFLICT (org_id, kind) DO UPDATE SET value = EXCLUDED.value, fetched_at = EXCLUDED.fetched_at, expires_at = EXCLUDED.expires_at
      WHERE r.version = ${seenVersion}
      RETURNING r.version`);
    return res.rows.length > 0 && seenVersion === Number(res.rows[0]!.version);
  }

  async invalidate(orgId: string, kinds: readonly ReferenceKind[]): Promise<void> {
    const db = await this.db();
    for (const kind of kinds) {
      await db.execute(sql`
        INSERT INTO reference_cache AS r (org_id, kind, value, version, expires_at) VALUES (${orgId}, ${kind}, NULL, 1, now())
        ON CONFLICT (org_id, kind) DO UPDATE SET value = NULL, version = r.version + 1, expires_at = now()`);
    }
  }
}
