import { request } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ADMIN, AUDITOR, EMPLOYEE, HELPDESK, startTestEmulator, type Emu, type PersonJson } from "./helpers";

let emu: Emu;
let admin: string;

beforeAll(async () => {
  emu = await startTestEmulator({ people: 50 });
});
beforeEach(async () => {
  await emu.control("/reset", "POST", {});
  admin = await emu.token(ADMIN);
});
afterAll(() => emu.close());

describe("control plane", () => {
  it("health, config round trip and validation", async () => {
    expect(await (await emu.control("/health")).json()).toEqual({ ok: true });
    const put = await emu.control("/config", "PUT", { latencyMs: 5, faults: { "500": 0.25 }, licenseOverflow: "skip" });
    expect(put.status).toBe(200);
    const config = (await put.json()) as Record<string, unknown>;
    expect(config).toMatchObject({ latencyMs: 5, licenseOverflow: "skip", tokenLifetimeSeconds: 1209600, faults: { "429": 0, "500": 0.25, "502": 0, "503": 0, createAfter400: 0 } });
    expect(await (await emu.control("/config")).json()).toEqual(config);
    for (const bad of [
      { latencyMs: -1 },
      { faults: { "500": 2 } },
      { licenseOverflow: "maybe" },
      { rateLimitPerMinute: "10" },
      { nope: 1 },
      { faults: { "404": 0.1 } },
      { listLagMs: -5 },
      { routeLatencyMs: { "/v1/people": 10 } },
      { routeLatencyMs: { "POST /v1/people": 61_000 } },
    ]) {
      expect((await emu.control("/config", "PUT", bad)).status, JSON.stringify(bad)).toBe(400);
    }
    const malformed = await fetch(`${emu.url}/_emulator/config`, { method: "PUT", body: "{oops" });
    expect(malformed.status).toBe(400);
  });

  it("reset restores the seed org, config, tokens and stats", async () => {
    const before = await emu.json<{ items: PersonJson[] }>("/people?max=1000", { token: admin });
    await emu.call("/people", { method: "POST", token: admin, body: { emails: ["temp@acme.example"], displayName: "Temp" } });
    await emu.control("/config", "PUT", { latencyMs: 3 });
    expect((await emu.control("/reset", "POST", {})).status).toBe(200);
    expect((await emu.call("/people/me", { token: admin })).status).toBe(401);
    admin = await emu.token(ADMIN);
    const after = await emu.json<{ items: PersonJson[] }>("/people?max=1000", { token: admin });
    expect(after.items.map((p) => p.id)).toEqual(before.items.map((p) => p.id));
    expect(((await (await emu.control("/config")).json()) as { latencyMs: number }).latencyMs).toBe(0);
    // Stats restarted at the reset: the 401 /people/me and the list above.
    const stats = (await (await emu.control("/stats")).json()) as { total: number };
    expect(stats.total).toBe(2);
    const bigger = (await (await emu.control("/reset", "POST", { people: 120, seed: 9 })).json()) as { people: number };
    expect(bigger.people).toBe(120);
    expect((await emu.control("/reset", "POST", { people: 10_000_000 })).status).toBe(400);
  });

  it("seeds the well-known accounts in the Acme org, with admin@ the only full administrator", async () => {
    for (const [email, name] of [[ADMIN, "Ada Admin"], [HELPDESK, "Hal Helpdesk"], [AUDITOR, "Audrey Auditor"], [EMPLOYEE, "Emil Employee"]]) {
      const res = await emu.control(`/people?email=${encodeURIComponent(email!)}`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { displayName: string }).displayName).toBe(name);
    }
    const orgs = await emu.json<{ items: { displayName: string }[] }>("/organizations", { token: admin });
    expect(orgs.items[0]!.displayName).toBe("Acme");
  });

  it("lists a person's live tokens for leak probes, and revoke removes them", async () => {
    const listed = (await (await emu.control(`/tokens/issued?email=${encodeURIComponent(ADMIN)}`)).json()) as { tokens: { access_token?: string }[] };
    expect(listed.tokens.map((t) => t.access_token)).toContain(admin);
    expect((await emu.control("/tokens/issued")).status).toBe(400);
    expect((await emu.control("/tokens/issued?email=nobody@acme.example")).status).toBe(404);
    await emu.control("/revoke", "POST", { email: ADMIN });
    const after = (await (await emu.control(`/tokens/issued?email=${encodeURIComponent(ADMIN)}`)).json()) as { tokens: unknown[] };
    expect(after.tokens).toEqual([]);
    expect((await emu.call("/people/me", { token: admin })).status).toBe(401);
  });

  it("counts requests by route pattern and status", async () => {
    const me = await emu.json<PersonJson>("/people/me", { token: admin });
    await emu.call(`/people/${me.id}`, { token: admin });
    await emu.call("/people/nope", { token: admin });
    const stats = (await (await emu.control("/stats")).json()) as { total: number; routes: Record<string, Record<string, number>> };
    expect(stats.routes["GET /v1/people/me"]).toEqual({ "200": 1 });
    expect(stats.routes["GET /v1/people/{id}"]).toEqual({ "200": 1, "404": 1 });
    expect(stats.total).toBe(3);
  });
});

describe("faults, latency and rate limit", () => {
  it("answers injected faults with Webex error bodies, 429 with Retry-After: 1", async () => {
    for (const status of ["500", "502", "503"]) {
      await emu.control("/config", "PUT", { faults: { "500": 0, "502": 0, "503": 0, [status]: 1 } });
      const res = await emu.call("/people/me", { token: admin });
      expect(res.status).toBe(Number(status));
      expect(await res.json()).toMatchObject({ message: expect.any(String), errors: [{ description: expect.any(String) }] });
    }
    await emu.control("/config", "PUT", { faults: { "503": 0, "429": 1 } });
    const limited = await emu.call("/people/me", { token: admin });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    // The control plane and OAuth are never faulted.
    expect((await emu.control("/health")).status).toBe(200);
  });

  // The delays are checked on a fake clock, never against the wall clock: the emulator runs in this process, its
  // sleeps are setTimeout, and node:http (unlike fetch) schedules no timers of its own. An answer is "held" when it
  // has not arrived after a real round trip to the emulator while the fake clock stands just short of the delay.
  it("holds /v1 answers for latencyMs (the request already carried out) and reports app time in Server-Timing", async () => {
    await emu.control("/config", "PUT", { latencyMs: 150 });
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const me = track(raw("GET", `${emu.api}/people/me`, admin));
      await arrived("GET /v1/people/me", 1);
      await vi.advanceTimersByTimeAsync(149);
      await raw("GET", `${emu.url}/_emulator/health`); // a real round trip: an answer sent early would be here by now
      expect(me.answered).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      const res = await me.promise;
      expect(res.status).toBe(200);
      expect(res.headers["server-timing"]).toMatch(/^app;dur=\d+(\.\d+)?$/);
    } finally {
      vi.useRealTimers();
    }
  });

  it("routeLatencyMs holds only that route's answers, after the write is done", async () => {
    await emu.control("/config", "PUT", { routeLatencyMs: { "POST /v1/people": 200 } });
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const created = track(raw("POST", `${emu.api}/people`, admin, { emails: ["slow.create@acme.example"], displayName: "Slow" }));
      // Stored (the emulator wrote, then started holding the answer): wait for that, as the body is read first.
      await until(async () => (await raw("GET", `${emu.url}/_emulator/people?email=slow.create%40acme.example`)).status === 200);
      expect((await raw("GET", `${emu.api}/people/me`, admin)).status).toBe(200); // other routes answer at once
      await vi.advanceTimersByTimeAsync(199);
      await raw("GET", `${emu.url}/_emulator/health`);
      expect(created.answered).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect((await created.promise).status).toBe(200);
    } finally {
      vi.useRealTimers();
    }
    await emu.control("/config", "PUT", { routeLatencyMs: {} });
    expect(((await (await emu.control("/config")).json()) as { routeLatencyMs: object }).routeLatencyMs).toEqual({});
  });

  it("listLagMs: a new person is missing from every list until the lag has passed, but exists at once", async () => {
    await emu.control("/config", "PUT", { listLagMs: 600_000 });
    const email = "lagging@acme.example";
    const created = await emu.json<PersonJson>("/people", { method: "POST", token: admin, body: { emails: [email], displayName: "Lagging Person" } });
    expect((await emu.json<{ items: PersonJson[] }>(`/people?email=${encodeURIComponent(email)}`, { token: admin })).items).toEqual([]);
    expect((await emu.json<{ items: PersonJson[] }>("/people?displayName=Lagging", { token: admin })).items).toEqual([]);
    const byId = await emu.json<{ items: PersonJson[]; notFoundIds: string[] }>(`/people?id=${created.id}`, { token: admin });
    expect(byId).toEqual({ items: [], notFoundIds: [created.id] });
    const walked = await emu.json<{ items: PersonJson[] }>("/people?max=1000", { token: admin });
    expect(walked.items.map((p) => p.id)).not.toContain(created.id);
    // Meanwhile the person exists: read by ID, and a second create of the email is refused.
    expect((await emu.call(`/people/${created.id}`, { token: admin })).status).toBe(200);
    expect((await emu.call("/people", { method: "POST", token: admin, body: { emails: [email], displayName: "Again" } })).status).toBe(409);
    // Seeded people (created long ago) are listed as ever.
    expect((await emu.json<{ items: PersonJson[] }>(`/people?email=${encodeURIComponent(ADMIN)}`, { token: admin })).items).toHaveLength(1);
    // Once the lag has passed (here: set back to 0), the person is listed.
    await emu.control("/config", "PUT", { listLagMs: 0 });
    expect((await emu.json<{ items: PersonJson[] }>(`/people?email=${encodeURIComponent(email)}`, { token: admin })).items.map((p) => p.id)).toEqual([created.id]);
  });

  it("the 601st call within a minute gets 429 with Retry-After, per app and org", async () => {
    await emu.control("/config", "PUT", { rateLimitPerMinute: 600 });
    const statuses: number[] = [];
    for (let batch = 0; batch < 12; batch++) {
      const results = await Promise.all(Array.from({ length: 50 }, () => emu.call("/people/me", { token: admin })));
      statuses.push(...results.map((r) => r.status));
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(600);
    const res = await emu.call("/people/me", { token: admin });
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get("retry-after"));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    expect(await res.json()).toMatchObject({ message: expect.any(String), trackingId: expect.any(String) });
  });
});

/** A request over node:http (no timers of its own, unlike fetch), its JSON body parsed. */
function raw(method: string, url: string, token?: string, body?: unknown): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: unknown }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      url,
      { method, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(payload ? { "content-type": "application/json" } : {}) } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : undefined }));
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

function track<T>(promise: Promise<T>): { promise: Promise<T>; answered: boolean } {
  const t = { promise, answered: false };
  promise.then(
    () => (t.answered = true),
    () => (t.answered = true),
  );
  return t;
}

/** Polls (each poll a real round trip to the emulator, no timers) until `check` holds. */
async function until(check: () => Promise<boolean>): Promise<void> {
  for (;;) if (await check()) return;
}

/** Until the emulator has received `n` requests on `route` (its stats count them on arrival). */
function arrived(route: string, n: number): Promise<void> {
  return until(async () => {
    const stats = (await raw("GET", `${emu.url}/_emulator/stats`)).body as { received: Record<string, number> };
    return (stats.received[route] ?? 0) >= n;
  });
}

describe("bad input never crashes", () => {
  const post = (body: string, headers: Record<string, string> = { "Content-Type": "application/json" }) =>
    fetch(`${emu.api}/people`, { method: "POST", headers: { Authorization: `Bearer ${admin}`, ...headers }, body });

  async function expectWebexError(res: Response, status: number) {
    expect(res.status).toBe(status);
    const body = (await res.json()) as { message: string; errors: { description: string }[]; trackingId: string };
    expect(body.message).toEqual(expect.any(String));
    expect(body.errors[0]!.description).toEqual(expect.any(String));
    expect(body.trackingId).toBe(res.headers.get("trackingid"));
  }

  it("malformed JSON, wrong types, unknown fields → 400", async () => {
    await expectWebexError(await post("{not json"), 400);
    await expectWebexError(await post(JSON.stringify({ emails: "x@acme.example", displayName: "X" })), 400);
    await expectWebexError(await post(JSON.stringify({ emails: ["x@acme.example"], displayName: 42 })), 400);
    const unknown = await post(JSON.stringify({ emails: ["x@acme.example"], displayName: "X", licences: [] }));
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { message: string }).message).toContain("licences");
    await expectWebexError(await post("[]"), 400);
    await expectWebexError(await post("null"), 400);
    await expectWebexError(await post("x", { "Content-Type": "text/plain" }), 415);
  });

  it("a 2 MB body → 413", async () => {
    const big = JSON.stringify({ emails: ["big@acme.example"], displayName: "x".repeat(2 * 1024 * 1024) });
    await expectWebexError(await post(big), 413);
    expect((await emu.call("/people/me", { token: admin })).status).toBe(200);
  });

  it("unknown paths → 404, wrong methods → 405, and the TrackingID header is echoed", async () => {
    await expectWebexError(await emu.call("/nothing-here", { token: admin }), 404);
    const res = await emu.call("/people", { method: "PATCH", token: admin, body: {} });
    await expectWebexError(res, 405);
    expect(res.headers.get("allow")).toContain("GET");
    const tracked = await emu.call("/people/me", { token: admin, headers: { TrackingID: "ROSTER_test-123" } });
    expect(tracked.headers.get("trackingid")).toBe("ROSTER_test-123");
    const generated = await emu.call("/people/me", { token: admin });
    expect(generated.headers.get("trackingid")).toMatch(/^ROUTER_[0-9a-f-]{36}$/);
    await expectWebexError(await emu.call("/people/%E0%A4%A", { token: admin }), 400);
  });
});
