import "server-only";
import { randomUUID } from "node:crypto";
import type { ImportPreview } from "@/lib/jobs/api-types";
import { jobLabel } from "@/lib/jobs/kinds";
import { decodeCsv, ImportFileError, parseCsv } from "@/lib/import/parse";
import { needsCallingData, planImport, type RowPlan } from "@/lib/import/plan";
import { bindHeader } from "@/lib/import/template";
import { ApiError } from "@/lib/server/api/errors";
import type { Db } from "@/lib/server/db";
import { deleteOldDrafts, getJob, insertJob, itemCounts, type NewItem } from "@/lib/server/jobs/store";
import { toJobView } from "@/lib/server/jobs/views";
import type { SessionUser } from "@/lib/server/session";
import type { WebexClient } from "@/lib/server/webex/client";
import { readCatalog, walkPeople } from "./directory";

// A CSV file → its plan, as a draft import job: nothing is written to Webex until the admin runs it.

/** "people (2).csv" as the admin named it, without a path or control characters. */
export function cleanFileName(name: string | null): string {
  const base = (name ?? "").split(/[\\/]/).pop() ?? "";
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 120);
  return clean || "people.csv";
}

function toItem(r: RowPlan, held: ReadonlyMap<string, string[]>): NewItem {
  const who = { personId: r.personId, email: r.email || null, displayName: r.displayName };
  const plan = { changes: r.changes, row: r.row, outcome: r.outcome, ...(r.errors.length ? { errors: r.errors } : {}), ...(r.personId ? { licenses: held.get(r.personId) ?? [] } : {}) };
  if (r.outcome === "create") return { ...who, state: "pending", input: { create: r.create }, plan };
  if (r.outcome === "update") return { ...who, state: "pending", input: { update: r.update }, plan };
  const message = r.outcome === "unchanged" ? "No change: Webex already holds what the row says." : r.errors.map((e) => `${e.column}: ${e.message}`).join(" ");
  return { ...who, state: "skipped", message, plan };
}

export async function previewImport(db: Db, webex: WebexClient, user: SessionUser, sessionId: string | null, bytes: Uint8Array, name: string | null): Promise<ImportPreview> {
  await deleteOldDrafts(db).catch(() => {});
  const fileName = cleanFileName(name);
  let parsed;
  try {
    parsed = parseCsv(decodeCsv(bytes));
  } catch (err) {
    if (err instanceof ImportFileError) throw new ApiError(400, err.message, { file: err.message });
    throw err;
  }
  const hasLocation = parsed.header.some((h) => /^\s*location/i.test(h));
  const catalog = await readCatalog(webex, { locations: hasLocation });
  const bound = bindHeader(parsed.header, catalog.licenses, catalog.roles);
  if (bound.errors.length) {
    const shown = bound.errors.slice(0, 5).join(" ");
    const more = bound.errors.length > 5 ? ` (and ${bound.errors.length - 5} more)` : "";
    throw new ApiError(400, `This file cannot be imported: ${shown}${more} Nothing was changed.`, { file: bound.errors[0]! });
  }
  const callingData = needsCallingData(bound.columns, parsed.rows);
  const walked = await walkPeople(webex, {}, { callingData });
  const plan = planImport({
    columns: bound.columns,
    rows: parsed.rows,
    people: walked.people,
    licenses: catalog.licenses,
    roles: catalog.roles,
    locations: catalog.locations,
    actorId: user.personId,
  });
  const held = new Map(walked.people.map((p) => [p.id, p.licenses ?? []]));
  const items = plan.rows.map((r) => toItem(r, held));
  const names: Record<string, string> = {};
  for (const l of catalog.licenses) names[l.id] = l.name ?? l.id;
  for (const r of catalog.roles) names[r.id] = r.name ?? r.id;

  const id = randomUUID();
  await insertJob(
    db,
    {
      id,
      orgId: user.orgId,
      kind: "import",
      status: "draft",
      label: jobLabel("import", plan.counts.create + plan.counts.update, fileName),
      params: { fileName, names },
      createdBy: { id: user.personId, email: user.email, name: user.name },
      sessionId,
    },
    items,
  );
  const job = (await getJob(db, user.orgId, id))!;
  const counts = (await itemCounts(db, [id])).get(id)!;
  return {
    job: toJobView(job, counts),
    fileName,
    rows: plan.rows.length,
    counts: plan.counts,
    licenses: plan.licenses,
    ignoredColumns: bound.ignored,
    webexCalls: catalog.calls + walked.calls,
    callingData,
  };
}
