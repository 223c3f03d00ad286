// Webex leaves roles, licenses and the other admin fields out of GET /people?id= (they are "shown … via
// GET /people/{id}, not when doing a GET /people?id=", issue 13 point 1), and so does the emulator now. Roster's
// reads of selected people must get them where Webex gives them: the CSV export of a selection (a few people one by
// one, many by a walk of the org), with managers outside the selection looked up by id for their email only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as exportRoute from "@/app/api/people/export/route";
import { call, startApiHarness, type ApiHarness } from "@/bench/api-harness";
import { createDb, closeDb, setDbForTests, type Db } from "@/lib/server/db";
import { testDbOptions } from "./db-helpers";

type P = { id: string; emails: string[]; type?: string; managerId?: string; licenses?: string[]; roles?: string[] };

let h: ApiHarness;
let db: Db;
let org: P[];
let licenses: { id: string; name: string }[];
let roles: { id: string; name: string }[];

async function webex<T>(path: string): Promise<T> {
  const res = await fetch(`${h.webexBase}${path}`, { headers: { authorization: `Bearer ${h.tokens.admin}` } });
  return (await res.json()) as T;
}

beforeAll(async () => {
  db = await createDb(testDbOptions());
  setDbForTests(db);
  h = await startApiHarness({ people: 300 });
  org = (await webex<{ items: P[] }>("/people?max=1000")).items;
  licenses = (await webex<{ items: { id: string; name: string }[] }>("/licenses")).items;
  roles = (await webex<{ items: { id: string; name: string }[] }>("/roles")).items;
});
afterAll(async () => {
  setDbForTests(undefined);
  await closeDb(db);
  await h?.close();
});

/** The export of a selection, as rows of cells by header name (cells here never hold commas or quotes). */
async function exportSelection(ids: string[]): Promise<Map<string, Record<string, string>>> {
  h.signIn("admin");
  const res = await call(exportRoute.POST, "/api/people/export", { method: "POST", body: { target: { personIds: ids } } });
  expect(res.status, await res.clone().text()).toBe(200);
  const [header, ...rows] = (await res.text()).replace(/^\uFEFF/, "").trim().split("\r\n").map((l) => l.split(","));
  return new Map(rows.map((cells) => [cells[0]!, Object.fromEntries(header!.map((name, i) => [name, cells[i] ?? ""]))]));
}

function expectRowsMatchWebex(rows: Map<string, Record<string, string>>, selected: P[]): void {
  const email = new Map(org.map((p) => [p.id, p.emails[0]]));
  expect(rows.size).toBe(selected.length);
  for (const p of selected) {
    const row = rows.get(p.emails[0]!)!;
    expect(row, p.emails[0]).toBeDefined();
    for (const l of licenses) expect(row[l.name], `${p.emails[0]} ${l.name}`).toBe(p.licenses?.includes(l.id) ? "TRUE" : "FALSE");
    for (const r of roles) expect(row[`Admin role: ${r.name}`], `${p.emails[0]} ${r.name}`).toBe(p.roles?.includes(r.id) ? "TRUE" : "FALSE");
    expect(row["Manager email"]).toBe(p.managerId ? email.get(p.managerId) : "");
  }
}

describe("selected people are read where Webex gives their licenses and roles", () => {
  const pick = (n: number) => {
    const people = org.filter((p) => (p.type ?? "person") === "person");
    const admin = people.find((p) => p.emails[0] === "admin@acme.example")!;
    const managed = people.filter((p) => p.managerId && p !== admin).slice(0, n - 1);
    return [admin, ...managed];
  };

  it("a few people (read one by one): every license and role column as in Webex, managers outside the selection by email", async () => {
    const selected = pick(5);
    expect(selected.some((p) => p.roles?.length)).toBe(true);
    expect(selected.some((p) => p.managerId && !selected.some((s) => s.id === p.managerId))).toBe(true);
    const idLookups = (await h.stats()).received["GET /v1/people"] ?? 0;
    expectRowsMatchWebex(await exportSelection(selected.map((p) => p.id)), selected);
    // The managers' emails came from one id lookup (emails only; nothing else is read from it).
    expect((await h.stats()).received["GET /v1/people"]).toBe(idLookups + 1);
  });

  it("many people (read by one walk of the org): the same", async () => {
    const selected = pick(40);
    expectRowsMatchWebex(await exportSelection(selected.map((p) => p.id)), selected);
  });
});
