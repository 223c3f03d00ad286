// The API harness with the real job engine on a database of the test file's own: what every job test starts from.
import * as one from "@/app/api/jobs/[id]/route";
import * as command from "@/app/api/jobs/[id]/[command]/route";
import * as items from "@/app/api/jobs/[id]/items/route";
import { call, startApiHarness, type ApiHarness, type HarnessOptions } from "@/bench/api-harness";
import type { JobItemsPage, JobView } from "@/lib/jobs/api-types";
import { FINISHED_STATUSES } from "@/lib/jobs/kinds";
import { closeDb, createDb, setDbForTests, type Db } from "@/lib/server/db";
import { startJobEngine, stopJobEngine } from "@/lib/server/jobs/engine";
import { isolatedTestDbOptions, sleep } from "./db-helpers";

export interface JobsHarness {
  h: ApiHarness;
  db: Db;
  close(): Promise<void>;
}

export async function startJobsHarness(options: HarnessOptions, engine: { sweepMs?: number } = {}): Promise<JobsHarness> {
  const db = await createDb(await isolatedTestDbOptions());
  setDbForTests(db);
  const h = await startApiHarness(options);
  await startJobEngine({ db, clientFor: h.jobClient, pollingIntervalSeconds: 0.5, sweepMs: engine.sweepMs ?? 1000 });
  return {
    h,
    db,
    close: async () => {
      await stopJobEngine();
      await h.close();
      setDbForTests(undefined);
      await closeDb(db);
    },
  };
}

export async function jobOf(id: string): Promise<JobView> {
  return (await (await call(one.GET, `/api/jobs/${id}`, { params: { id } })).json()) as JobView;
}

/** Polls the job until it has finished (done, failed or cancelled); throws after `ms`. */
export async function waitForJob(id: string, ms: number): Promise<JobView> {
  const end = Date.now() + ms;
  for (;;) {
    const j = await jobOf(id);
    if (FINISHED_STATUSES.includes(j.status)) return j;
    if (Date.now() > end) throw new Error(`job ${id} did not finish: ${JSON.stringify(j)}`);
    await sleep(250);
  }
}

/** Starts a previewed job (200 expected) and waits for it to finish. */
export async function runJobToEnd(id: string, ms: number): Promise<JobView> {
  const started = await call(command.POST, `/api/jobs/${id}/start`, { method: "POST", params: { id, command: "start" } });
  if (started.status !== 200) throw new Error(`start → ${started.status} ${await started.text()}`);
  return waitForJob(id, ms);
}

/**
 * What an admin does when a job ends with failed items: "Retry failed", once. Only for items that failed on a Webex
 * 5xx (a transient fault that outlasted the item's attempts); any other failure is returned untouched for the test to
 * report. Returns the job as it finally is, and how many items were retried.
 */
export async function retryTransientFailures(job: JobView, ms: number): Promise<{ job: JobView; retried: number }> {
  if (job.counts.failed === 0) return { job, retried: 0 };
  const page = await call(items.GET, `/api/jobs/${job.id}/items`, { params: { id: job.id }, query: { state: "failed", limit: "500" } });
  const failed = ((await page.json()) as JobItemsPage).items;
  if (failed.some((i) => (i.status ?? 0) < 500)) return { job, retried: 0 };
  const res = await call(command.POST, `/api/jobs/${job.id}/retry`, { method: "POST", params: { id: job.id, command: "retry" } });
  if (res.status !== 200) throw new Error(`retry → ${res.status} ${await res.text()}`);
  return { job: await waitForJob(job.id, ms), retried: failed.length };
}
