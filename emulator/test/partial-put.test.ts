import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { optionsFromEnv } from "../src/env";
import { ADMIN, licensesByName, startTestEmulator, type Emu, type PersonJson, resetForTest } from "./helpers";

// The spec (PUT /people/{personId}): a failed PUT "may still have altered some values". Under `partialPut` the
// emulator applies the first half (rounded down) of the changed fields, in the spec's body order, then answers 500.

let emu: Emu;
let admin: string;
let target: PersonJson;

beforeAll(async () => {
  emu = await startTestEmulator();
});
beforeEach(async () => {
  admin = await resetForTest(emu);
  const people = (await emu.json<{ items: PersonJson[] }>("/people?max=100", { token: admin })).items;
  const plain = people.find((p) => p.type === "person" && !p.roles?.length && p.emails[0] !== ADMIN && p.firstName && p.title && p.department)!;
  target = await emu.json<PersonJson>(`/people/${plain.id}?callingData=true`, { token: admin });
});
afterAll(() => emu.close());

const put = (body: unknown) => emu.call(`/people/${target.id}?callingData=true`, { method: "PUT", token: admin, body, headers: { TrackingID: "PARTIAL_TEST_1" } });
const read = () => emu.json<PersonJson>(`/people/${target.id}?callingData=true`, { token: admin });
const partialPut = (p: number) => emu.control("/config", "PUT", { faults: { partialPut: p } });

describe("partialPut fault", () => {
  it("answers 500 with Webex's error body after applying the first half of the changed fields in spec order", async () => {
    await partialPut(1);
    // Changed, in the spec's order: phoneNumbers, firstName, department, title. The first two are applied.
    const body = { ...target, title: "Partial Title", department: "Partial Dept", firstName: "Partia", phoneNumbers: [{ type: "mobile", value: "+1 555 0100" }] };
    const res = await put(body);
    expect(res.status).toBe(500);
    expect(res.headers.get("trackingid")).toBe("PARTIAL_TEST_1");
    expect(await res.json()).toEqual({ message: expect.any(String), errors: [{ description: expect.any(String) }], trackingId: "PARTIAL_TEST_1" });

    await partialPut(0);
    const now = await read();
    expect(now.phoneNumbers).toEqual([{ type: "mobile", value: "+1 555 0100" }]);
    expect(now.firstName).toBe("Partia");
    expect(now.nickName).toBe("Partia");
    expect(now.department).toBe(target.department);
    expect(now.title).toBe(target.title);
    expect(now.lastModified).not.toBe(target.lastModified);

    const log = (await (await emu.control(`/writes?personId=${encodeURIComponent(target.id)}`)).json()) as { items: { route: string; changed: boolean; status: number }[] };
    expect(log.items).toEqual([expect.objectContaining({ route: "PUT /v1/people/{id}", changed: true, status: 500 })]);
  });

  it("applies nothing (and leaves lastModified) when the PUT changes a single field", async () => {
    await partialPut(1);
    expect((await put({ ...target, title: "Never stored" })).status).toBe(500);
    await partialPut(0);
    const now = await read();
    expect(now.title).toBe(target.title);
    expect(now.lastModified).toBe(target.lastModified);
  });

  it("puts licenses back through the assignment counters, so consumption never drifts", async () => {
    const before = await licensesByName(emu, admin);
    const held = [...before.values()].find((l) => target.licenses!.includes(l.id) && !/calling/i.test(l.name))!;
    await partialPut(1);
    // phoneNumbers then licenses: the number is applied, the license removal is not.
    const res = await put({ ...target, phoneNumbers: [{ type: "mobile", value: "+1 555 0101" }], licenses: target.licenses!.filter((id) => id !== held.id) });
    expect(res.status).toBe(500);
    await partialPut(0);
    const now = await read();
    expect(now.phoneNumbers).toEqual([{ type: "mobile", value: "+1 555 0101" }]);
    expect(now.licenses).toEqual(target.licenses);
    expect((await licensesByName(emu, admin)).get(held.name)!.consumedByUsers).toBe(held.consumedByUsers);
  });

  it("validates first: an invalid PUT is a 400 and changes nothing", async () => {
    await partialPut(1);
    const res = await put({ ...target, title: "x", licenses: ["bogus"] });
    expect(res.status).toBe(400);
    await partialPut(0);
    expect((await read()).title).toBe(target.title);
  });

  it("is off by default, a probability in PUT /_emulator/config and EMULATOR_FAULTS, and reset turns it off", async () => {
    expect(((await (await emu.control("/config")).json()) as { faults: Record<string, number> }).faults.partialPut).toBe(0);
    expect((await emu.control("/config", "PUT", { faults: { partialPut: 2 } })).status).toBe(400);
    expect(((await (await partialPut(0.25)).json()) as { faults: Record<string, number> }).faults.partialPut).toBe(0.25);
    await emu.control("/reset", "POST", {});
    expect(((await (await emu.control("/config")).json()) as { faults: Record<string, number> }).faults.partialPut).toBe(0);
    const env = (faults: string) => ({ NODE_ENV: "test", EMULATOR_FAULTS: faults }) as NodeJS.ProcessEnv;
    expect(optionsFromEnv(env('{"partialPut":0.5}')).config?.faults?.partialPut).toBe(0.5);
    expect(() => optionsFromEnv(env('{"partialPut":-1}'))).toThrow(/EMULATOR_FAULTS/);
  });
});
