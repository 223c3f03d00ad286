import "server-only";
import { logError } from "@/lib/server/log";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/server/db";

// Periodic work (license snapshots, retention cleanup) is scheduled in every console instance, yet each round
// must run once per scope (an org, or "all") per interval across all of them. Rounds are numbered by wall-clock
// slot (floor(now / interval)); the first instance to insert the (task, scope, slot) row runs the round, the
// others see the conflict and skip it. Timers fire just after a slot starts, so instances agree on the slot.

/** This process, as named in task_runs and job leases' logs. */
export const INSTANCE_ID = randomUUID();

/** Slots kept per task and scope (older rows are deleted by whoever claims a new one). */
const KEEP_SLOTS = 48;

export function slotOf(now: number, intervalMs: number): number {
  return Math.floor(now / intervalMs);
}

/**
 * Claims round `slotOf(now)` of `task` for `scope`. True for exactly one caller per slot, whichever instance
 * (or process sharing the database) asks first.
 */
export async function claimSlot(db: Db, task: string, scope: string, intervalMs: number, now = Date.now()): Promise<boolean> {
  const slot = slotOf(now, intervalMs);
  const res = await db.execute<{ slot: string | number }>(sql`
    INSERT INTO task_runs (task, scope, slot, instance_id) VALUES (${task}, ${scope}, ${slot}, ${INSTANCE_ID})
    ON CONFLICT DO NOTHING RETURNING slot`);
  if (res.rows.length === 0) return false;
  await db.execute(sql`DELETE FROM task_runs WHERE task = ${task} AND scope = ${scope} AND slot < ${slot - KEEP_SLOTS}`);
  return true;
}

/** Delay until just after the next slot boundary (plus a little jitter, so instances do not collide on the row). */
export function delayToNextSlot(now: number, intervalMs: number, jitterMs = Math.random() * Math.min(2_000, intervalMs / 20)): number {
  return (slotOf(now, intervalMs) + 1) * intervalMs - now + jitterMs;
}

type Timer = ReturnType<typeof setTimeout>;
const globalForTasks = globalThis as unknown as { __rosterPeriodic?: Map<string, { timer: Timer | null; running: Promise<unknown> | null }> };
const tasks = (globalForTasks.__rosterPeriodic ??= new Map());

/**
 * Runs `round` once per interval in this process, aligned to slot boundaries (the round itself claims its slots).
 * `firstAfterMs` runs a first round early (e.g. 30 s after start) rather than waiting up to a whole interval.
 */
export function schedulePeriodic(name: string, intervalMs: number, round: () => Promise<unknown>, opts: { firstAfterMs?: number } = {}): void {
  if (tasks.has(name) || !(intervalMs > 0)) return;
  const entry: { timer: Timer | null; running: Promise<unknown> | null } = { timer: null, running: null };
  tasks.set(name, entry);
  const run = () => {
    entry.running = round()
      .catch((err: unknown) => logError(`periodic task ${name} failed`, {}, err))
      .finally(() => (entry.running = null));
  };
  const arm = (ms: number) => {
    entry.timer = setTimeout(() => {
      if (!tasks.has(name)) return;
      run();
      arm(delayToNextSlot(Date.now(), intervalMs));
    }, ms);
    entry.timer.unref?.();
  };
  arm(opts.firstAfterMs !== undefined ? Math.min(opts.firstAfterMs, delayToNextSlot(Date.now(), intervalMs)) : delayToNextSlot(Date.now(), intervalMs));
}

/** Stops every periodic task of this process and waits for rounds in progress (graceful shutdown). */
export async function stopPeriodicTasks(): Promise<void> {
  const running: Promise<unknown>[] = [];
  for (const [name, entry] of tasks) {
    if (entry.timer) clearTimeout(entry.timer);
    if (entry.running) running.push(entry.running);
    tasks.delete(name);
  }
  await Promise.all(running);
}
