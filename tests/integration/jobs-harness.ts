// The API harness with the real job engine on a database of the test file's own: what every job test starts from.
import * as one from "@/app/api/jobs/[id]/route";
import * as command from "@/app/api/jobs/[id]/[command]/route";
import { call, startApiHarness, type ApiHarness, type HarnessOptions } from "@/bench/api-harness";
import type { JobView } from "@/lib/jobs/api-types";
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
