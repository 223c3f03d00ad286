import "server-only";
import { logError, logWarn } from "@/lib/server/log";
import { randomUUID } from "node:crypto";
import PgBoss from "pg-boss";
import { ApiError } from "@/lib/server/api/errors";
import { SessionEndedError } from "@/lib/server/auth/token-store";
import { dbDriver, rawSql, type Db } from "@/lib/server/db";
import { forgetReclaimed } from "@/lib/server/licenses/reclaim-scan";
import { UpdateFailedError } from "@/lib/server/people/safe-update";
import { isWebexError } from "@/lib/server/webex/errors";
import { jobActor, sessionClient, type JobClientFactory, type JobContext } from "./context";
import { handlerFor, type ItemHandler } from "./handlers";
import { runResend } from "./resend";
import {
  addCalls,
  claimJob,
  countItems,
  expireForeignLeases,
  finishItem,
  jobStatus,
  jobsNeedingWork,
  nextQueued,
  releaseLease,
  renewLease,
  requeueItem,
  resetRunningItems,
  takeItem,
  transition,
  type ItemOutcomeRow,
  type ItemRow,
} from "./store";

// The job engine (decision 010). pg-boss carries one kind of message, "run a chunk of job X", with the `short`
// policy (at most one waiting message per job). A chunk claims the job with a lease in bulk_jobs (renewed by a
// heartbeat: pg-boss 10 has none), works items for up to `chunkMs`, then chains the next chunk. Items carry
// their own state, so a chunk that dies anywhere loses nothing: its items are reconciled by the next one.
// A sweeper re-sends messages for queued jobs and for running jobs whose lease ran out (a dead instance).

const QUEUE = "roster-job-chunk";

export interface JobEngineOptions {
  db: Db;
  /** How a job reaches Webex (default: the token of the session that started it, background lane). */
  clientFor?: JobClientFactory;
  /** Chunks worked at once by this instance (different jobs, i.e. different orgs). */
  workers?: number;
  /** Items of one job in flight at once (they share the org's budget). */
  concurrency?: number;
  leaseMs?: number;
  chunkMs?: number;
  sweepMs?: number;
  pollingIntervalSeconds?: number;
  /** Attempts per item before it is marked failed (each after the first reconciles with Webex). */
  maxAttempts?: number;
}

type Settings = Required<Omit<JobEngineOptions, "db" | "clientFor">>;

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = raw === undefined || raw.trim() === "" ? NaN : Number(raw);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

function defaults(): Settings {
  return {
    workers: envNumber("ROSTER_JOB_WORKERS", 2),
    concurrency: envNumber("ROSTER_JOB_CONCURRENCY", 4),
    leaseMs: envNumber("ROSTER_JOB_LEASE_SECONDS", 30) * 1000,
    chunkMs: 60_000,
    sweepMs: envNumber("ROSTER_JOB_SWEEP_SECONDS", 10) * 1000,
    pollingIntervalSeconds: 1,
    maxAttempts: 4,
  };
}

type ItemVerdict =
  | { kind: "finish"; row: ItemOutcomeRow }
  | { kind: "retry" }
  | { kind: "throttle"; delayMs: number }
  | { kind: "pause"; message: string };

type ChunkEnd = { kind: "finish" } | { kind: "continue"; delayMs: number } | { kind: "stop" };

const SESSION_ENDED =
  "Paused: the Webex session that ran this job has ended (signed out or expired). Resume it to go on with your own session.";

export class JobEngine {
  readonly instanceId = randomUUID();
  private readonly db: Db;
  private readonly clientFor: JobClientFactory;
  private readonly settings: Settings;
  private boss: PgBoss | null = null;
  private workerIds: string[] = [];
  private sweeper: ReturnType<typeof setInterval> | null = null;
  private readonly active = new Set<string>();
  private stopping = false;

  constructor(opts: JobEngineOptions) {
    this.db = opts.db;
    this.clientFor = opts.clientFor ?? sessionClient;
    const d = defaults();
    // PGlite is one process: every message is sent here and wakes our workers directly (kick), so polling is only a
    // safety net. Each poll is a write transaction that holds PGlite's single connection (and the event loop) for
    // several milliseconds, which requests would wait behind.
    if (dbDriver(opts.db) === "pglite") d.pollingIntervalSeconds = 15;
    this.settings = { ...d, ...Object.fromEntries(Object.entries(opts).filter(([k, v]) => k in d && v !== undefined)) } as Settings;
  }

  async start(): Promise<void> {
    const executeSql = rawSql(this.db);
    const boss = new PgBoss({
      db: { executeSql: (text: string, values: unknown[]) => executeSql(text, values) },
      schema: "pgboss",
      schedule: false,
      supervise: true,
      migrate: true,
    });
    boss.on("error", (err) => logError("job queue error", {}, err));
    await boss.start();
    await boss.createQueue(QUEUE, { name: QUEUE, policy: "short", retryLimit: 3, retryDelay: 5, expireInSeconds: 15 * 60 });
    this.boss = boss;
    // PGlite is one process: a lease held by anyone else was held by a process that is gone.
    if (dbDriver(this.db) === "pglite") await expireForeignLeases(this.db, this.instanceId);
    for (let i = 0; i < this.settings.workers; i++) {
      this.workerIds.push(
        await boss.work<{ jobId: string }>(QUEUE, { batchSize: 1, pollingIntervalSeconds: this.settings.pollingIntervalSeconds }, async ([msg]) => {
          if (msg) await this.runChunk(msg.data.jobId);
        }),
      );
    }
    this.sweeper = setInterval(() => void this.sweep(), this.settings.sweepMs);
    this.sweeper.unref?.();
    await this.sweep();
  }

  /**
   * Graceful shutdown: stops taking work; in-flight items finish (for up to `timeoutMs`), then each job's lease is
   * released and a message for it is queued, so another instance's worker takes the job within its polling interval
   * rather than after the lease runs out (or the next start does, on PGlite). A chunk still busy after `timeoutMs`
   * keeps its lease, which lapses on its own: releasing it under a live item could let two instances work one item.
   */
  async stop(timeoutMs = 20_000): Promise<void> {
    this.stopping = true;
    if (this.sweeper) clearInterval(this.sweeper);
    // pg-boss stops its workers' polling at once, then waits for the chunks in progress (up to the timeout).
    await this.boss?.stop({ graceful: true, wait: true, close: false, timeout: timeoutMs });
    this.boss = null;
    if (this.active.size > 0) {
      logWarn("job engine stopped with chunks still running; their leases will lapse", { jobs: [...this.active] });
    }
  }

  /** Asks for a chunk of the job to run (now, or after `delayMs`), on whichever instance gets there first. */
  async kick(jobId: string, delayMs = 0): Promise<void> {
    const boss = this.boss;
    if (!boss) return;
    const options: PgBoss.SendOptions = { singletonKey: jobId };
    if (delayMs > 0) options.startAfter = Math.ceil(delayMs / 1000);
    await boss.send(QUEUE, { jobId }, options);
    // A delayed chunk becomes due after delayMs: wake the workers then rather than at their next poll. While stopping,
    // the message is for the other instances: this one's workers no longer poll.
    const wake = () => {
      if (this.boss === boss && !this.stopping) for (const id of this.workerIds) boss.notifyWorker(id);
    };
    if (delayMs <= 0) wake();
    else setTimeout(wake, Math.ceil(delayMs / 1000) * 1000 + 100).unref?.();
  }

  private async sweep(): Promise<void> {
    try {
      for (const id of await jobsNeedingWork(this.db)) await this.kick(id);
    } catch (err) {
      logError("job sweep failed", {}, err);
    }
  }

  private async runChunk(jobId: string): Promise<void> {
    if (this.active.has(jobId)) return;
    if (this.stopping) {
      // Fetched just as the engine began to stop: hand the message on rather than swallow it.
      await this.kick(jobId).catch(() => {});
      return;
    }
    this.active.add(jobId);
    try {
      await this.chunk(jobId);
    } catch (err) {
      logError("job chunk failed", { jobId }, err);
      await this.kick(jobId, 10_000).catch(() => {});
    } finally {
      this.active.delete(jobId);
    }
  }

  private async chunk(jobId: string): Promise<void> {
    const { db, settings } = this;
    const job = await claimJob(db, jobId, this.instanceId, settings.leaseMs);
    if (!job) return;
    let lost = false;
    const heartbeat = setInterval(() => {
      renewLease(db, jobId, this.instanceId, settings.leaseMs)
        .then((ok) => void (lost ||= !ok))
        .catch(() => {});
    }, settings.leaseMs / 3);
    heartbeat.unref?.();
    let calls = 0;
    let counted = 0;
    const flushCalls = async () => {
      const n = calls - counted;
      counted = calls;
      await addCalls(db, jobId, n);
    };

    let end: ChunkEnd;
    try {
      await resetRunningItems(db, jobId); // left by a worker that died: reconciled on their next attempt
      const webex = await this.clientFor(db, job, () => calls++);
      const ctx: JobContext = { db, job, webex, actor: jobActor(job) };
      const deadline = Date.now() + settings.chunkMs;
      if (job.kind === "resend-invites") {
        const step = await runResend(ctx, deadline);
        end = step.done ? { kind: "finish" } : { kind: "continue", delayMs: step.againInMs };
      } else {
        end = await this.workItems(ctx, handlerFor(job.kind, job.params)!, deadline, () => lost, flushCalls);
      }
    } catch (err) {
      end = await this.jobLevelFailure(jobId, err);
    } finally {
      clearInterval(heartbeat);
      await flushCalls().catch(() => {});
    }
    await this.afterChunk(job.orgId, jobId, end);
  }

  private async workItems(
    ctx: JobContext,
    handler: ItemHandler,
    deadline: number,
    lost: () => boolean,
    flushCalls: () => Promise<void>,
  ): Promise<ChunkEnd> {
    const { db, settings } = this;
    const jobId = ctx.job.id;
    let pause: string | null = null;
    let throttle = 0;
    const reclaimed = new Map<string, string[]>();
    const lane = async () => {
      while (!lost() && !this.stopping && pause === null && throttle === 0 && Date.now() < deadline) {
        if ((await jobStatus(db, jobId)) !== "running") return; // paused or cancelled: the in-flight item finished
        const item = await takeItem(db, jobId);
        if (!item) return;
        const verdict = await this.runItem(handler, ctx, item);
        switch (verdict.kind) {
          case "finish":
            await finishItem(db, jobId, item.seq, verdict.row);
            if (ctx.job.kind === "reclaim" && verdict.row.state === "done" && item.personId) reclaimed.set(item.personId, item.input?.licenseIds ?? []);
            break;
          case "retry":
            await new Promise((r) => setTimeout(r, 250 * item.attempts));
            await requeueItem(db, jobId, item.seq, { message: "Retrying after a Webex error." });
            break;
          case "throttle":
            await requeueItem(db, jobId, item.seq, { uncount: true });
            throttle = Math.max(throttle, verdict.delayMs);
            break;
          case "pause":
            await requeueItem(db, jobId, item.seq, { uncount: true });
            pause = verdict.message;
            break;
        }
        await flushCalls();
      }
    };
    await Promise.all(Array.from({ length: settings.concurrency }, lane));
    if (reclaimed.size) await forgetReclaimed(db, ctx.job.orgId, reclaimed).catch((err: unknown) => logError("reclaim: cached scan not updated", { jobId: ctx.job.id }, err));
    if (pause !== null) {
      await transition(db, jobId, ["running"], "paused", { message: pause });
      return { kind: "stop" };
    }
    if (throttle > 0) return { kind: "continue", delayMs: throttle };
    return (await countItems(db, jobId, ["pending", "running"])) === 0 ? { kind: "finish" } : { kind: "continue", delayMs: 0 };
  }

  /** Runs one item and sorts whatever happened into done / failed / skipped, or "try again". */
  private async runItem(handler: ItemHandler, ctx: JobContext, item: ItemRow): Promise<ItemVerdict> {
    const final = item.attempts >= this.settings.maxAttempts;
    try {
      return { kind: "finish", row: await handler({ ctx, item, reconcile: item.attempts > 1, final }) };
    } catch (caught) {
      const err = caught instanceof UpdateFailedError ? caught.cause : caught;
      if (err instanceof SessionEndedError) return { kind: "pause", message: SESSION_ENDED };
      if (isWebexError(err)) {
        const failed = { state: "failed" as const, message: err.message, status: err.status, trackingId: err.trackingId };
        if (err.status === 404) return { kind: "finish", row: { state: "skipped", message: "No longer exists in Webex." } };
        if (err.status === 401) return { kind: "pause", message: SESSION_ENDED };
        if (err.status === 429 || err.status === 423) return { kind: "throttle", delayMs: err.retryAfterMs ?? 10_000 };
        // 5xx, timeouts, unreachable: the change may or may not have happened. The next attempt reads first.
        if (err.status >= 500) return final ? { kind: "finish", row: failed } : { kind: "retry" };
        return { kind: "finish", row: failed };
      }
      if (err instanceof ApiError) return { kind: "finish", row: { state: "failed", message: err.message, status: err.status } };
      logError("job item failed unexpectedly", { jobId: ctx.job.id, seq: item.seq }, err);
      return { kind: "finish", row: { state: "failed", message: "Unexpected error; nothing is known to have changed. Retry the failed items." } };
    }
  }

  private async jobLevelFailure(jobId: string, err: unknown): Promise<ChunkEnd> {
    if (err instanceof SessionEndedError || (isWebexError(err) && err.status === 401)) {
      await transition(this.db, jobId, ["running"], "paused", { message: SESSION_ENDED });
      return { kind: "stop" };
    }
    if (isWebexError(err) && (err.status >= 500 || err.status === 429 || err.status === 423)) {
      return { kind: "continue", delayMs: err.retryAfterMs ?? 10_000 };
    }
    const message = isWebexError(err)
      ? `Webex refused: ${err.message} (tracking ID ${err.trackingId})`
      : "The job stopped on an unexpected error. Retry it; if it keeps failing, check the server log.";
    if (!isWebexError(err)) logError("job failed", { jobId }, err);
    await transition(this.db, jobId, ["running"], "failed", { message, finished: true });
    return { kind: "stop" };
  }

  private async afterChunk(orgId: string, jobId: string, end: ChunkEnd): Promise<void> {
    const { db } = this;
    if (end.kind === "finish") {
      await transition(db, jobId, ["running"], "done", { finished: true });
    } else if (end.kind === "continue" && (await jobStatus(db, jobId)) === "running") {
      await releaseLease(db, jobId, this.instanceId);
      await this.kick(jobId, end.delayMs);
      return;
    } else {
      await releaseLease(db, jobId, this.instanceId);
    }
    // The org's slot is free (finished, paused, cancelled or failed): its next queued job goes now.
    const next = await nextQueued(db, orgId);
    if (next) await this.kick(next);
  }
}

const globalForEngine = globalThis as unknown as { __rosterJobEngine?: JobEngine };

/** Starts this process's engine (once). */
export async function startJobEngine(opts: JobEngineOptions): Promise<JobEngine> {
  if (globalForEngine.__rosterJobEngine) return globalForEngine.__rosterJobEngine;
  const engine = new JobEngine(opts);
  globalForEngine.__rosterJobEngine = engine;
  try {
    await engine.start();
  } catch (err) {
    globalForEngine.__rosterJobEngine = undefined;
    throw err;
  }
  return engine;
}

export function getJobEngine(): JobEngine | null {
  return globalForEngine.__rosterJobEngine ?? null;
}

export async function stopJobEngine(timeoutMs?: number): Promise<void> {
  const engine = globalForEngine.__rosterJobEngine;
  globalForEngine.__rosterJobEngine = undefined;
  await engine?.stop(timeoutMs);
}
