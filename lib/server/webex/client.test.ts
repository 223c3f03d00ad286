// @vitest-environment node
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MemoryBudgetStore } from "./budget";
import { WebexClient } from "./client";
import { WebexError } from "./errors";
import type { WebexLogEntry } from "./log";

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;
interface Seen {
  method: string;
  url: string;
  auth: string | undefined;
  trackingId: string | undefined;
  body: string;
}

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

/** A real HTTP server standing in for Webex: the client under test is exercised over the wire. */
async function fakeWebex(handler: Handler) {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen.push({
        method: req.method!,
        url: req.url!,
        auth: req.headers.authorization,
        trackingId: req.headers.trackingid as string | undefined,
        body,
      });
      handler(req, res, body);
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, base: `${origin}/v1`, seen };
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "Content-Type": "application/json", ...headers });
  res.end(body === undefined ? "" : JSON.stringify(body));
}

function client(base: string, extra: Partial<ConstructorParameters<typeof WebexClient>[0]> = {}) {
  const logs: WebexLogEntry[] = [];
  const c = new WebexClient({
    baseUrl: base,
    orgId: `org-${Math.random()}`,
    accessToken: async () => "secret-token-1",
    budget: new MemoryBudgetStore(),
    logger: (e) => logs.push(e),
    ...extra,
  });
  return { c, logs };
}

const person = (id: string, extra: Record<string, unknown> = {}) => ({ id, emails: [`${id}@x.example`], displayName: id, ...extra });

describe("WebexClient over HTTP", () => {
  it("sends the bearer token and a ROSTER_ tracking ID, and keeps unknown person fields", async () => {
    const w = await fakeWebex((_q, res) => json(res, 200, person("p1", { futureField: { a: 1 }, invitePending: "false" })));
    const { c } = client(w.base);
    const p = await c.getPerson("p1");
    expect(p).toMatchObject({ id: "p1", futureField: { a: 1 }, invitePending: false });
    expect(w.seen[0]!.auth).toBe("Bearer secret-token-1");
    expect(w.seen[0]!.trackingId).toMatch(/^ROSTER_[0-9a-f-]{36}$/);
    expect(w.seen[0]!.url).toBe("/v1/people/p1");
  });

  it("does not retry a POST on 500, and hands back the Webex message and tracking ID", async () => {
    const w = await fakeWebex((_q, res) => json(res, 500, { message: "boom", trackingId: "WX_1" }));
    const { c } = client(w.base);
    const err = await c.createPerson({ emails: ["new@x.example"], displayName: "New" }).catch((e) => e);
    expect(err).toBeInstanceOf(WebexError);
    expect(err).toMatchObject({ status: 500, message: "boom", trackingId: "WX_1" });
    expect(w.seen.filter((s) => s.method === "POST")).toHaveLength(1);
    expect(JSON.parse(w.seen[0]!.body)).toEqual({ emails: ["new@x.example"], displayName: "New" });
  });

  it("does not retry a POST on 503 either (the person may exist), but does on 429 (refused)", async () => {
    const w503 = await fakeWebex((_q, res) => json(res, 503, { message: "down" }, { "Retry-After": "0" }));
    await expect(client(w503.base).c.createPerson({ emails: ["a@x.example"], displayName: "A" })).rejects.toMatchObject({
      status: 503,
    });
    expect(w503.seen).toHaveLength(1);

    let n = 0;
    const w429 = await fakeWebex((_q, res) =>
      ++n === 1 ? json(res, 429, { message: "slow down" }, { "Retry-After": "0" }) : json(res, 201, person("created")),
    );
    expect(await client(w429.base).c.createPerson({ emails: ["b@x.example"], displayName: "B" })).toMatchObject({ id: "created" });
    expect(w429.seen.map((s) => s.method)).toEqual(["POST", "POST"]);
  });

  it("does not repeat a PUT that failed with 500, 502, 503 or a timeout (it may have applied part), but does on 429", async () => {
    for (const status of [500, 502, 503]) {
      const w = await fakeWebex((_q, res) => json(res, status, { message: "partly done?" }, { "Retry-After": "0" }));
      await expect(client(w.base).c.updatePerson("p1", person("p1"))).rejects.toMatchObject({ status });
      expect(w.seen.map((s) => s.method)).toEqual(["PUT"]);
    }
    const slow = await fakeWebex((_q, res) => setTimeout(() => json(res, 200, person("p1")), 400));
    await expect(client(slow.base, { timeoutMs: 150 }).c.updatePerson("p1", person("p1"))).rejects.toMatchObject({ status: 504 });
    expect(slow.seen).toHaveLength(1);

    let n = 0;
    const w429 = await fakeWebex((_q, res) => (++n === 1 ? json(res, 429, { message: "slow down" }, { "Retry-After": "0" }) : json(res, 200, person("p1"))));
    expect(await client(w429.base).c.updatePerson("p1", person("p1"))).toMatchObject({ id: "p1" });
    expect(w429.seen.map((s) => s.method)).toEqual(["PUT", "PUT"]);
  });

  it("retries a GET on 503 and 500 with the same tracking ID, suffixed per attempt", async () => {
    let n = 0;
    const w = await fakeWebex((_q, res) => {
      n++;
      if (n === 1) return json(res, 503, { message: "busy" }, { "Retry-After": "0" });
      if (n === 2) return json(res, 500, { message: "oops" });
      json(res, 200, person("p1"));
    });
    const { c, logs } = client(w.base);
    expect((await c.getPerson("p1")).id).toBe("p1");
    const ids = w.seen.map((s) => s.trackingId!);
    expect(ids[1]).toBe(`${ids[0]}_2`);
    expect(ids[2]).toBe(`${ids[0]}_3`);
    expect(logs.map((l) => [l.status, l.attempt, l.level])).toEqual([
      [503, 1, "error"],
      [500, 2, "error"],
      [200, 3, "info"],
    ]);
  });

  it("refreshes the token once on 401, then repeats the call", async () => {
    const w = await fakeWebex((req, res) =>
      req.headers.authorization === "Bearer fresh" ? json(res, 200, person("me")) : json(res, 401, { message: "expired" }),
    );
    let refreshes = 0;
    const { c } = client(w.base, { onUnauthorized: async () => (refreshes++, "fresh") });
    expect((await c.getMe()).id).toBe("me");
    expect(refreshes).toBe(1);
    const { c: noRefresh } = client(w.base, { onUnauthorized: async () => null });
    await expect(noRefresh.getMe()).rejects.toMatchObject({ status: 401, message: "expired" });
  });

  it("times out each attempt: a POST is not retried (504), a GET is", async () => {
    let n = 0;
    const w = await fakeWebex((req, res) => {
      n++;
      if (req.method === "POST" || n === 2) return setTimeout(() => json(res, 200, person("late")), 400);
      json(res, 200, person("p"));
    });
    const { c } = client(w.base, { timeoutMs: 150 });
    await expect(c.createPerson({ emails: ["t@x.example"], displayName: "T" })).rejects.toMatchObject({ status: 504 });
    expect((await c.getPerson("p")).id).toBe("p");
    expect(w.seen.map((s) => s.method)).toEqual(["POST", "GET", "GET"]);
  });

  it("maps a network failure to 503", async () => {
    const { c } = client("http://127.0.0.1:9/v1", { maxTotalWaitMs: 0 });
    await expect(c.getMe()).rejects.toMatchObject({ status: 503 });
  });

  it("answers 502 when a 2xx body does not match the model", async () => {
    const w = await fakeWebex((req, res) =>
      req.url === "/v1/people/bad" ? json(res, 200, { emails: "nope" }) : (res.writeHead(200), res.end("<html>")),
    );
    const { c } = client(w.base);
    await expect(c.getPerson("bad")).rejects.toMatchObject({ status: 502, message: "Unexpected response from Webex" });
    await expect(c.getPerson("html")).rejects.toMatchObject({ status: 502 });
  });

  it("follows next links on the configured base, and refuses other origins and paths", async () => {
    let origin = "";
    const w = await fakeWebex((req, res) => {
      const u = new URL(req.url!, origin);
      const cursor = u.searchParams.get("cursor");
      if (!cursor) return json(res, 200, { items: [person("a")] }, { Link: `<${origin}/v1/people?max=1&cursor=2>; rel="next"` });
      if (cursor === "2") return json(res, 200, { items: [person("b")] }, { Link: '</v1/people?max=1&cursor=3>; rel="next"' });
      if (cursor === "3") return json(res, 200, { items: [person("c")] });
      json(res, 500, {});
    });
    origin = w.origin;
    const { c } = client(w.base);
    const seenIds: string[] = [];
    for await (const page of c.iteratePeople({ max: 1 })) seenIds.push(...page.map((p) => p.id));
    expect(seenIds).toEqual(["a", "b", "c"]);
  });

  it.each([
    ["another origin", "http://evil.example/v1/people?cursor=2"],
    ["another port", "http://127.0.0.1:1/v1/people?cursor=2"],
    ["another path", "/v2/people?cursor=2"],
    ["a path escaping the base", "/v1/../admin/people?cursor=2"],
    ["another resource", "/v1/licenses?cursor=2"],
    ["credentials in the URL", "http://user:pw@HOST/v1/people?cursor=2"],
  ])("throws instead of following a next link to %s", async (_name, link) => {
    let origin = "";
    const w = await fakeWebex((_q, res) =>
      json(res, 200, { items: [person("a")] }, { Link: `<${link.replace("HOST", origin.slice(7))}>; rel="next"` }),
    );
    origin = w.origin;
    const { c } = client(w.base);
    const pages: unknown[] = [];
    const err = await (async () => {
      for await (const page of c.iteratePeople({})) pages.push(page);
    })().catch((e) => e);
    expect(err).toMatchObject({ status: 502 });
    expect(w.seen).toHaveLength(1);
  });

  it("refuses a caller-supplied cursor off the base without calling Webex", async () => {
    const w = await fakeWebex((_q, res) => json(res, 200, { items: [] }));
    const { c } = client(w.base);
    for (const cursor of ["http://evil.example/v1/people?cursor=1", `${w.origin}/v1/roles`, "not a url", `${w.origin}/v1/people/x`]) {
      await expect(c.listPeople({}, cursor)).rejects.toMatchObject({ status: 400, message: "Invalid cursor" });
    }
    expect(w.seen).toHaveLength(0);
    await c.listPeople({}, `${w.base}/people?cursor=ok`);
    expect(w.seen[0]!.url).toBe("/v1/people?cursor=ok");
  });

  it("builds list queries and fetches IDs in chunks of at most 85", async () => {
    const w = await fakeWebex((req, res) => {
      const ids = new URL(req.url!, "http://x").searchParams.get("id")!.split(",");
      // A Webex that (unlike the docs) sent licenses and roles with an id lookup: Roster must not pass them on.
      const found = ids.filter((i) => !i.startsWith("gone")).map((i) => ({ ...person(i), licenses: ["L"], roles: ["R"], emails: [`${i}@x.example`] }));
      json(res, 200, { items: found, notFoundIds: ids.filter((i) => i.startsWith("gone")) });
    });
    const { c } = client(w.base);
    const ids = [...Array.from({ length: 198 }, (_, i) => `p${i}`), "gone1", "gone2", "p0"];
    const { items, notFoundIds } = await c.getPeopleByIds(ids);
    expect(items).toHaveLength(198);
    expect(items[0]).toMatchObject({ id: "p0", emails: ["p0@x.example"] });
    for (const p of items) expect(p).not.toHaveProperty("licenses");
    for (const p of items) expect(p).not.toHaveProperty("roles");
    expect(notFoundIds).toEqual(["gone1", "gone2"]);
    expect(w.seen.map((s) => new URL(s.url, "http://x").searchParams.get("id")!.split(",").length)).toEqual([85, 85, 30]);
    await expect(c.listPeople({ id: ids })).rejects.toMatchObject({ status: 400 });
  });

  it("logs one line per attempt without tokens or query values", async () => {
    const w = await fakeWebex((_q, res) => json(res, 200, { items: [] }));
    const { c, logs } = client(w.base);
    await c.listPeople({ email: "alice@secret.example", displayName: "Alice", max: 10 });
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ level: "info", msg: "webex", method: "GET", path: "/v1/people?email&displayName&max", status: 200, attempt: 1 });
    const line = JSON.stringify(logs);
    expect(line).not.toContain("secret-token-1");
    expect(line).not.toContain("alice");
  });

  it("PUTs the whole body back and DELETE expects no body", async () => {
    const w = await fakeWebex((req, res, body) => {
      if (req.method === "DELETE") return (res.writeHead(204), res.end());
      json(res, 200, JSON.parse(body));
    });
    const { c } = client(w.base);
    const full = { ...person("p1"), licenses: ["L1"], unknownExtra: [1, 2] };
    expect(await c.updatePerson("p1", full)).toEqual(full);
    expect(JSON.parse(w.seen[0]!.body)).toEqual(full);
    await expect(c.deletePerson("p1")).resolves.toBeUndefined();
    expect(w.seen[1]).toMatchObject({ method: "DELETE", url: "/v1/people/p1" });
  });
});

/**
 * Webex in memory, for the tests about waiting: the client's own `fetch` option, answered on the spot, each arrival
 * stamped with the (fake) clock. Waits are then measured on vitest's fake clock, never against the wall clock, so a
 * loaded machine cannot fail them and a client that waits when it should not (or not long enough) always does.
 */
function memoryWebex(answer: (path: string, n: number) => Response) {
  const arrivals: { at: number; path: string }[] = [];
  const fetchImpl: typeof fetch = async (input) => {
    const path = new URL(input instanceof Request ? input.url : String(input)).pathname;
    arrivals.push({ at: Date.now(), path });
    return answer(path, arrivals.length);
  };
  return { base: "http://webex.test/v1", fetch: fetchImpl, arrivals };
}

const reply = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });

/** Lets `work` run on the fake clock, firing timers one at a time in order, until it settles; how long it took there. */
async function onFakeClock<T>(work: Promise<T>): Promise<{ value?: T; error?: unknown; tookMs: number }> {
  const t0 = Date.now();
  let out: { value?: T; error?: unknown; tookMs: number } | undefined;
  work.then(
    (value) => (out = { value, tookMs: Date.now() - t0 }),
    (error: unknown) => (out = { error, tookMs: Date.now() - t0 }),
  );
  while (!out) await vi.advanceTimersToNextTimerAsync();
  return out;
}

describe("WebexClient's waits, on a fake clock", () => {
  afterEach(() => {
    vi.useRealTimers();
  });
  const fake = () => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });

  it("gives up at once when Retry-After is beyond the bounded total wait, and reports it", async () => {
    fake();
    const w = memoryWebex(() => reply(429, { message: "slow" }, { "Retry-After": "30" }));
    const { c } = client(w.base, { maxTotalWaitMs: 1000, fetch: w.fetch });
    const run = await onFakeClock(c.getPerson("p"));
    expect(run.error).toMatchObject({ status: 429, retryAfterMs: 30_000 });
    expect(run.tookMs).toBe(0); // not a millisecond spent waiting for a retry that could not happen
    expect(w.arrivals).toHaveLength(1);
  });

  it("pauses the whole org on 429 so another caller of the same org waits too; another org does not", async () => {
    fake();
    const w = memoryWebex((_path, n) => (n === 1 ? reply(429, {}, { "Retry-After": "1" }) : reply(200, person("p"))));
    const budget = new MemoryBudgetStore();
    const a = client(w.base, { budget, orgId: "org-shared", fetch: w.fetch }).c;
    const b = client(w.base, { budget, orgId: "org-shared", fetch: w.fetch }).c;
    const other = client(w.base, { budget, orgId: "org-other", fetch: w.fetch }).c;
    const pa = a.getPerson("p");
    // Until a has had its 429 and waits for the org's pause to end (its timer is set).
    while (w.arrivals.length === 0 || vi.getTimerCount() === 0) await vi.advanceTimersByTimeAsync(0);
    const t429 = w.arrivals[0]!.at;
    expect((await onFakeClock(other.getPerson("p"))).tookMs).toBe(0); // a different org is not paused
    const rest = await onFakeClock(Promise.all([pa, b.getPerson("p")]));
    expect(rest.error).toBeUndefined();
    const later = w.arrivals.slice(2);
    expect(later).toHaveLength(2);
    for (const call of later) expect(call.at - t429).toBeGreaterThanOrEqual(1000);
  });

  it("queues callers of one org in order, so none starves past the wait bound", async () => {
    fake();
    const w = memoryWebex(() => reply(200, person("p")));
    const { c } = client(w.base, { perMinute: 600, maxTotalWaitMs: 4000, fetch: w.fetch });
    // 600/min = a burst of 60, then one call every 111 ms: the 80th call goes about 2.2 s after the first.
    const run = await onFakeClock(Promise.allSettled(Array.from({ length: 80 }, () => c.getPerson("p"))));
    expect((run.value ?? []).filter((r) => r.status === "rejected")).toEqual([]);
    const t0 = w.arrivals[0]!.at;
    expect(w.arrivals.filter((x) => x.at === t0)).toHaveLength(60);
    expect(w.arrivals[79]!.at - t0).toBeGreaterThanOrEqual(2200);
    expect(w.arrivals[79]!.at - t0).toBeLessThan(2300);
  });

  it("an interactive call never queues behind a line of background calls of the same org", async () => {
    fake();
    const w = memoryWebex(() => reply(200, person("p")));
    const budget = new MemoryBudgetStore();
    const orgId = "org-lanes";
    const bg = client(w.base, { budget, orgId, perMinute: 600, lane: "background", maxTotalWaitMs: 60_000, fetch: w.fetch }).c;
    const ui = client(w.base, { budget, orgId, perMinute: 600, fetch: w.fetch }).c;
    // 70 background calls: 40 go at once (the burst above the reserve of 20), the other 30 queue at 9 per second.
    const background = Promise.all(Array.from({ length: 70 }, (_, i) => bg.getPerson(`bg${i}`)));
    await vi.advanceTimersByTimeAsync(200);
    // Twenty clicks at once go straight through on the reserve, ahead of the background calls still queued. Had
    // they joined the same line, they would come after all of them.
    const clicks = await onFakeClock(Promise.all(Array.from({ length: 20 }, () => ui.getPerson("ui"))));
    expect(clicks.error).toBeUndefined();
    expect(clicks.tookMs).toBe(0);
    expect((await onFakeClock(background)).error).toBeUndefined();
    const lastClick = w.arrivals.map((x) => x.path).lastIndexOf("/v1/people/ui");
    const backgroundAfter = w.arrivals.slice(lastClick + 1).filter((x) => x.path.startsWith("/v1/people/bg")).length;
    expect(backgroundAfter).toBeGreaterThanOrEqual(15);
  });
});

describe("the request's deadline and the browser's signal (decision 015)", () => {
  it("a call whose request has no time left fails with 504 without asking Webex", async () => {
    const w = await fakeWebex((_q, res) => json(res, 200, person("p1")));
    const { c } = client(w.base, { deadlineAt: Date.now() - 1 });
    await expect(c.getPerson("p1")).rejects.toMatchObject({ status: 504, message: "Webex did not answer in time; try again shortly" });
    expect(w.seen).toHaveLength(0);
  });

  it("a Retry-After beyond the deadline fails at once, keeping the busy status and the wait", async () => {
    const w = await fakeWebex((_q, res) => json(res, 429, { message: "slow down" }, { "Retry-After": "30" }));
    const { c } = client(w.base, { deadlineAt: Date.now() + 5_000 });
    const err = (await c.getPerson("p1").catch((e: unknown) => e)) as WebexError;
    expect(err).toBeInstanceOf(WebexError);
    expect(err).toMatchObject({ status: 429, retryAfterMs: 30_000, message: "Webex is slow or rate limiting this organization; try again in 30 s" });
    expect(w.seen).toHaveLength(1);
  });

  it("a call that gives up in line behind the org's paused calls says Webex is busy and when to try again", async () => {
    const w = await fakeWebex((_q, res) => json(res, 200, person("p1")));
    const budget = new MemoryBudgetStore();
    const orgId = "org-queued";
    await budget.pause(orgId, Date.now() + 2_500); // e.g. after a 503: the whole org holds off
    const first = client(w.base, { budget, orgId, deadlineAt: Date.now() + 20_000 }).c.getPerson("p1"); // waits in front
    await new Promise((r) => setTimeout(r, 50));
    const { c } = client(w.base, { budget, orgId, deadlineAt: Date.now() + 1_800 }); // 0.8 s to wait, behind it
    const err = (await c.getPerson("p1").catch((e: unknown) => e)) as WebexError;
    expect(err).toBeInstanceOf(WebexError);
    expect(err).toMatchObject({ status: 429, retryAfterMs: 5_000, message: "Webex is slow or rate limiting this organization; try again in 5 s" });
    await expect(first).resolves.toMatchObject({ id: "p1" });
    expect(w.seen).toHaveLength(1);
  });

  it("once the browser has gone, no read is sent", async () => {
    const w = await fakeWebex((_q, res) => json(res, 200, person("p1")));
    const browser = new AbortController();
    browser.abort();
    const { c } = client(w.base, { signal: browser.signal });
    await expect(c.getPerson("p1")).rejects.toMatchObject({ status: 499 });
    expect(w.seen).toHaveLength(0);
  });

  it("a write in flight when the browser goes away is let finish, and the request's reads after it still run", async () => {
    const browser = new AbortController();
    const w = await fakeWebex((req, res, body) => {
      if (req.method === "PUT") {
        browser.abort(); // the browser leaves while Webex is carrying the change out
        setTimeout(() => json(res, 200, JSON.parse(body)), 50);
        return;
      }
      json(res, 200, person("p1", { displayName: "After" }));
    });
    const { c } = client(w.base, { signal: browser.signal });
    const full = { ...person("p1"), displayName: "After" };
    expect(await c.updatePerson("p1", full)).toEqual(full);
    // What the write did is still read back (the caller audits it).
    expect(await c.getPerson("p1")).toMatchObject({ displayName: "After" });
    expect(w.seen.map((s) => s.method)).toEqual(["PUT", "GET"]);
  });
});
