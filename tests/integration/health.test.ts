// The load balancer's probes: liveness always answers (no database, no session), readiness answers 503 with a
// short reason when the database is unreachable, a migration is missing, or the instance is shutting down.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as live from "@/app/api/health/route";
import * as ready from "@/app/api/health/ready/route";
import { closeDb, createDb, setDbForTests, type Db } from "@/lib/server/db";
import { migrations } from "@/lib/server/db/migrations";
import { resetEnvCache } from "@/lib/server/env";
import { resetLifecycleForTests, shutdown } from "@/lib/server/lifecycle";
import { isolatedTestDbOptions, setTestEnv } from "./db-helpers";

const opened: Db[] = [];
async function open(list = migrations): Promise<Db> {
  const db = await createDb({ ...(await isolatedTestDbOptions()), migrations: list });
  opened.push(db);
  return db;
}

async function probe(): Promise<{ status: number; cache: string | null; body: Record<string, unknown> }> {
  const res = await ready.GET();
  return { status: res.status, cache: res.headers.get("cache-control"), body: (await res.json()) as Record<string, unknown> };
}

const ENV = { ROSTER_EMULATOR: "1", NEXTAUTH_SECRET: "health-test-secret", WEBEX_TIMEOUT_MS: "" };
let restoreEnv: () => void;

beforeAll(() => {
  restoreEnv = setTestEnv(ENV);
});

afterAll(async () => {
  restoreEnv();
  resetLifecycleForTests();
  setDbForTests(undefined);
  for (const db of opened) await closeDb(db).catch(() => {});
});

describe("GET /api/health", () => {
  it("answers 200 with a tiny body, not cached, without a database", async () => {
    setDbForTests(undefined);
    const res = live.GET();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ status: "ok" });
  });
});

describe("GET /api/health/ready", () => {
  // The shutdown test leaves the instance shutting down: the other tests begin with a running one, whatever the order.
  afterEach(() => resetLifecycleForTests());

  it("is ready when the database answers and every migration is applied", async () => {
    setDbForTests(await open());
    expect(await probe()).toEqual({ status: 200, cache: "no-store", body: { status: "ready" } });
  });

  it("answers 503 when a migration this build knows is not applied", async () => {
    setDbForTests(await open(migrations.slice(0, -1)));
    expect(await probe()).toEqual({ status: 503, cache: "no-store", body: { status: "unavailable", reason: "migrations not applied" } });
  });

  it("answers 503 when the configuration cannot work, without saying more in the body", async () => {
    setDbForTests(await open());
    process.env.WEBEX_TIMEOUT_MS = "soon";
    resetEnvCache();
    const err = console.error;
    console.error = () => undefined;
    try {
      expect(await probe()).toEqual({ status: 503, cache: "no-store", body: { status: "unavailable", reason: "configuration invalid" } });
    } finally {
      console.error = err;
      process.env.WEBEX_TIMEOUT_MS = "";
      resetEnvCache();
    }
  });

  it("answers 503 when the database does not answer, with no detail in the body", async () => {
    const db = await open();
    await closeDb(db);
    setDbForTests(db);
    const err = console.error;
    console.error = () => undefined;
    try {
      expect(await probe()).toEqual({ status: 503, cache: "no-store", body: { status: "unavailable", reason: "database unreachable" } });
    } finally {
      console.error = err;
    }
  });

  it("answers 503 from the moment the instance begins to shut down", async () => {
    const db = await open();
    setDbForTests(db);
    expect((await probe()).status).toBe(200);
    await shutdown("SIGTERM", { timeoutMs: 5_000 }); // no engine, no tasks here: closes the app's database
    expect(await probe()).toEqual({ status: 503, cache: "no-store", body: { status: "unavailable", reason: "shutting down" } });
  });
});
