import "server-only";
import type { DirectoryStatus } from "@/lib/directory/api-types";
import type { Db } from "@/lib/server/db";
import { readState } from "./store";
import { lastFinishedSync, runningSync } from "./sync";
import { directorySyncMinutes } from "./task";

/** What the freshness line and the Sync now button show. */
export async function directoryStatus(db: Db, orgId: string): Promise<DirectoryStatus> {
  const [state, running, lastFinished] = await Promise.all([readState(db, orgId), runningSync(db, orgId), lastFinishedSync(db, orgId)]);
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
