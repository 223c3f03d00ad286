// The bulk activation-email resend job: asynchronous, one per org, every invite-pending user of the org,
// suppressed (and listed in errors) for anyone invited in the last 24 hours.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, AUDITOR, HELPDESK, startTestEmulator, type Emu, type PersonJson } from "./helpers";

let emu: Emu;
let admin: string;
let orgId: string;
let base: string;

type Job = { id: string; latestExecutionStatus: string; latestExecutionExitCode: string; counts: Record<string, number> };
type Raw = { invitesSent?: number; invitedAt?: string; invitePending: boolean };

async function finished(id: string): Promise<Job> {
  for (let i = 0; i < 100; i++) {
    const job = await emu.json<Job>(`${base}/${id}/status`, { token: admin });
    if (job.latestExecutionStatus === "COMPLETED") return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("job did not finish");
}

beforeAll(async () => {
  emu = await startTestEmulator({ people: 300 });
  admin = await emu.token(ADMIN);
  orgId = (await emu.json<{ orgId: string }>("/people/me", { token: admin })).orgId;
  base = `/identity/organizations/${orgId}/jobs/sendActivationEmails`;
});
afterAll(() => emu.close());

describe("sendActivationEmails jobs", () => {
  it("resends to every invite-pending user of the org, skipping (with an error) anyone invited in the last 24 hours", async () => {
    const people = (await emu.json<{ items: PersonJson[] }>("/people?max=1000", { token: admin })).items;
    const pending = people.filter((p) => p.invitePending === true && p.type === "person");
    expect(pending.length).toBeGreaterThan(3);
    // Seeded invitations went out when each person was created; some of those are less than a day old.
    const recent = pending.filter((p) => Date.now() - Date.parse(String(p.created)) < 24 * 3600_000).length;
    const old = pending.filter((p) => Date.now() - Date.parse(String(p.created)) >= 24 * 3600_000);
    const fresh = await emu.json<PersonJson>("/people", { method: "POST", token: admin, body: { emails: ["new.hire@acme.example"], displayName: "New Hire" } });

    const res = await emu.call(base, { method: "POST", token: admin });
    expect(res.status).toBe(202);
    const started = (await res.json()) as Job;
    expect(started.latestExecutionStatus).toBe("STARTED");
    expect(started.latestExecutionExitCode).toBe("UNKNOWN");
    // One job per org at a time.
    const second = await emu.call(base, { method: "POST", token: await emu.token(HELPDESK) });
    expect(second.status).toBe(409);

    const done = await finished(started.id);
    expect(done.latestExecutionExitCode).toBe("COMPLETED_WITH_ERRORS");
    expect(done.counts.totalUsers).toBe(pending.length + 1);
    expect(done.counts.userResendInviteSkipped).toBe(recent + 1);
    expect(done.counts.userResendInviteSent).toBe(old.length);

    const errors = await emu.json<{ items: { itemNumber: number; error: { key: string; message: { description: string; code: string }[] } }[] }>(`${base}/${started.id}/errors`, { token: admin });
    expect(errors.items).toHaveLength(recent + 1);
    expect(errors.items.every((e) => e.error.message[0]!.code === "ATLAS-600199")).toBe(true);
    expect(errors.items.some((e) => e.error.message[0]!.description.endsWith("Error with new.hire@acme.example."))).toBe(true);

    const raw = (await (await emu.control(`/people?email=${encodeURIComponent(old[0]!.emails[0]!)}`)).json()) as Raw;
    expect(raw.invitesSent).toBe(1);
    const rawFresh = (await (await emu.control(`/people?email=new.hire@acme.example`)).json()) as Raw;
    expect(rawFresh.invitesSent).toBe(1); // the create's own email, not a second one
    expect(fresh.invitePending).toBe(true);

    // The org is free again; a second run now suppresses everyone (all were just invited).
    const again = (await (await emu.call(base, { method: "POST", token: admin })).json()) as Job;
    const done2 = await finished(again.id);
    expect(done2.counts.userResendInviteSent).toBe(0);
    expect(done2.counts.userResendInviteSkipped).toBe(pending.length + 1);
    const page = await emu.call(`${base}/${again.id}/errors?max=2`, { token: admin });
    expect(page.headers.get("link")).toMatch(/rel="next"/);
  });

  it("refuses read-only administrators, other orgs and unknown jobs", async () => {
    const auditor = await emu.token(AUDITOR);
    expect((await emu.call(base, { method: "POST", token: auditor })).status).toBe(403);
    expect((await emu.call(`/identity/organizations/someone-else/jobs/sendActivationEmails`, { method: "POST", token: admin })).status).toBe(403);
    expect((await emu.call(`${base}/nope/status`, { token: auditor })).status).toBe(404);
  });
});

describe("write log and the applied500 fault", () => {
  it("a write answered 500 under applied500 was carried out, and the write log says so", async () => {
    const people = (await emu.json<{ items: PersonJson[] }>("/people?max=50", { token: admin })).items;
    const target = people.find((p) => p.type === "person" && !p.roles?.length && p.emails[0] !== ADMIN)!;
    await emu.control("/config", "PUT", { faults: { applied500: 1 } });
    const res = await emu.call(`/people/${target.id}`, { method: "PUT", token: admin, body: { ...target, title: "Changed under fault" } });
    expect(res.status).toBe(500);
    await emu.control("/config", "PUT", { faults: { applied500: 0 } });
    const stored = await emu.json<PersonJson>(`/people/${target.id}`, { token: admin });
    expect(stored.title).toBe("Changed under fault");
    const log = (await (await emu.control(`/writes?personId=${encodeURIComponent(target.id)}`)).json()) as { items: { route: string; changed: boolean; status: number }[] };
    expect(log.items).toEqual([expect.objectContaining({ route: "PUT /v1/people/{id}", changed: true, status: 500 })]);

    // A PATCH that adds a license already held changes nothing, and the log says that too.
    const license = target.licenses![0]!;
    await emu.json("/licenses/users", { method: "PATCH", token: admin, body: { personId: target.id, licenses: [{ id: license, operation: "add" }] } });
    const after = (await (await emu.control(`/writes?personId=${encodeURIComponent(target.id)}`)).json()) as { items: { changed: boolean }[] };
    expect(after.items.at(-1)).toEqual(expect.objectContaining({ changed: false }));
  });
});
