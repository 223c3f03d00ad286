// Onboarding when Webex's answer cannot be trusted (decision 007, docs/webex-api.md "400 although the person was
// created"): the real route and createPersonOnce against the in-process emulator, with the emulator's faults for a
// create that happened but was answered 400, 500 or not at all, and for a list that shows a new person only after
// a lag. The emulator's control plane (which never lags) is the truth about who exists.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as people from "@/app/api/people/route";
import * as activity from "@/app/api/activity/route";
import { call, startApiHarness, type ApiHarness } from "@/bench/api-harness";
import { createDb, closeDb, setDbForTests, type Db } from "@/lib/server/db";
import { testDbOptions } from "./db-helpers";

type P = { id: string; emails: string[] };

let h: ApiHarness;
let db: Db;
let seq = 0;

beforeAll(async () => {
  db = await createDb(testDbOptions());
  setDbForTests(db);
  // A 1 s per-attempt timeout, so that a create held 3 s by the emulator times out after Webex carried it out.
  h = await startApiHarness({ people: 200, timeoutMs: 1_000 });
});
afterAll(async () => {
  setDbForTests(undefined);
  await closeDb(db);
  await h?.close();
});
beforeEach(() => h.signIn("admin"));
afterEach(async () => {
  await putConfig({ faults: { createAfter400: 0, applied500: 0 }, listLagMs: 0, routeLatencyMs: {} });
});

async function putConfig(config: unknown) {
  const res = await h.emulatorFetch("/_emulator/config", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(config) });
  expect(res.status, await res.clone().text()).toBe(200);
}
const newEmail = (what: string) => `recovery.${what}.${process.pid}.${++seq}@acme.example`;
const create = (body: Record<string, unknown>) => call(people.POST, "/api/people", { method: "POST", body });
/** Who Webex holds under `email`, straight from the emulator's store (no list lag): null = nobody. */
async function stored(email: string): Promise<P | null> {
  const res = await h.emulatorFetch(`/_emulator/people?email=${encodeURIComponent(email)}`);
  if (res.status === 404) return null;
  expect(res.status).toBe(200);
  return (await res.json()) as P;
}
/** Requests that reached the emulator on a route (counted on arrival, so also those whose answer was lost). */
const received = async (route: string) => (await h.stats()).received[route] ?? 0;
async function auditOf(email: string) {
  const res = await call(activity.GET, "/api/activity", { query: { target: email, action: "person.create" } });
  return ((await res.json()) as { items: { outcome: string; targetId: string | null; note: string | null }[] }).items;
}

describe("a create that Webex carried out but answered with an error", () => {
  it("answered 400 while the list lags: Roster keeps looking, reports the person, and POSTs once", async () => {
    await putConfig({ faults: { createAfter400: 1 }, listLagMs: 1_200 });
    const email = newEmail("lag400");
    const postsBefore = await received("POST /v1/people");
    const lookupsBefore = await received("GET /v1/people");
    const res = await create({ emails: [email], firstName: "Lagging", lastName: "List" });
    expect(res.status, await res.clone().text()).toBe(201);
    const out = (await res.json()) as { person: P; recovered: boolean };
    expect(out.recovered).toBe(true);
    const truth = await stored(email);
    expect(out.person.id).toBe(truth?.id);
    expect(await received("POST /v1/people")).toBe(postsBefore + 1); // never POSTed twice
    // The pre-check, the lookup that found nothing yet, and at least one more that found the person.
    expect(await received("GET /v1/people")).toBeGreaterThanOrEqual(lookupsBefore + 3);
    const rows = await auditOf(email);
    expect(rows).toEqual([expect.objectContaining({ outcome: "ok", targetId: truth!.id, note: expect.stringMatching(/found by email/) })]);

    // Submitting the form again finds the person: a 409 linking to them, no second POST.
    await putConfig({ faults: { createAfter400: 0 } });
    const again = await create({ emails: [email], firstName: "Lagging", lastName: "List" });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { existingId: string } }).error.existingId).toBe(truth!.id);
    expect(await received("POST /v1/people")).toBe(postsBefore + 1);
  });

  it("answered 500 (the write happened, the answer was lost), with list lag: recovered, one person, one POST", async () => {
    await putConfig({ faults: { applied500: 1 }, listLagMs: 600 });
    const email = newEmail("applied500");
    const postsBefore = await received("POST /v1/people");
    const res = await create({ emails: [email], displayName: "Applied Five Hundred" });
    expect(res.status, await res.clone().text()).toBe(201);
    const out = (await res.json()) as { person: P; recovered: boolean };
    expect(out.recovered).toBe(true);
    expect(out.person.id).toBe((await stored(email))?.id);
    expect(await received("POST /v1/people")).toBe(postsBefore + 1);
  });

  it("never answered (Webex held the answer past Roster's timeout after creating): recovered, one POST", async () => {
    await putConfig({ routeLatencyMs: { "POST /v1/people": 3_000 } });
    const email = newEmail("timeout");
    const postsBefore = await received("POST /v1/people");
    const res = await create({ emails: [email], displayName: "Timed Out" });
    expect(res.status, await res.clone().text()).toBe(201);
    const out = (await res.json()) as { person: P; recovered: boolean };
    expect(out.recovered).toBe(true);
    expect(out.person.id).toBe((await stored(email))?.id);
    expect(await received("POST /v1/people")).toBe(postsBefore + 1);
  });
});

describe("a create that Webex refused", () => {
  it("a genuine 400: nothing is created, the admin sees Webex's 400 with its tracking ID, and it is audited as an error", async () => {
    // A well-formed role ID that is not a role of the org: Roster does not check roles before the POST, Webex refuses.
    const unknownRole = Buffer.from("ciscospark://us/ROLE/id_no_such_role").toString("base64url");
    const email = newEmail("genuine400");
    const postsBefore = await received("POST /v1/people");
    const lookupsBefore = await received("GET /v1/people");
    const res = await create({ emails: [email], displayName: "Never Created", roles: [unknownRole] });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string; trackingId?: string }; person?: unknown; recovered?: boolean };
    expect(body.error.message).toMatch(/Role not recognized/);
    expect(body.error.trackingId).toEqual(expect.any(String));
    expect(body.person).toBeUndefined();
    expect(body.recovered).toBeUndefined();
    expect(await stored(email)).toBeNull();
    expect(await received("POST /v1/people")).toBe(postsBefore + 1);
    // Roster looked the email up after the 400 (it might have been created) and, finding nobody, gave the 400 back.
    expect(await received("GET /v1/people")).toBeGreaterThanOrEqual(lookupsBefore + 2);
    const rows = await auditOf(email);
    expect(rows).toEqual([expect.objectContaining({ outcome: "error", targetId: null, note: null })]);
  });
});
