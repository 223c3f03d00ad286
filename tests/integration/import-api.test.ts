// CSV import and export through their route handlers and the real job engine, against the in-process emulator:
// the export → edit → import round trip on a 2,000-person org (checked against every stored field of every
// person), conflicts since the preview, bad files refused with nothing written, permissions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as importPreview from "@/app/api/import/preview/route";
import * as template from "@/app/api/import/template/route";
import * as exportRoute from "@/app/api/people/export/route";
import * as items from "@/app/api/jobs/[id]/items/route";
import * as results from "@/app/api/jobs/[id]/results/route";
import * as command from "@/app/api/jobs/[id]/[command]/route";
import { call, type ApiHarness } from "@/bench/api-harness";
import type { ImportPreview, JobItemsPage } from "@/lib/jobs/api-types";
import { runJobToEnd, startJobsHarness, waitForJob, type JobsHarness } from "./jobs-harness";

type P = Record<string, unknown> & { id: string; emails: string[]; licenses?: string[]; roles?: string[]; displayName?: string; title?: string; department?: string; type?: string };

let jobs: JobsHarness;
let h: ApiHarness;
let licenses: { id: string; name: string; totalUnits: number; consumedUnits: number }[];

/** Every person as an admin sees them, Calling data included (100 a page). */
async function snapshot(): Promise<Map<string, P>> {
  const out = new Map<string, P>();
  let url: string | null = `${h.webexBase}/people?max=100&callingData=true`;
  while (url) {
    const res: Response = await fetch(url, { headers: { authorization: `Bearer ${h.tokens.admin}` } });
    for (const p of ((await res.json()) as { items: P[] }).items) out.set(p.id, p);
    url = res.headers.get("link")?.match(/<([^>]+)>;\s*rel="next"/)?.[1] ?? null;
  }
  return out;
}

/** What a person is, minus what Webex changes on its own (modification time, presence). */
function essence(p: P): Record<string, unknown> {
  const rest: Record<string, unknown> = { ...p };
  for (const k of ["lastModified", "status", "lastActivity"]) delete rest[k];
  return rest;
}

async function writeCount(): Promise<number> {
  return ((await (await h.emulatorFetch("/_emulator/writes")).json()) as { items: unknown[] }).items.length;
}

/** A response's text, and whether it starts with a UTF-8 BOM (Response.text() drops it). */
async function body(res: Response): Promise<{ text: string; bom: boolean }> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return { text: new TextDecoder().decode(bytes.subarray(bom ? 3 : 0)), bom };
}

async function exportCsv(target?: unknown): Promise<{ status: number; text: string; bom: boolean; headers: Headers }> {
  const res = await call(exportRoute.POST, "/api/people/export", { method: "POST", body: target === undefined ? {} : { target } });
  return { status: res.status, ...(await body(res)), headers: res.headers };
}

async function preview(file: string | Uint8Array<ArrayBuffer>, name = "people.csv"): Promise<{ status: number; json: ImportPreview & { error?: { message: string } } }> {
  const res = await call(importPreview.POST, "/api/import/preview", { method: "POST", rawBody: file, query: { name }, headers: { "content-type": "text/csv" } });
  return { status: res.status, json: (await res.json()) as never };
}

const runToEnd = (id: string) => runJobToEnd(id, 120_000);

/** CSV lines → cells (the export quotes only cells with separators; the test edits plain ones). */
const lines = (csv: string) => csv.replace(/^\uFEFF/, "").trimEnd().split("\r\n");

beforeAll(async () => {
  jobs = await startJobsHarness({ people: 2000, seed: 7 });
  h = jobs.h;
  const res = await fetch(`${h.webexBase}/licenses`, { headers: { authorization: `Bearer ${h.tokens.admin}` } });
  licenses = ((await res.json()) as { items: typeof licenses }).items;
}, 60_000);

afterAll(async () => {
  await jobs?.close();
});

describe("CSV export → edit → import", () => {
  it(
    "round trip on 2,000 people: 3 edited cells and 2 new rows change exactly those, and nothing else of anyone",
    async () => {
      h.signIn("admin");
      const before = await snapshot();
      const exported = await exportCsv();
      expect(exported.status).toBe(200);
      expect(exported.headers.get("content-disposition")).toMatch(/attachment; filename="people-\d{4}-\d{2}-\d{2}\.csv"/);
      expect(exported.bom).toBe(true);
      expect(exported.text.startsWith("Email,First name,Last name,Display name,Department,Title,Manager email,Location,Phone,Extension,")).toBe(true);
      const rows = lines(exported.text);
      const header = rows[0]!.split(",");
      const persons = [...before.values()].filter((p) => (p.type ?? "person") === "person");
      expect(rows.length - 1).toBe(persons.length);
      expect(Number(exported.headers.get("x-roster-people"))).toBe(persons.length);

      // Three cells in three rows: a title, a department, and a license FALSE → TRUE.
      const cc = licenses.find((l) => l.name.startsWith("Webex Contact Center"))!;
      const ccCol = header.indexOf(cc.name);
      const titleCol = header.indexOf("Title");
      const deptCol = header.indexOf("Department");
      const plain = (i: number) => !rows[i]!.includes('"');
      const editable = rows.map((_, i) => i).filter((i) => i > 0 && plain(i));
      const [a, b, c] = [editable[10]!, editable[20]!, editable.find((i) => i > editable[30]! && rows[i]!.split(",")[ccCol] === "FALSE")!];
      const edit = (i: number, col: number, value: string) => {
        const cells = rows[i]!.split(",");
        cells[col] = value;
        rows[i] = cells.join(",");
        return cells[0]!;
      };
      const emailA = edit(a, titleCol, "Chief Round-Trip Officer");
      const emailB = edit(b, deptCol, "Imported Department");
      const emailC = edit(c, ccCol, "TRUE");
      const blank = header.map(() => "");
      const newRow = (email: string, name: string, extra: Record<string, string> = {}) => {
        const cells = [...blank];
        cells[0] = email;
        cells[header.indexOf("Display name")] = name;
        for (const [k, v] of Object.entries(extra)) cells[header.indexOf(k)] = v;
        return cells.join(",");
      };
      rows.push(newRow("new.hire.one@acme.example", "New Hire One", { Department: "Sales", [cc.name]: "TRUE" }), newRow("new.hire.two@acme.example", "New Hire Two"));
      const edited = "\uFEFF" + rows.join("\r\n") + "\r\n";

      const writesBefore = await writeCount();
      const pv = await preview(edited, "people-edited.csv");
      expect(pv.status).toBe(201);
      expect(pv.json.counts).toEqual({ create: 2, update: 3, unchanged: persons.length - 3, error: 0 });
      expect(pv.json.job.status).toBe("draft");
      // One walk of the org with Calling data (100 a page) plus licenses, roles and locations.
      expect(pv.json.webexCalls).toBe(Math.ceil(before.size / 100) + 3);
      expect(pv.json.licenses).toEqual([expect.objectContaining({ licenseId: cc.id, needed: 2, short: 0 })]);
      expect(await writeCount()).toBe(writesBefore); // the preview wrote nothing

      const updates = (await (await call(items.GET, `/api/jobs/${pv.json.job.id}/items`, { params: { id: pv.json.job.id }, query: { outcome: "update" } })).json()) as JobItemsPage;
      expect(updates.items.map((i) => i.email).sort()).toEqual([emailA, emailB, emailC].map((e) => e.toLowerCase()).sort());
      const titleItem = updates.items.find((i) => i.email === emailA.toLowerCase())!;
      expect(titleItem.changes).toEqual([{ field: "title", before: expect.anything(), after: "Chief Round-Trip Officer" }]);

      const job = await runToEnd(pv.json.job.id);
      expect(job.status).toBe("done");
      expect(job.counts).toMatchObject({ done: 5, failed: 0, skipped: persons.length - 3 });

      const after = await snapshot();
      expect(after.size).toBe(before.size + 2);
      const byEmail = (m: Map<string, P>, e: string) => [...m.values()].find((p) => p.emails[0]!.toLowerCase() === e.toLowerCase())!;
      const changed = new Map<string, Record<string, unknown>>([
        [byEmail(before, emailA).id, { title: "Chief Round-Trip Officer" }],
        [byEmail(before, emailB).id, { department: "Imported Department" }],
        [byEmail(before, emailC).id, { licenses: [...(byEmail(before, emailC).licenses ?? []), cc.id] }],
      ]);
      for (const [id, p] of before) {
        const now = after.get(id)!;
        const expected = { ...essence(p), ...(changed.get(id) ?? {}) };
        if (changed.has(id)) expect({ ...essence(now), licenses: [...(now.licenses ?? [])].sort() }).toEqual({ ...expected, licenses: [...((expected.licenses as string[]) ?? [])].sort() });
        else expect(essence(now), p.emails[0]).toEqual(expected);
      }
      const one = byEmail(after, "new.hire.one@acme.example");
      expect(one).toMatchObject({ displayName: "New Hire One", department: "Sales", licenses: expect.arrayContaining([cc.id]) });
      expect(byEmail(after, "new.hire.two@acme.example")).toMatchObject({ displayName: "New Hire Two" });

      // Results CSV: the row of the file and what the plan said, for every row.
      const res = await call(results.GET, `/api/jobs/${job.id}/results`, { params: { id: job.id } });
      const { text: csv, bom } = await body(res);
      expect(bom).toBe(true);
      expect(csv.startsWith("Row,Plan,Name,Email")).toBe(true);
      expect(csv).toContain("New person");
      expect(lines(csv)).toHaveLength(persons.length + 2 + 1);
    },
    180_000,
  );

  it("a field changed in Webex since the preview fails that row as a conflict and overwrites nothing", async () => {
    h.signIn("admin");
    const people = [...(await snapshot()).values()].filter((p) => (p.type ?? "person") === "person" && !p.roles?.length);
    const [x, y] = [people[100]!, people[101]!];
    const pv = await preview(`Email,Title\r\n${x.emails[0]},Planned Title X\r\n${y.emails[0]},Planned Title Y\r\n`);
    expect(pv.json.counts.update).toBe(2);
    // Someone changes X's title in Webex after the preview.
    const put = await fetch(`${h.webexBase}/people/${x.id}?callingData=true`, {
      method: "PUT",
      headers: { authorization: `Bearer ${h.tokens.admin}`, "content-type": "application/json" },
      body: JSON.stringify({ ...x, title: "Changed Elsewhere" }),
    });
    expect(put.status).toBe(200);
    const job = await runToEnd(pv.json.job.id);
    expect(job.counts).toMatchObject({ done: 1, failed: 1 });
    const failed = (await (await call(items.GET, `/api/jobs/${job.id}/items`, { params: { id: job.id }, query: { state: "failed" } })).json()) as JobItemsPage;
    expect(failed.items[0]!.message).toBe("Not changed: title changed in Webex after the preview. Nothing of this row was written; preview the file again.");
    const now = await snapshot();
    expect(now.get(x.id)!.title).toBe("Changed Elsewhere");
    expect(now.get(y.id)!.title).toBe("Planned Title Y");
  });

  it("a new person created in Webex after the preview is not claimed: the row fails, and a retry does not pretend", async () => {
    h.signIn("admin");
    const pv = await preview("Email,Display name\r\nlate.comer@acme.example,Late Comer\r\n");
    expect(pv.json.counts.create).toBe(1);
    const post = await fetch(`${h.webexBase}/people`, {
      method: "POST",
      headers: { authorization: `Bearer ${h.tokens.admin}`, "content-type": "application/json" },
      body: JSON.stringify({ emails: ["late.comer@acme.example"], displayName: "Someone Else" }),
    });
    expect(post.status).toBe(200);
    const id = pv.json.job.id;
    let job = await runToEnd(id);
    expect(job.counts).toMatchObject({ done: 0, failed: 1 });
    const message = "late.comer@acme.example was created in Webex after the preview: import the file again to update them.";
    const failed = async () => ((await (await call(items.GET, `/api/jobs/${id}/items`, { params: { id }, query: { state: "failed" } })).json()) as JobItemsPage).items;
    expect((await failed())[0]!.message).toBe(message);
    expect((await call(command.POST, `/api/jobs/${id}/retry`, { method: "POST", params: { id, command: "retry" } })).status).toBe(200);
    job = await waitForJob(id, 30_000);
    expect(job.counts).toMatchObject({ done: 0, failed: 1 });
    expect((await failed())[0]!.message).toBe(message);
    const res = await h.emulatorFetch("/_emulator/people?email=late.comer%40acme.example");
    expect(((await res.json()) as P).displayName).toBe("Someone Else");
  });

  it("the template has this organization's columns; a filtered export holds just the matching people", async () => {
    h.signIn("helpdesk");
    const t = await call(template.GET, "/api/import/template");
    const text = await t.text();
    expect(t.headers.get("content-disposition")).toMatch(/roster-import-template-/);
    expect(lines(text)).toHaveLength(1);
    for (const l of licenses) expect(text).toContain(l.name);
    expect(text).toContain("Admin role: Full Administrator");

    const all = [...(await snapshot()).values()];
    const prefix = all[5]!.displayName!.slice(0, 3);
    const matching = all.filter((p) => (p.type ?? "person") === "person" && (p.displayName ?? "").toLowerCase().startsWith(prefix.toLowerCase()));
    const filtered = await exportCsv({ filter: { displayName: prefix } });
    expect(filtered.status).toBe(200);
    expect(lines(filtered.text).length - 1).toBe(matching.length);
    const selection = await exportCsv({ personIds: [all[1]!.id, all[2]!.id] });
    expect(lines(selection.text).slice(1).map((l) => l.split(",")[0])).toEqual([all[1]!.emails[0], all[2]!.emails[0]]);
  });
});

describe("bad files are refused with a message naming what is wrong, and nothing is written", () => {
  const many = "Email\r\n" + Array.from({ length: 25_000 }, (_, i) => `p${i}@acme.example`).join("\r\n");
  it.each([
    ["empty", "", 400, "The file is empty."],
    ["header only", "Email,Display name\r\n", 400, "has a header but no people"],
    ["binary", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]), 400, "not a CSV file"],
    ["UTF-16", new Uint8Array([0xff, 0xfe, 0x45, 0x00, 0x6d, 0x00, 0x61, 0x00]), 400, "UTF-16"],
    ["25,000 rows", many, 400, "more than 20,000 people"],
    ["15 MB", new Uint8Array(15 * 1024 * 1024).fill(0x61), 413, "larger than 10 MB"],
    ["an unknown column", "Email,Shoe size\r\na@acme.example,44\r\n", 400, 'Unknown column "Shoe size" (column B)'],
    ["duplicate headers", "Email,Title,title\r\na@acme.example,A,B\r\n", 400, '"title" (column C) repeats column B ("Title")'],
  ])("%s", async (_what, file, status, message) => {
    h.signIn("admin");
    const writes = await writeCount();
    const res = await preview(file);
    expect(res.status).toBe(status);
    expect(res.json.error!.message).toContain(message);
    expect(await writeCount()).toBe(writes);
  });

  it("a license column with `maybe` is an error on that row and column; the other rows still plan", async () => {
    h.signIn("admin");
    const cc = licenses.find((l) => l.name.startsWith("Webex Contact Center"))!;
    const pv = await preview(`Email,Display name,${cc.name}\r\nmaybe.person@acme.example,Maybe Person,maybe\r\nsure.person@acme.example,Sure Person,TRUE\r\n`);
    expect(pv.status).toBe(201);
    expect(pv.json.counts).toEqual({ create: 1, update: 0, unchanged: 0, error: 1 });
    const errors = (await (await call(items.GET, `/api/jobs/${pv.json.job.id}/items`, { params: { id: pv.json.job.id }, query: { outcome: "error" } })).json()) as JobItemsPage;
    expect(errors.items[0]).toMatchObject({ row: 2, outcome: "error", state: "skipped", message: `${cc.name}: "maybe" is not TRUE, FALSE or blank.` });
  });

  it("only admins who can change people may import; read-only admins may export", async () => {
    h.signIn("auditor");
    expect((await preview("Email\r\na@acme.example\r\n")).status).toBe(403);
    expect((await exportCsv({ personIds: [h.users.admin.personId] })).status).toBe(200);
    h.signIn(null);
    expect((await exportCsv()).status).toBe(401);
    h.signIn("admin");
    const foreign = await call(importPreview.POST, "/api/import/preview", { method: "POST", rawBody: "Email\r\na@acme.example\r\n", origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
  });
});
