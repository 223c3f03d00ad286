import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeCursor } from "../src/query";
import { startEmulator } from "../src/server";
import { ADMIN, startTestEmulator, walkPeople, type Emu, type PersonJson } from "./helpers";

let emu: Emu;
let people: PersonJson[];

beforeAll(async () => {
  emu = await startTestEmulator({ people: 2000, seed: 42 });
  people = await walkPeople(emu, await emu.token(ADMIN), "max=100&callingData=true");
});
afterAll(() => emu.close());

describe("seed org", () => {
  it("is deterministic for a seed and differs across seeds", async () => {
    const again = await startTestEmulator({ people: 2000, seed: 42 });
    const other = await startTestEmulator({ people: 2000, seed: 43 });
    try {
      const same = await walkPeople(again, await again.token(ADMIN), "max=1000");
      expect(same.map((p) => [p.id, p.displayName, p.emails[0]])).toEqual(people.map((p) => [p.id, p.displayName, p.emails[0]]));
      const diff = await walkPeople(other, await other.token(ADMIN), "max=1000");
      expect(diff.map((p) => p.id)).not.toEqual(people.map((p) => p.id));
    } finally {
      await again.close();
      await other.close();
    }
  });

  it("looks like a real org", () => {
    const byId = new Map(people.map((p) => [p.id, p]));
    const humans = people.filter((p) => p.type === "person");
    expect(people.some((p) => p.type === "bot")).toBe(true);
    expect(people.some((p) => p.type === "appuser")).toBe(true);
    expect(humans.filter((p) => p.invitePending === true && p.status === "pending").length).toBeGreaterThan(20);
    expect(humans.filter((p) => p.loginEnabled === false).length).toBeGreaterThan(20);
    expect(new Set(humans.map((p) => p.department)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(humans.map((p) => p.title)).size).toBeGreaterThanOrEqual(20);
    const managed = humans.filter((p) => p.managerId);
    expect(managed.length).toBeGreaterThan(humans.length / 2);
    for (const p of managed) expect(byId.get(p.managerId as string)?.displayName).toBe(p.manager);
    const calling = humans.filter((p) => p.extension);
    expect(calling.length).toBeGreaterThan(200);
    for (const p of calling) expect(p.locationId).toBeTruthy();
    expect(calling.some((p) => (p.phoneNumbers as { type: string }[] | undefined)?.some((n) => n.type === "work"))).toBe(true);
    const now = Date.now();
    const created = people.map((p) => now - Date.parse(p.created as string));
    expect(Math.max(...created)).toBeGreaterThan(2.5 * 365 * 86_400_000);
    const stale = humans.filter((p) => p.lastActivity && now - Date.parse(p.lastActivity as string) > 90 * 86_400_000);
    expect(stale.length).toBeGreaterThan(50);
    expect(new Set(humans.map((p) => (p.addresses as { country: string }[])[0]?.country)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(people.map((p) => p.emails[0])).size).toBe(people.length);
  });

  // How long this takes is a benchmark's business (bench/emulator-people.ts, "seed + start" in docs/PERFORMANCE.md);
  // here: a 100,000-person org is built and served, all of it (the page after the 99,000th person holds the
  // last 1,000 and has no next link).
  it("seeds 100,000 people", async () => {
    const big = await startEmulator({ port: 0, people: 100_000 });
    try {
      const minted = await fetch(`${big.url}/_emulator/tokens`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: ADMIN }) });
      const { access_token: token } = (await minted.json()) as { access_token: string };
      const page = async (cursor?: number) => {
        const res = await fetch(`${big.url}/v1/people?max=1000${cursor === undefined ? "" : `&cursor=${encodeCursor(cursor)}`}`, { headers: { Authorization: `Bearer ${token}` } });
        expect(res.status).toBe(200);
        return { items: ((await res.json()) as { items: PersonJson[] }).items, next: res.headers.get("link") };
      };
      const first = await page();
      expect(first.items).toHaveLength(1000);
      expect(first.next).toMatch(/rel="next"/);
      const last = await page(99_000);
      expect(last.items).toHaveLength(1000);
      expect(last.next).toBeNull();
      expect(new Set([...first.items, ...last.items].map((p) => p.emails[0])).size).toBe(2000);
    } finally {
      await big.close();
    }
  }, 60_000);
});

describe("npm run emulator (emulator/main.ts)", () => {
  const root = path.resolve(__dirname, "../..");
  const run = (env: Record<string, string>) =>
    spawn(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), path.join(root, "emulator/main.ts")], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });

  it("prints the real URL, serves health and exits cleanly on SIGTERM", async () => {
    const child = run({ EMULATOR_PORT: "0", EMULATOR_PEOPLE: "50" });
    const url = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        const m = /Webex emulator listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m?.[1]) resolve(m[1]);
      });
      child.on("exit", () => reject(new Error(`exited early: ${out}`)));
    });
    expect(await (await fetch(`${url}/_emulator/health`)).json()).toEqual({ ok: true });
    const code = await new Promise<number | null>((resolve) => {
      child.on("exit", (c) => resolve(c));
      child.kill("SIGTERM");
    });
    expect(code).toBe(0);
  });

  it("refuses bad environment values with a message naming the variable", async () => {
    const child = run({ EMULATOR_PORT: "0", EMULATOR_LICENSE_OVERFLOW: "sometimes" });
    let err = "";
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(1);
    expect(err).toContain("EMULATOR_LICENSE_OVERFLOW");
  });
});
