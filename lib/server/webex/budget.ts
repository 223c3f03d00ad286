import "server-only";
import { sql, type SQL } from "drizzle-orm";

export const DEFAULT_PER_MINUTE = 600;

/**
 * Who is asking. Interactive calls (an admin's clicks) may take any token; background calls (jobs, scans,
 * snapshots) only take one while a reserve stays in the bucket, so they live on what interactive traffic leaves
 * and an admin never queues behind a job.
 */
export type Lane = "interactive" | "background";

/**
 * One outbound request budget per Webex org, shared by every caller (and, with DbBudgetStore, every instance).
 * acquire() takes one request slot: 0 means granted; otherwise nothing was taken and the caller should wait that
 * many ms and ask again. pause() stops the org until `untilMs` (epoch ms) after Webex said 429/423/503.
 */
export interface BudgetStore {
  acquire(orgId: string, perMinute: number, lane?: Lane): Promise<number>;
  pause(orgId: string, untilMs: number): Promise<void>;
  /** Shared by several processes: their waiters should not all wake at the same instant. */
  readonly shared?: boolean;
}

/**
 * Token bucket shape. Capacity is a tenth of the limit so a burst cannot trip Webex's sliding window, and the
 * refill rate is the limit minus that capacity, so that even a full bucket plus a minute of refill stays within
 * `perMinute` for any 60-second window.
 */
export function bucketShape(perMinute: number): { capacity: number; ratePerMs: number; reserve: number } {
  const limit = Math.max(1, Math.floor(perMinute));
  const capacity = Math.max(1, Math.floor(limit / 10));
  const refillPerMinute = Math.max(1, limit - capacity);
  // A third of the burst is kept for interactive calls (20 tokens at 600/min: a few page views at once).
  // Background callers never dip into it, so in steady state they get the whole refill rate that
  // interactive traffic does not use.
  const reserve = Math.floor(capacity / 3);
  return { capacity, ratePerMs: refillPerMinute / 60_000, reserve };
}

/** Tokens a caller of this lane needs in the bucket before it may take one. */
export function tokensNeeded(perMinute: number, lane: Lane): number {
  return lane === "background" ? 1 + bucketShape(perMinute).reserve : 1;
}

export interface BucketState {
  tokens: number;
  updatedMs: number;
  pausedUntilMs: number;
}

/** The algorithm, pure: DbBudgetStore runs the same arithmetic in one SQL statement. */
export function takeToken(
  state: BucketState | undefined,
  nowMs: number,
  perMinute: number,
  lane: Lane = "interactive",
): { state: BucketState; waitMs: number } {
  const { capacity, ratePerMs } = bucketShape(perMinute);
  const need = tokensNeeded(perMinute, lane);
  state ??= { tokens: capacity, updatedMs: nowMs, pausedUntilMs: 0 };
  if (state.pausedUntilMs > nowMs) return { state, waitMs: Math.ceil(state.pausedUntilMs - nowMs) };
  const from = Math.max(state.updatedMs, state.pausedUntilMs);
  const avail = Math.min(capacity, state.tokens + Math.max(0, nowMs - from) * ratePerMs);
  const updatedMs = Math.max(state.updatedMs, nowMs);
  if (avail >= need) return { state: { ...state, tokens: avail - 1, updatedMs }, waitMs: 0 };
  return { state: { ...state, tokens: avail, updatedMs }, waitMs: Math.max(1, Math.ceil((need - avail) / ratePerMs)) };
}

export function pauseBucket(state: BucketState | undefined, nowMs: number, untilMs: number): BucketState {
  // Empty the bucket too, so the org comes back gradually rather than with a burst.
  return {
    tokens: 0,
    updatedMs: state?.updatedMs ?? nowMs,
    pausedUntilMs: Math.max(state?.pausedUntilMs ?? 0, untilMs),
  };
}

/** Per-process budget: right for one instance, and for tests. */
export class MemoryBudgetStore implements BudgetStore {
  private readonly buckets = new Map<string, BucketState>();
  constructor(private readonly now: () => number = Date.now) {}

  async acquire(orgId: string, perMinute: number, lane: Lane = "interactive"): Promise<number> {
    const { state, waitMs } = takeToken(this.buckets.get(orgId), this.now(), perMinute, lane);
    this.buckets.set(orgId, state);
    return waitMs;
  }

  async pause(orgId: string, untilMs: number): Promise<void> {
    this.buckets.set(orgId, pauseBucket(this.buckets.get(orgId), this.now(), untilMs));
  }
}

/** What DbBudgetStore needs of a drizzle Postgres database (PGlite or node-postgres). */
export interface SqlExecutor {
  execute(query: SQL): Promise<{ rows: unknown[] }>;
}

/** The app's database, imported lazily so that importing this module never opens it. */
const appDb = async (): Promise<SqlExecutor> => (await import("@/lib/server/db")).getDb();

/**
 * Budget shared by every instance through the `webex_rate_budget` table (migration 0002). Each acquire is one
 * INSERT … ON CONFLICT DO UPDATE: the row lock makes it atomic, and `wait_ms` carries this call's verdict back
 * through RETURNING. Times are the app's epoch ms (instances are assumed NTP-synced; a skewed clock can only
 * make the bucket slightly more conservative, since updated_ms never moves backwards).
 */
export class DbBudgetStore implements BudgetStore {
  readonly shared = true;
  constructor(
    private readonly db: () => Promise<SqlExecutor> = appDb,
    private readonly now: () => number = Date.now,
  ) {}

  async acquire(orgId: string, perMinute: number, lane: Lane = "interactive"): Promise<number> {
    const { capacity, ratePerMs } = bucketShape(perMinute);
    const now = sql`${this.now()}::double precision`;
    const cap = sql`${capacity}::double precision`;
    const rate = sql`${ratePerMs}::double precision`;
    const need = sql`${tokensNeeded(perMinute, lane)}::double precision`;
    const paused = sql`(b.paused_until_ms > ${now})`;
    const avail = sql`LEAST(${cap}, b.tokens + GREATEST(0, ${now} - GREATEST(b.updated_ms, b.paused_until_ms)) * ${rate})`;
    const db = await this.db();
    const res = await db.execute(sql`
      INSERT INTO webex_rate_budget AS b (org_id, tokens, updated_ms, paused_until_ms, wait_ms)
      VALUES (${orgId}, ${cap} - 1, ${now}, 0, 0)
      ON CONFLICT (org_id) DO UPDATE SET
        tokens = CASE WHEN ${paused} THEN b.tokens WHEN ${avail} >= ${need} THEN ${avail} - 1 ELSE ${avail} END,
        updated_ms = CASE WHEN ${paused} THEN b.updated_ms ELSE GREATEST(b.updated_ms, ${now}) END,
        wait_ms = CASE
          WHEN ${paused} THEN CEIL(b.paused_until_ms - ${now})
          WHEN ${avail} >= ${need} THEN 0
          ELSE GREATEST(1, CEIL((${need} - ${avail}) / ${rate}))
        END
      RETURNING wait_ms::double precision AS wait_ms`);
    const row = res.rows[0] as { wait_ms?: unknown } | undefined;
    return Math.max(0, Number(row?.wait_ms ?? 0));
  }

  async pause(orgId: string, untilMs: number): Promise<void> {
    const now = sql`${this.now()}::double precision`;
    const until = sql`${untilMs}::double precision`;
    const db = await this.db();
    await db.execute(sql`
      INSERT INTO webex_rate_budget AS b (org_id, tokens, updated_ms, paused_until_ms, wait_ms)
      VALUES (${orgId}, 0, ${now}, ${until}, 0)
      ON CONFLICT (org_id) DO UPDATE SET
        tokens = 0,
        paused_until_ms = GREATEST(b.paused_until_ms, EXCLUDED.paused_until_ms)`);
  }
}
