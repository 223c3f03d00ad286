// After NEXTAUTH_SECRET is rotated, the tokens stored under the old one no longer decrypt: a job's Webex client
// must treat that as an ended session (the job pauses until an admin resumes it), not as an unexpected error.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenStoreConfig } from "@/lib/server/auth/config";
import { SessionEndedError, saveTokens } from "@/lib/server/auth/token-store";
import { closeDb, createDb, setDbForTests, type Db } from "@/lib/server/db";
import { getEnv } from "@/lib/server/env";
import { sessionClient } from "@/lib/server/jobs/context";
import type { JobRow } from "@/lib/server/jobs/store";
import { isolatedTestDbOptions, setTestEnv } from "./db-helpers";

let db: Db;
let restoreEnv: () => void;

beforeAll(async () => {
  db = await createDb(await isolatedTestDbOptions());
  setDbForTests(db); // the job's client takes its rate budget from the app's database: this one
  restoreEnv = setTestEnv({ NEXTAUTH_SECRET: "the-new-secret", ROSTER_EMULATOR: "1", WEBEX_API_BASE: "http://127.0.0.1:9/v1" });
});

afterAll(async () => {
  restoreEnv();
  setDbForTests(undefined);
  await closeDb(db);
});

describe("a job whose stored token was encrypted under the previous NEXTAUTH_SECRET", () => {
  it("gets a SessionEndedError (the engine pauses the job), and makes no Webex call", async () => {
    const oldCfg = tokenStoreConfig({ ...getEnv(), NEXTAUTH_SECRET: "the-old-secret" });
    await saveTokens(db, oldCfg, { sessionId: "s-old", personId: "p1", orgId: "o1", tokens: { accessToken: "at", expiresIn: 3600, scopes: "" } });
    let calls = 0;
    const job = { id: "j1", orgId: "o1", sessionId: "s-old", createdById: "p1" } as JobRow;
    const webex = await sessionClient(db, job, () => calls++);
    await expect(webex.listLicenses()).rejects.toBeInstanceOf(SessionEndedError);
    expect(calls).toBe(0);
  });
});
