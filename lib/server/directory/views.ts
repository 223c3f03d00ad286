import "server-only";
import type { DirectoryStatus } from "@/lib/directory/api-types";
import type { Db } from "@/lib/server/db";
import { readState } from "./store";
import { lastFinishedSync, runningSync } from "./sync";
import { directorySyncMinutes } from "./task";

/** What the freshness line and the Sync now button show. */
export async function directoryStatus(db: Db, orgId: string): Promise<DirectoryStatus> {
  // The runs first, the state after: a sync commits the state before it marks its run finished, so a status that
  // shows a run finished also shows what it committed (read in parallel on a PostgreSQL pool, the state could be
  // read just before that commit and the run just after it).
  const [running, lastFinished] = await Promise.all([runningSync(db, orgId), lastFinishedSync(db, orgId)]);
  const state = await readState(db, orgId);
  return {
    asOf: state?.asOf ?? null,
    locationsAsOf: state?.locationsAsOf ?? null,
    generation: state?.generation ?? 0,
    people: state?.people ?? 0,
    intervalMinutes: directorySyncMinutes(),
    running,
    lastFinished,
  };
}
