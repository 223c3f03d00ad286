// Facet queries of the people grid's index view (issue 15) at 100,000 people: p50/p95 of the answer the server
// computes (facet counts, exact total, org-wide sort, one page), target < 100 ms at the server.
// `npx tsx bench/directory-facets.ts [people=100000] [rounds=30]`
//
// 1. In-process, no I/O: computeFacets alone, then the route's whole computation (queryDirectory: facets, filter,
//    sorted order, the page) over a synthetic org with a realistic spread (20 licenses, a few admins, 40 departments
//    of very different sizes, 60 locations, 4% invite-pending, 3% sign-in disabled, activity spread over two years).
// 2. Over HTTP with a real signed-in session (bench/http-harness.ts: the production build — `npx next build` first —
//    and the emulator as separate processes, the org of `people` synced once through "Sync now"): GET
//    /api/directory/people for the same mix of queries; the Server-Timing header gives the time at the server.
//    Skipped when there is no build.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require_ = createRequire(__filename);
const serverOnly = require_.resolve("server-only");
require_.cache[serverOnly] = { id: serverOnly, filename: serverOnly, loaded: true, exports: {} } as NodeJS.Module;

const PEOPLE = Number(process.argv[2] ?? 100_000);
const ROUNDS = Number(process.argv[3] ?? 30);
const DAY = 86_400_000;
const NOW = Date.parse("2026-12-01T12:00:00Z");

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
};
const fmt = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(1).padStart(6)} ms   p95 ${pct(xs, 95).toFixed(1).padStart(6)} ms   max ${Math.max(...xs).toFixed(1).padStart(6)} ms`;

async function inProcess(): Promise<void> {
  const { computeFacets } = await import("@/lib/directory/facets");
  const { EMPTY_FILTER } = await import("@/lib/directory/filter");
  const { queryDirectory } = await import("@/lib/server/directory/query");
  type IndexedPerson = import("@/lib/directory/types").IndexedPerson;
  type DirectoryFilter = import("@/lib/directory/filter").DirectoryFilter;
  type Snap = import("@/lib/server/directory/cache").DirectorySnapshot;

  const r = rng(42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const zipf = <T>(xs: readonly T[]) => xs[Math.min(xs.length - 1, Math.floor(xs.length * r() ** 2.5))]!;
  const licenses = Array.from({ length: 20 }, (_, i) => `LICENSE${String(i).padStart(4, "0")}`);
  const licenseShare = licenses.map((_, i) => (i < 3 ? 0.9 : i < 8 ? 0.4 : 0.08));
  const roles = Array.from({ length: 8 }, (_, i) => `ROLE${String(i).padStart(6, "0")}`);
  const departments = Array.from({ length: 40 }, (_, i) => `Department ${i}`);
  const locations = Array.from({ length: 60 }, (_, i) => `LOCATION${String(i).padStart(4, "0")}`);
  const statuses = ["active", "active", "active", "inactive", "DoNotDisturb", "meeting", "call", "OutOfOffice"];
  const first = ["Ada", "Bo", "Carla", "Dev", "Eun", "Farah", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lena", "Mo", "Nia", "Oskar", "Pia"];

  const people: IndexedPerson[] = [];
  for (let i = 0; i < PEOPLE; i++) {
    const pending = r() < 0.04;
    const idleDays = pending ? null : r() < 0.15 ? 91 + r() * 600 : r() * 89;
    const name = `${pick(first)} ${String.fromCharCode(65 + Math.floor(r() * 26))}${i}`;
    people.push({
      id: `PERSON${i}`,
      email: `p${i}@acme.example`,
      displayName: name,
      firstName: name.split(" ")[0]!,
      lastName: name.split(" ")[1]!,
      status: pending ? "pending" : pick(statuses),
      invitePending: pending,
      loginEnabled: r() >= 0.03,
      department: r() < 0.05 ? null : zipf(departments),
      title: r() < 0.3 ? null : pick(["Engineer", "Manager", "Sales rep", "Designer", "Analyst"]),
      locationId: r() < 0.1 ? null : zipf(locations),
      managerId: null,
      manager: null,
      licenses: licenses.filter((_, j) => r() < licenseShare[j]!),
      roles: r() < 0.02 ? [pick(roles)] : [],
      lastActivity: idleDays === null ? null : new Date(NOW - idleDays * DAY).toISOString(),
      created: new Date(NOW - (idleDays ?? 0) * DAY - r() * 900 * DAY).toISOString(),
      type: "person",
    });
  }
  people.sort((a, b) => a.displayName.localeCompare(b.displayName));
  const snap: Snap = { generation: 1, asOf: NOW, locationsAsOf: NOW, webexCalls: 0, durationMs: 0, count: PEOPLE, orgId: "ORG", people, byId: new Map(people.map((p) => [p.id, p])) };
  const known = { licenses, roles, locations };

  const mix: { name: string; filter: DirectoryFilter; q?: string; sort?: { key: "lastActivity" | "department" | "name"; desc: boolean } }[] = [
    { name: "no filter", filter: EMPTY_FILTER },
    { name: "has license + inactive 90", filter: { ...EMPTY_FILTER, hasLicenses: [licenses[4]!], inactiveDays: 90 } },
    { name: "pending in 2 departments", filter: { ...EMPTY_FILTER, invitePending: true, departments: [departments[0]!, departments[7]!] } },
    { name: "lacks 2 licenses, no admin, 3 statuses", filter: { ...EMPTY_FILTER, lacksLicenses: [licenses[0]!, licenses[9]!], admin: false, status: ["active", "inactive", "meeting"] } },
    { name: "sign-in disabled, location, sorted by activity", filter: { ...EMPTY_FILTER, signInDisabled: true, locations: [locations[1]!] }, sort: { key: "lastActivity", desc: true } },
    { name: "no license + name prefix", filter: { ...EMPTY_FILTER, noLicense: true }, q: "ada" },
  ];

  console.log(`In-process, ${PEOPLE.toLocaleString("en")} synthetic people, ${ROUNDS} rounds per query (after 3 warm-up rounds)`);
  const facetsAll: number[] = [];
  const queryAll: number[] = [];
  for (const m of mix) {
    const f: number[] = [];
    const q: number[] = [];
    let total = 0;
    for (let i = 0; i < ROUNDS + 3; i++) {
      let t = performance.now();
      computeFacets(people, m.filter, NOW, known);
      const tf = performance.now() - t;
      t = performance.now();
      total = queryDirectory(snap, { filter: m.filter, q: m.q ?? "", sort: m.sort ?? null, offset: 100, limit: 100 }, NOW, known).total;
      const tq = performance.now() - t;
      if (i >= 3) {
        f.push(tf);
        q.push(tq);
      }
    }
    facetsAll.push(...f);
    queryAll.push(...q);
    console.log(`  ${m.name.padEnd(48)} ${String(total).padStart(6)} match   computeFacets ${fmt(f)}   whole query ${fmt(q)}`);
  }
  console.log(`  ${"all queries".padEnd(48)}                computeFacets ${fmt(facetsAll)}   whole query ${fmt(queryAll)}`);
  const { sortPeople } = await import("@/lib/directory/facets");
  const cold: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    sortPeople(people, i % 2 ? "department" : "lastActivity", i % 2 === 0);
    cold.push(performance.now() - t);
  }
  console.log(`  first use of a sort order (then cached per sync generation): ${fmt(cold)}`);
}

async function overHttp(): Promise<void> {
  const root = path.join(__dirname, "..");
  if (!existsSync(path.join(root, ".next/standalone/server.js"))) {
    console.log("\nOver HTTP: skipped (no production build: run `npx next build` first).");
    return;
  }
  const { startStack } = await import("./http-harness");
  const people = PEOPLE;
  console.log(`\nOver HTTP: production build + emulator of ${people.toLocaleString("en")} people, a real session; syncing the index…`);
  const stack = await startStack({ people, perMinute: 1_000_000 });
  try {
    const admin = await stack.signIn("admin@acme.example");
    const t0 = performance.now();
    const started = await admin.send("POST", "/api/directory/sync");
    if (started.status >= 300) throw new Error(`sync answered ${started.status}`);
    for (;;) {
      const s = (await (await admin.get("/api/directory/sync")).json()) as { running: unknown; lastFinished: { status: string; error: string | null } | null; people: number };
      if (!s.running && s.lastFinished) {
        if (s.lastFinished.status !== "succeeded") throw new Error(`sync failed: ${s.lastFinished.error}`);
        console.log(`  synced ${s.people.toLocaleString("en")} people in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
        break;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    const first = (await (await admin.get("/api/directory/people?limit=1")).json()) as { facets: { hasLicense: Record<string, number>; departments: Record<string, number> } };
    const lic = Object.entries(first.facets.hasLicense).sort((a, b) => b[1] - a[1]).map(([id]) => id);
    const dept = Object.keys(first.facets.departments).filter(Boolean);
    const queries = [
      "limit=100",
      `has=${lic[1]}&inactive=90&limit=100`,
      `pending=yes&dept=${encodeURIComponent(encodeURIComponent(dept[0]!))}&limit=100`,
      `lacks=${lic[0]}&admin=no&status=active,inactive&sort=-lastActivity&offset=200&limit=100`,
      "signin=disabled&sort=department&limit=1000",
      "nolicense=1&q=a&limit=100",
    ];
    const server: number[] = [];
    const client: number[] = [];
    for (let i = 0; i < ROUNDS + 3; i++) {
      for (const q of queries) {
        const t = performance.now();
        const res = await admin.get(`/api/directory/people?${q}`);
        await res.arrayBuffer();
        const wall = performance.now() - t;
        if (res.status !== 200) throw new Error(`${q} → ${res.status}`);
        const dur = Number(res.headers.get("server-timing")?.match(/dur=([\d.]+)/)?.[1] ?? NaN);
        if (i >= 3) {
          server.push(dur);
          client.push(wall);
        }
      }
    }
    console.log(`  GET /api/directory/people, ${queries.length} queries × ${ROUNDS}: at the server ${fmt(server)}   round trip ${fmt(client)}`);
  } finally {
    await stack.close();
  }
}

async function main(): Promise<void> {
  await inProcess();
  if (!process.env.BENCH_SKIP_HTTP) await overHttp();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
