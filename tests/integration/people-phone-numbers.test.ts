// Phone numbers as Webex stores them (issue 13, point 3): Webex normalises a number to E.164 in the country of the
// person's location ("408 526 7209" → "+1 408 526 7209" at a US location), and an invalid number on a Calling
// user's create is answered 400 although the person was created. Onboarding and the safe edit through Roster's
// real route handlers against the in-process emulator.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as people from "@/app/api/people/route";
import * as person from "@/app/api/people/[id]/route";
import { call, startApiHarness, type ApiHarness } from "@/bench/api-harness";
import { createDb, closeDb, setDbForTests, type Db } from "@/lib/server/db";
import { testDbOptions } from "./db-helpers";

type Phone = { type: string; value: string; primary?: boolean };
type P = { id: string; emails: string[]; licenses?: string[]; phoneNumbers?: Phone[]; title?: string; lastModified?: string };

let h: ApiHarness;
let db: Db;
let calling: string;
let messaging: string;
let usLocation: string;
let seq = 0;

async function webex<T>(path: string): Promise<T> {
  const res = await fetch(`${h.webexBase}${path}`, { headers: { authorization: `Bearer ${h.tokens.admin}` } });
  return (await res.json()) as T;
}
const stored = async (email: string) => (await (await h.emulatorFetch(`/_emulator/people?email=${encodeURIComponent(email)}`)).json()) as P;
const received = async (route: string) => (await h.stats()).received[route] ?? 0;
const newEmail = (what: string) => `phone.${what}.${process.pid}.${++seq}@acme.example`;
const create = (body: Record<string, unknown>) => call(people.POST, "/api/people", { method: "POST", body });
const patch = (id: string, body: unknown) => call(person.PATCH, `/api/people/${id}`, { method: "PATCH", params: { id }, body });
const callingUser = (email: string, phone: string) => ({
  emails: [email],
  firstName: "Phone",
  lastName: "Person",
  licenses: [messaging, calling],
  locationId: usLocation,
  phoneNumbers: [{ type: "work", value: phone, primary: true }],
});

beforeAll(async () => {
  db = await createDb(testDbOptions());
  setDbForTests(db);
  h = await startApiHarness({ people: 200 });
  const licenses = (await webex<{ items: { id: string; name: string }[] }>("/licenses")).items;
  calling = licenses.find((l) => l.name === "Webex Calling - Professional")!.id;
  messaging = licenses.find((l) => l.name === "Messaging")!.id;
  const locations = (await webex<{ items: { id: string; address: { country: string } }[] }>("/locations")).items;
  usLocation = locations.find((l) => l.address.country === "US")!.id;
});
afterAll(async () => {
  setDbForTests(undefined);
  await closeDb(db);
  await h?.close();
});
beforeEach(() => h.signIn("admin"));

describe("onboarding with phone numbers", () => {
  it("a national number at a US location: created once, shown as Webex stores it (+1 …), and submitting it again changes nothing", async () => {
    const email = newEmail("national");
    const posts = await received("POST /v1/people");
    const res = await create(callingUser(email, "408 526 7209"));
    expect(res.status, await res.clone().text()).toBe(201);
    const out = (await res.json()) as { person: P; recovered: boolean; unappliedLicenses: string[] };
    expect(out).toMatchObject({ recovered: false, unappliedLicenses: [] });
    expect(out.person.phoneNumbers).toEqual([{ type: "work", value: "+1 408 526 7209", primary: true }]);
    expect(await received("POST /v1/people")).toBe(posts + 1);

    // The admin types the number the way they know it into the person page: it is the same number, nothing to save.
    const puts = await received("PUT /v1/people/{id}");
    const again = await patch(out.person.id, {
      changes: { phoneNumbers: [{ type: "work", value: "(408) 526-7209", primary: true }] },
      original: { phoneNumbers: out.person.phoneNumbers },
    });
    expect(again.status, await again.clone().text()).toBe(200);
    expect(((await again.json()) as { changes: unknown[] }).changes).toEqual([]);
    expect(await received("PUT /v1/people/{id}")).toBe(puts);
  });

  it("an invalid number: Webex answers 400 although it created the person; Roster finds them, POSTs once, and says what Webex said", async () => {
    const email = newEmail("invalid");
    const posts = await received("POST /v1/people");
    const res = await create(callingUser(email, "526 72"));
    expect(res.status, await res.clone().text()).toBe(201);
    const out = (await res.json()) as { person: P; recovered: boolean; unappliedLicenses: string[]; webexError?: { message: string; trackingId: string } };
    expect(out.recovered).toBe(true);
    expect(out.person.id).toBe((await stored(email)).id);
    expect(out.unappliedLicenses).toEqual([calling]); // created without Webex Calling
    expect(out.webexError?.message).toMatch(/Invalid phone number "526 72"/);
    expect(out.webexError?.trackingId).toBeTruthy();
    expect(await received("POST /v1/people")).toBe(posts + 1);
  });
});

describe("editing a person whose number Webex normalised", () => {
  it("a national number is saved as +1 …; saving the same change again (its answer was lost) is not a conflict and sends nothing", async () => {
    const email = newEmail("edit");
    const made = ((await (await create(callingUser(email, "+1 212 555 0100"))).json()) as { person: P }).person;
    const first = await patch(made.id, {
      changes: { phoneNumbers: [{ type: "work", value: "212 555 0142", primary: true }] },
      original: { phoneNumbers: made.phoneNumbers },
    });
    expect(first.status, await first.clone().text()).toBe(200);
    const saved = ((await first.json()) as { person: P }).person;
    expect(saved.phoneNumbers).toEqual([{ type: "work", value: "+1 212 555 0142", primary: true }]);

    // The next save reaches Webex, but its answer never reaches the browser (a dropped connection, a closed tab):
    // the admin saves the same edit again, from the same start.
    const edit = {
      changes: { phoneNumbers: [{ type: "work", value: "212-555-0199", primary: true }], title: "Night shift" },
      original: { phoneNumbers: saved.phoneNumbers, title: null },
    };
    expect((await patch(made.id, edit)).status).toBe(200);
    expect((await stored(email)).phoneNumbers).toEqual([{ type: "work", value: "+1 212 555 0199", primary: true }]);
    const puts = await received("PUT /v1/people/{id}");
    const retry = await patch(made.id, edit);
    expect(retry.status, await retry.clone().text()).toBe(200);
    expect(((await retry.json()) as { changes: unknown[] }).changes).toEqual([]);
    expect(await received("PUT /v1/people/{id}")).toBe(puts);
    expect(await stored(email)).toMatchObject({ title: "Night shift", phoneNumbers: [{ type: "work", value: "+1 212 555 0199", primary: true }] });
  });
});
