// Fuzz suite over every /api route (issue 12): fast-check drives each route's query, path and body with hostile
// input (control characters, lone surrogates, 100 KB strings, deep nesting, prototype keys, wrong types), both as
// random JSON and as one-field mutations of a body the route accepts, so the hostile value reaches past the outer
// shape checks. Route handlers run in-process exactly as Next calls them, against the in-process emulator.
//
// Holds for every case: no 5xx, no stack trace in an answer, and nothing invalid reaches Webex (every request the
// console sends to Webex is recorded at `fetch`, and none may carry a control character or a lone surrogate in its
// URL or body). A refusal (400/413/415) sends nothing at all to Webex.
//
// Fixed seed and a bounded number of cases, so `npm test` is repeatable; ROSTER_FUZZ_SEED / ROSTER_FUZZ_RUNS widen
// a local run (a failure prints the seed and the shrunk request to replay it).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, startApiHarness, type ApiHarness, type Who } from "@/bench/api-harness";
import { closeDb, createDb, setDbForTests, type Db } from "@/lib/server/db";
import { isolatedTestDbOptions } from "./db-helpers";

const SEED = Number(process.env.ROSTER_FUZZ_SEED ?? 20261202);
const RUNS = Number(process.env.ROSTER_FUZZ_RUNS ?? 100);

type Handler = (req: Request, ctx?: { params: Promise<Record<string, string>> }) => Promise<Response>;
type RouteModule = Partial<Record<"GET" | "POST" | "PUT" | "PATCH" | "DELETE", Handler>>;

// Every route module, found on disk: a route added later is fuzzed or this suite fails (see "covers every route").
const modules = import.meta.glob<RouteModule>("../../app/api/**/route.ts", { eager: true });
/** Not Roster's route() wrapper: next-auth's own handler, and the unauthenticated health probes (no input). */
const NOT_FUZZED = new Set(["auth/[...nextauth]", "health", "health/ready"]);

const routeKey = (file: string) => file.replace(/^.*app\/api\//, "").replace(/\/route\.ts$/, "");

// ---- Hostile values -------------------------------------------------------------------------------------------

/** What must never reach Webex: C0 controls, DEL, C1 controls, and UTF-16 surrogates that are not a pair. */
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const hostileChar = fc.constantFrom(
  "\u0000", "\u0001", "\u0007", "\b", "\t", "\n", "\r", "\u000b", "\u001b", "\u007f", "\u0085", "\u009f",
  "\ud800", "\udbff", "\udc00", "\udfff", // lone surrogates
  "\u2028", "\u202e", "\ufeff", "\uffff", // legal but awkward
);
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
const prototypeKey = fc.constantFrom("__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf");
const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.string({ maxLength: 12 }), hostileChar, fc.string({ maxLength: 12 })).map(([a, c, b]) => a + c + b),
  fc.string({ unit: codeUnit, maxLength: 24 }),
  fc.constant("x".repeat(100 * 1024)),
  fc.constant("é".repeat(40 * 1024)),
  prototypeKey,
  fc.constantFrom("", " ", "null", "undefined", "NaN", "-1", "1e309", "0", "0000-01-01", "9999-12-31", "275760-09-13",
    "2026-02-30", "../../etc/passwd", "%00", "<script>alert(1)</script>", "' OR 1=1 --", "a@b", "x".repeat(321) + "@y.example"),
  fc.string({ maxLength: 16 }),
);
const keyArb = fc.oneof(prototypeKey, hostileString.filter((s) => s.length < 64), fc.string({ maxLength: 10 }));
const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.constantFrom(-1, 0, 1e308, -1e308, 2 ** 53, 0.5, -0),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(keyArb, tie("value"), { maxKeys: 4 }),
  ),
})).value;

/** A chain of `depth` nested arrays or objects, as JSON text (JSON.stringify of it would itself overflow). */
function deepJson(depth: number, kind: "array" | "object", inner = "1"): string {
  return kind === "array" ? "[".repeat(depth) + inner + "]".repeat(depth) : '{"a":'.repeat(depth) + inner + "}".repeat(depth);
}

// ---- Mutations of a valid body: one path replaced, one key added, or one string poisoned -----------------------

type Path = (string | number)[];
function paths(value: unknown, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...at, i])));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...at, k]));
  return out;
}
function getAt(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)?.[k], value);
}
function setAt(value: unknown, path: Path, next: unknown): unknown {
  if (path.length === 0) return next;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...(value as unknown[])] : { ...(value as object) }) as Record<string | number, unknown>;
  // defineProperty: a "__proto__" key must become an own property, as JSON.parse makes it on the server.
  Object.defineProperty(copy, head!, { value: setAt(copy[head!], rest, next), enumerable: true, writable: true, configurable: true });
  return copy;
}

type Mutation = { kind: "replace" | "add-key" | "poison"; at: number; value: unknown; key: string; char: string };
const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom("replace", "add-key", "poison"),
  at: fc.nat(),
  value: hostileJson,
  key: keyArb,
  char: hostileChar,
});

function mutate(example: unknown, m: Mutation): unknown {
  const all = paths(example);
  if (m.kind === "poison") {
    const strings = all.filter((p) => typeof getAt(example, p) === "string");
    if (strings.length === 0) return setAt(example, all[m.at % all.length]!, m.value);
    const p = strings[m.at % strings.length]!;
    const s = getAt(example, p) as string;
    const cut = m.at % (s.length + 1);
    return setAt(example, p, s.slice(0, cut) + m.char + s.slice(cut));
  }
  if (m.kind === "add-key") {
    const objects = all.filter((p) => { const v = getAt(example, p); return v !== null && typeof v === "object" && !Array.isArray(v); });
    if (objects.length > 0) {
      const p = objects[m.at % objects.length]!;
      return setAt(example, [...p, m.key], m.value);
    }
  }
  return setAt(example, all[m.at % all.length]!, m.value);
}

// ---- The routes ------------------------------------------------------------------------------------------------

interface Fixture {
  personId: string; // a seeded person who is none of the signed-in accounts (PATCH may change them)
  deleteId: string; // another one, for DELETE
  licenseId: string;
  roleId: string;
  locationId: string;
  jobId: string; // a draft bulk job the admin previewed
  original: Record<string, unknown>; // personId's title, manager and lastName as fetched (a PATCH's `original`)
  viewId: string; // a saved view of the admin's (PATCH may rename it)
  deleteViewId: string; // another one, for DELETE
}

interface Spec {
  /** Query keys the route's schema knows, with values it accepts. */
  query?: (f: Fixture) => Record<string, string[]>;
  /** Path segments, with values that name something real. */
  params?: (f: Fixture) => Record<string, string[]>;
  /** Bodies the route accepts (JSON), mutated by the fuzzer. */
  bodies?: (f: Fixture) => unknown[];
  /** The body is a file (text/csv), not JSON. */
  csv?: (f: Fixture) => string[];
}

/** Real IDs of the wrong kind for a path (not personId: a DELETE given it would leave PATCH no one to edit). */
const ids = (f: Fixture) => [f.deleteId, f.licenseId, f.roleId, f.locationId];
const SPECS: Record<string, Spec> = {
  "GET me": {},
  "GET overview": {},
  "GET locations": {},
  "GET roles": {},
  "GET roles/members": {},
  "GET import/template": {},
  "GET licenses": { query: () => ({ fresh: ["1"] }) },
  "GET licenses/capacity": { query: () => ({ fresh: ["1"] }) },
  "GET licenses/[id]": { params: (f) => ({ id: [f.licenseId] }) },
  "GET licenses/[id]/holders": { params: (f) => ({ id: [f.licenseId] }) },
  "GET people": {
    query: (f) => ({ email: ["admin@acme.example"], displayName: ["Ada"], roles: [f.roleId], locationId: [f.locationId], max: ["5", "50"], cursor: ["abc"] }),
  },
  "POST people": {
    bodies: (f) => [
      { emails: ["fuzz.{n}@acme.example"], displayName: "Fuzz New", firstName: "Fuzz", lastName: "New", title: "Tester", department: "QA",
        phoneNumbers: [{ type: "mobile", value: "+1 555 0100" }], addresses: [{ type: "work", locality: "Berlin", country: "DE" }],
        licenses: [f.licenseId] },
    ],
  },
  "GET people/[id]": { params: (f) => ({ id: [f.personId] }) },
  "PATCH people/[id]": {
    params: (f) => ({ id: [f.personId] }),
    // Without `original` or `lastModified` an edit is never a conflict, so the mutated value reaches the PUT.
    bodies: (f) => [
      { changes: { displayName: "Fuzz Person {n}", title: "Engineer", department: "R&D", phoneNumbers: [{ type: "mobile", value: "+49 30 1234" }] } },
      { changes: { addresses: [{ type: "work", streetAddress: "1 Main St", locality: "Oslo", postalCode: "0150" }], siteUrls: ["acme.webex.com"], firstName: "Fuzz" } },
      { changes: { title: "Lead", manager: "Ada", lastName: null }, original: f.original },
    ],
  },
  "DELETE people/[id]": { params: (f) => ({ id: [f.deleteId] }) },
  "POST people/export": { bodies: (f) => [{}, { target: { filter: { displayName: "Ada", roles: [f.roleId] } } }, { target: { personIds: [f.personId] } }] },
  "GET activity": {
    query: () => ({ actor: ["admin@acme.example"], target: ["x"], targetId: ["abc"], action: ["update"], from: ["2026-01-01"], to: ["2026-12-31"], cursor: ["12"], limit: ["10"] }),
  },
  "GET activity/export": { query: () => ({ actor: ["admin@acme.example"], from: ["2026-01-01"], to: ["2026-12-31"] }) },
  "GET reclaim": { query: (f) => ({ inviteDays: ["30"], inactiveDays: ["90"], reason: ["inactive"], licenseId: [f.licenseId] }) },
  "POST reclaim": { bodies: (f) => [{ items: [{ personId: f.personId, licenseIds: [f.licenseId] }] }] },
  "GET reclaim/export": { query: (f) => ({ inviteDays: ["30"], inactiveDays: ["90"], reason: ["inactive"], licenseId: [f.licenseId] }) },
  "GET reclaim/scan": {},
  "POST reclaim/scan": {},
  "GET directory/sync": {},
  "GET directory/search": { query: () => ({ q: ["ada", "admin@acme.example"] }) },
  "GET views": {},
  "POST views": { bodies: () => [{ name: "Fuzz view {n}", query: "?q=ada&size=50", shared: false }, { name: "Fuzz shared {n}", query: "roles=abc", shared: true }] },
  "PATCH views/[id]": { params: (f) => ({ id: [f.viewId] }), bodies: () => [{ name: "Fuzz renamed {n}" }, { shared: true, query: "q=b" }] },
  "DELETE views/[id]": { params: (f) => ({ id: [f.deleteViewId] }) },
  "POST directory/sync": {},
  "GET licenses/usage": { query: (f) => ({ by: ["manager"], licenseId: [f.licenseId], indirect: ["1"] }) },
  "GET licenses/usage/export": { query: (f) => ({ by: ["location"], licenseId: [f.licenseId] }) },
  "GET changes": { query: (f) => ({ kind: ["changed"], field: ["title"], person: [f.personId], q: ["ada"], from: ["2026-01-01"], to: ["2026-12-31"], tz: ["Europe/Berlin"], cursor: ["1764700000000000-12"], limit: ["10"] }) },
  "GET changes/export": { query: (f) => ({ kind: ["removed"], person: [f.personId], from: ["2026-01-01"], to: ["2026-12-31"] }) },
  "POST changes/[id]/revert": { params: () => ({ id: ["1", "999999"] }) },
  "POST activity/[id]/revert": { params: () => ({ id: ["1", "999999"] }) },
  "GET digest": { query: () => ({ date: ["2026-03-10"], format: ["md", "csv"] }) },
  "GET directory/people": {
    query: (f) => ({ has: [f.licenseId], inactive: ["90"], status: ["active,inactive"], dept: ["Sales,~"], loc: [f.locationId], roles: [f.roleId], admin: ["no"], pending: ["yes"], signin: ["enabled"], q: ["a"], sort: ["-lastActivity"], offset: ["0"], limit: ["50"] }),
  },
  "GET jobs": { query: () => ({ active: ["1"], limit: ["10"] }) },
  "POST jobs/preview": {
    bodies: (f) => [
      { action: "license-add", licenseId: f.licenseId, target: { personIds: [f.personId] } },
      { action: "role-remove", roleId: f.roleId, target: { filter: { displayName: "Ada" } } },
      { action: "deactivate", target: { filter: { email: "nobody@acme.example" } } },
      { action: "license-add", licenseId: f.licenseId, target: { directory: { departments: ["Sales"], noLicense: true } } },
    ],
  },
  "GET jobs/[id]": { params: (f) => ({ id: [f.jobId] }) },
  "GET jobs/[id]/items": { params: (f) => ({ id: [f.jobId] }), query: () => ({ state: ["all"], outcome: ["error"], after: ["0"], limit: ["5"] }) },
  "GET jobs/[id]/results": { params: (f) => ({ id: [f.jobId] }) },
  // start is left out of the valid commands: a started job would run later, outside the case that started it.
  "POST jobs/[id]/[command]": { params: (f) => ({ id: [f.jobId], command: ["pause", "cancel", "retry"] }), bodies: () => [{}, { confirm: 1, onlyWhatFits: true }] },
  "POST import/preview": {
    query: () => ({ name: ["people.csv"] }),
    csv: () => [
      "Email,Display Name,First Name,Last Name,Title\nfuzz.import@acme.example,Fuzz Import,Fuzz,Import,Tester\n",
      "Email,Department\nadmin@acme.example,IT\n",
    ],
  },
};

// ---- Harness ---------------------------------------------------------------------------------------------------

let h: ApiHarness;
let db: Db;
let fixture: Fixture;
const sentToWebex: { method: string; url: string; body: string }[] = [];
const realFetch = globalThis.fetch;
let unique = 0;

beforeAll(async () => {
  // Its own database: POST /api/reclaim queues jobs, which another file's job engine must never pick up.
  db = await createDb(await isolatedTestDbOptions());
  setDbForTests(db);
  h = await startApiHarness({ people: 300 });
  // Every request the console makes to Webex, with its body (the emulator's control plane is not Webex).
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.startsWith(h.webexBase)) {
      const method = init?.method ?? (input instanceof Request ? input.method : "GET");
      const body = typeof init?.body === "string" ? init.body : init?.body ? "[binary]" : "";
      sentToWebex.push({ method, url, body });
    }
    return realFetch(input, init);
  }) as typeof fetch;

  const get = async <T,>(path: string) =>
    (await (await realFetch(`${h.webexBase}${path}`, { headers: { authorization: `Bearer ${h.tokens.admin}` } })).json()) as T;
  const people = (await get<{ items: { id: string; emails: string[]; title?: string; manager?: string; lastName?: string }[] }>("/people?max=100")).items;
  const accounts = new Set(["admin", "helpdesk", "auditor", "employee"].map((w) => `${w}@acme.example`));
  const licenses = (await get<{ items: { id: string }[] }>("/licenses")).items;
  const roles = (await get<{ items: { id: string }[] }>("/roles")).items;
  const locations = (await get<{ items: { id: string }[] }>("/locations")).items;
  const [person, doomed] = people.filter((p) => !accounts.has(p.emails[0]!));
  if (!person || !doomed) throw new Error("the seeded org has too few people");
  const personId = person.id;
  h.signIn("admin");
  const preview = await call(modules["../../app/api/jobs/preview/route.ts"]!.POST!, "/api/jobs/preview", {
    method: "POST",
    body: { action: "license-add", licenseId: licenses[0]!.id, target: { personIds: [personId] } },
  });
  expect(preview.status).toBeLessThan(300);
  const jobId = ((await preview.json()) as { job: { id: string } }).job.id;
  const [viewId, deleteViewId] = await Promise.all(["Fuzz fixture", "Fuzz doomed"].map(async (name) => {
    const res = await call(modules["../../app/api/views/route.ts"]!.POST!, "/api/views", { method: "POST", body: { name, query: "q=ada" } });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  }));
  fixture = { personId, deleteId: doomed.id, licenseId: licenses[0]!.id, roleId: roles[0]!.id, locationId: locations[0]!.id, jobId,
    original: { title: person.title ?? null, manager: person.manager ?? null, lastName: person.lastName ?? null }, viewId: viewId!, deleteViewId: deleteViewId! };
});

afterAll(async () => {
  globalThis.fetch = realFetch;
  await h?.close();
  setDbForTests(undefined);
  await closeDb(db);
});

// ---- Requests and the checks every answer must pass -------------------------------------------------------------

interface Case {
  who: Who | null;
  query: Record<string, string>;
  params: Record<string, string>;
  body?: unknown;
  rawBody?: string;
  contentType?: string;
}

/** Refusals of the input itself (route()'s checks), which must come before any Webex call. */
const INPUT_REFUSALS = new Set(["Invalid query parameters", "Invalid request body", "Invalid path", "Request body is not valid UTF-8",
  "Request body is not valid JSON", "Request body is required"]);
function refusedInput(status: number, text: string): boolean {
  if (status === 413 || status === 415) return true;
  if (status !== 400) return false;
  try {
    return INPUT_REFUSALS.has((JSON.parse(text) as { error: { message: string } }).error.message);
  } catch {
    return false;
  }
}

/** Why a case failed, in words a person can replay; null when it passed. */
async function check(key: string, handler: Handler, c: Case): Promise<string | null> {
  h.signIn(c.who);
  const from = sentToWebex.length;
  const [method, path] = key.split(" ") as [string, string];
  const headers: Record<string, string> = {};
  if (c.contentType) headers["content-type"] = c.contentType;
  // "{n}" in a body becomes a number used once, so a create is never refused only because the last case made them.
  const body = c.body === undefined ? undefined : JSON.parse(JSON.stringify(c.body).replaceAll("{n}", String(++unique)));
  let res: Response;
  try {
    res = await call(handler, `/api/${path}`, { method, query: c.query, params: c.params, body, rawBody: c.rawBody, headers });
  } catch (err) {
    return `threw ${(err as Error).name}: ${(err as Error).message}`; // route() must answer every error itself
  }
  const text = await res.text();
  // ROSTER_FUZZ_DEBUG=<route key prefix>, e.g. "PATCH": every case of those routes with its answer.
  if (process.env.ROSTER_FUZZ_DEBUG && key.startsWith(process.env.ROSTER_FUZZ_DEBUG)) console.log(res.status, text.slice(0, 160), "|", describeCase(c).slice(0, 300));
  if (res.status >= 500) return `answered ${res.status}: ${text.slice(0, 300)}`;
  if (/\bat .*\.(ts|js):\d+/.test(text)) return `answer carries a stack trace: ${text.slice(0, 300)}`;
  const sent = sentToWebex.slice(from);
  for (const s of sent) {
    // The URL decoded, and the body's strings as parsed: JSON text hides U+0000 as the six characters \u0000.
    const url = new URL(s.url);
    let where = [decodeURIComponent(url.pathname), ...[...url.searchParams].flat(), s.body];
    try {
      where = where.concat(stringsIn(JSON.parse(s.body || "null")));
    } catch {
      // not JSON
    }
    const bad = where.map((w) => FORBIDDEN.exec(w)).find(Boolean);
    if (bad) return `sent ${s.method} ${s.url.slice(0, 200)} to Webex carrying U+${bad[0].charCodeAt(0).toString(16).padStart(4, "0")}`;
  }
  if (key === "POST import/preview" && res.status === 201) {
    // A plan is what a started import will send: no row it would create or update may carry what Webex must not get.
    const jobId = (JSON.parse(text) as { job: { id: string } }).job.id;
    const items = modules["../../app/api/jobs/[id]/items/route.ts"]!.GET!;
    for (const outcome of ["create", "update"]) {
      const page = await call(items, "/api/jobs/x/items", { params: { id: jobId }, query: { outcome, limit: "500" } });
      const planned = (await page.json()) as { items: { row: number; changes: { field: string; after: unknown }[] }[] };
      for (const item of planned.items) {
        const bad = item.changes.find((ch) => stringsIn(ch.after).some((v) => FORBIDDEN.test(v)));
        if (bad) return `planned to ${outcome} row ${item.row} with ${bad.field} = ${JSON.stringify(bad.after)}`;
      }
    }
  }
  if (refusedInput(res.status, text) && sent.length > 0) return `refused its input (${res.status}) but sent ${sent.length} request(s) to Webex first`;
  return null;
}

function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => [k, ...stringsIn(v)]);
  return [];
}

function describeCase(c: Case): string {
  const clip = (v: unknown) => {
    const s = typeof v === "string" ? v : JSON.stringify(v);
    return s === undefined ? "undefined" : s.length > 200 ? `${s.slice(0, 200)}… (${s.length} chars)` : s;
  };
  return `who=${c.who} query=${clip(c.query)} params=${clip(c.params)} body=${clip(c.rawBody ?? c.body)}`;
}

function caseArb(spec: Spec): fc.Arbitrary<Case> {
  const f = fixture;
  const queryKeys = Object.keys(spec.query?.(f) ?? {});
  const queryArb = fc
    .tuple(
      fc.subarray(queryKeys),
      // Unknown keys are refused outright, so most cases have none and reach the route's own code.
      fc.oneof({ weight: 4, arbitrary: fc.constant([] as [string, string][]) }, fc.array(fc.tuple(keyArb, hostileString), { minLength: 1, maxLength: 2 })),
      fc.array(fc.oneof(hostileString, fc.constantFrom(...(queryKeys.flatMap((k) => spec.query!(f)[k]!).concat([""])))), { minLength: queryKeys.length, maxLength: queryKeys.length }),
      fc.array(fc.boolean(), { minLength: queryKeys.length, maxLength: queryKeys.length }),
    )
    .map(([keys, extra, hostile, valid]) => {
      const q: Record<string, string> = {};
      for (const k of keys) {
        const i = queryKeys.indexOf(k);
        q[k] = valid[i] ? spec.query!(f)[k]![0]! : hostile[i]!;
      }
      for (const [k, v] of extra) q[k] = v;
      return q;
    });
  const paramSpec = spec.params?.(f) ?? {};
  const paramArb = fc.record(
    Object.fromEntries(
      Object.entries(paramSpec).map(([k, good]) => [k, fc.oneof(fc.constantFrom(...good), hostileString, fc.constantFrom(...ids(f), "a", "../x", "%2e%2e"))]),
    ),
  ) as fc.Arbitrary<Record<string, string>>;
  const who = fc.constantFrom<Who | null>("admin", "admin", "admin", "helpdesk", "auditor", "employee", null);

  let bodyArb: fc.Arbitrary<Pick<Case, "body" | "rawBody" | "contentType">> = fc.constant({});
  if (spec.bodies) {
    const examples = spec.bodies(f);
    bodyArb = fc.oneof(
      { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...examples), mutationArb).map(([e, m]) => ({ body: mutate(e, m) })) },
      { weight: 2, arbitrary: hostileJson.map((body) => ({ body })) },
      { weight: 1, arbitrary: fc.constantFrom(...examples).map((body) => ({ body })) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          { rawBody: deepJson(20_000, "array") },
          { rawBody: deepJson(20_000, "object") },
          { rawBody: '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}' },
          { rawBody: "{not json" },
          { rawBody: "" },
          { rawBody: '"\\ud800"' },
          { rawBody: "[]" },
          { rawBody: "null" },
          { body: { x: 1 }, contentType: "text/plain" },
        ),
      },
    );
  } else if (spec.csv) {
    const files = spec.csv(f);
    bodyArb = fc.oneof(
      fc.tuple(fc.constantFrom(...files), fc.nat(), hostileChar, hostileString).map(([file, at, ch, s]) => {
        const cut = file.indexOf("\n") + 1 + (at % (file.length - file.indexOf("\n")));
        return { rawBody: file.slice(0, cut) + (at % 2 ? ch : s) + file.slice(cut), contentType: "text/csv" };
      }),
      hostileString.map((rawBody) => ({ rawBody, contentType: "text/csv" })),
      fc.constantFrom({ rawBody: files[0]!, contentType: "text/csv" }, { rawBody: "\ufeff" + files[1]!, contentType: "text/csv" }),
    );
  }
  // Counterexamples print clipped: a 100 KB string in a report helps no one.
  return fc
    .record({ who, query: queryArb, params: paramArb, b: bodyArb })
    .map(({ b, ...rest }) => {
      const c: Case = { ...rest, ...b };
      return Object.defineProperty(c, fc.toStringMethod, { value: () => describeCase(c), enumerable: false });
    });
}

// ---- The suite ---------------------------------------------------------------------------------------------------

const handlers: [string, Handler][] = Object.entries(modules)
  .filter(([file]) => !NOT_FUZZED.has(routeKey(file)))
  .flatMap(([file, mod]) =>
    (["GET", "POST", "PUT", "PATCH", "DELETE"] as const).filter((m) => typeof mod[m] === "function").map((m) => [`${m} ${routeKey(file)}`, mod[m]!] as [string, Handler]),
  )
  .sort(([a], [b]) => a.localeCompare(b));

describe("fuzz: every API route with hostile input", () => {
  it("covers every route (a new route needs a spec here)", () => {
    expect(handlers.map(([k]) => k).filter((k) => !(k in SPECS))).toEqual([]);
    expect(Object.keys(SPECS).filter((k) => !handlers.some(([h]) => h === k))).toEqual([]);
  });

  for (const [key, handler] of handlers) {
    it(`${key}: no 5xx, nothing invalid reaches Webex`, async () => {
      const spec = SPECS[key];
      if (!spec) throw new Error(`${key} has no fuzz spec (see "covers every route")`);
      await fc.assert(
        fc.asyncProperty(caseArb(spec), async (c) => {
          const problem = await check(key, handler, c);
          if (problem) throw new Error(`${key}: ${problem}\n  ${describeCase(c)}`);
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    });
  }
});
