import { csvHeader, csvRow } from "@/lib/csv";
import { workPhone, type OrgPerson } from "./plan";
import { templateHeader, type NamedId } from "./template";

// People as rows of the import template: export → edit in a spreadsheet → import changes exactly the edited cells.

export interface ExportContext {
  licenses: readonly (NamedId & { siteUrl?: string })[];
  roles: readonly NamedId[];
  locations: readonly NamedId[];
  /** A manager's email by person ID (managers outside the exported set included). */
  emailOf: (personId: string) => string | undefined;
}

const flag = (on: boolean) => (on ? "TRUE" : "FALSE");

export function templateRow(p: OrgPerson, ctx: ExportContext, locationName: ReadonlyMap<string, string>): string[] {
  return [
    p.emails?.[0] ?? "",
    p.firstName ?? "",
    p.lastName ?? "",
    p.displayName ?? "",
    p.department ?? "",
    p.title ?? "",
    p.managerId ? (ctx.emailOf(p.managerId) ?? "") : "",
    p.locationId ? (locationName.get(p.locationId) ?? "") : "",
    workPhone(p) ?? "",
    p.extension ?? "",
    ...ctx.licenses.map((l) => flag(p.licenses?.includes(l.id) ?? false)),
    ...ctx.roles.map((r) => flag(p.roles?.includes(r.id) ?? false)),
  ];
}

/** CSV lines (CRLF-terminated) for people; with `header`, the start of the file (byte-order mark and header row) first. */
export function templateCsvLines(people: readonly OrgPerson[], ctx: ExportContext, opts: { header?: boolean } = {}): string {
  const locationName = new Map(ctx.locations.map((l) => [l.id, l.name ?? l.id]));
  const rows = people.filter((p) => (p.type ?? "person") === "person").map((p) => csvRow(templateRow(p, ctx, locationName)));
  return (opts.header ? csvHeader(templateHeader(ctx.licenses, ctx.roles)) : "") + rows.join("");
}
