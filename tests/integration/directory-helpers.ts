import { expect } from "vitest";
import * as sync from "@/app/api/directory/sync/route";
import { call } from "@/bench/api-harness";
import type { DirectoryStatus, StartSyncResponse } from "@/lib/directory/api-types";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/server/db";
import { clearDirectoryCache } from "@/lib/server/directory/cache";
import { sleep } from "./db-helpers";

/** Empties the index (people, changes, state) and this process's cache of it: every org is as if never synced. */
export async function forgetDirectory(db: Db): Promise<void> {
  await db.execute(sql`DELETE FROM directory_changes`);
  await db.execute(sql`DELETE FROM directory_people`);
  await db.execute(sql`DELETE FROM directory_state`);
  clearDirectoryCache();
}

/** "Sync now" as the signed-in harness user, then waits for that run to finish without error; the status after. */
export async function syncNow(): Promise<DirectoryStatus> {
  const res = await call(sync.POST, "/api/directory/sync", { method: "POST" });
  expect([200, 202]).toContain(res.status);
  const { run } = (await res.json()) as StartSyncResponse;
  for (let i = 0; i < 2400; i++) {
    const status = (await (await call(sync.GET, "/api/directory/sync")).json()) as DirectoryStatus;
    if (!status.running && status.lastFinished?.id === run.id) {
      expect(status.lastFinished.error).toBeNull();
      return status;
    }
    await sleep(50);
  }
  throw new Error("the sync did not finish in 2 minutes");
}
