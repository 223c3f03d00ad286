// The people CSV template: what Roster exports and what it imports, column by column. Pure (browser and server).
// Email is the key; blank cells leave a field as it is; license and admin-role columns take TRUE / FALSE / blank.

export const FIELD_COLUMNS = [
  { key: "email", header: "Email", aliases: ["user id/email (required)", "user id/email", "email address", "e-mail", "user id"] },
  { key: "firstName", header: "First name", aliases: [] },
  { key: "lastName", header: "Last name", aliases: [] },
  { key: "displayName", header: "Display name", aliases: [] },
  { key: "department", header: "Department", aliases: [] },
  { key: "title", header: "Title", aliases: ["job title"] },
  { key: "managerEmail", header: "Manager email", aliases: ["manager email address"] },
  { key: "location", header: "Location", aliases: ["location name"] },
  { key: "phone", header: "Phone", aliases: ["phone number", "work phone", "work phone number"] },
  { key: "extension", header: "Extension", aliases: [] },
] as const;
export type FieldKey = (typeof FIELD_COLUMNS)[number]["key"];

/** Admin-role columns are named "Admin role: <role name>" (a bare role name is accepted when no license has it). */
export const ROLE_PREFIX = "Admin role: ";

/**
 * Columns of Control Hub's user export that describe a person but cannot be changed through the People API
 * (or are Roster's own read-outs): ignored, and the preview says so, so that an admin can bring that file as is.
 */
const IGNORED = new Set(
  [
    "user status",
    "status",
    "days since last activity",
    "last activity",
    "last active",
    "created",
    "id",
    "uuid",
    "invite pending",
    "sign-in enabled",
    "caller id number",
    "caller id first name",
    "caller id last name",
    "caller id external number",
    "directory number",
    "mobile number",
    "user type",
    "sip address",
  ].map(norm),
);

export function norm(header: string): string {
  return header.replace(/^\uFEFF/, "").trim().replace(/\s+/g, " ").toLowerCase();
}

/** A, B, …, Z, AA, AB… */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export interface NamedId {
  id: string;
  name?: string;
}

export type ColumnBinding =
  | { index: number; header: string; kind: "field"; key: FieldKey }
  | { index: number; header: string; kind: "license"; id: string }
  | { index: number; header: string; kind: "role"; id: string };

export interface HeaderResult {
  columns: ColumnBinding[];
  /** Headers that are known but not importable (Control Hub's read-only columns). */
  ignored: string[];
  /** What makes the file unusable, each naming the column. */
  errors: string[];
}

/** The header each license gets: its name, made unique (with the meeting site or the ID's tail) when two share one. */
export function licenseHeaders(licenses: readonly (NamedId & { siteUrl?: string })[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const l of licenses) count.set(norm(l.name ?? l.id), (count.get(norm(l.name ?? l.id)) ?? 0) + 1);
  const out = new Map<string, string>();
  for (const l of licenses) {
    const name = l.name ?? l.id;
    out.set(l.id, (count.get(norm(name)) ?? 0) > 1 ? `${name} (${l.siteUrl ?? `…${l.id.slice(-6)}`})` : name);
  }
  return out;
}

export function roleHeader(role: NamedId): string {
  return `${ROLE_PREFIX}${role.name ?? role.id}`;
}

/** The template's header row for an organization. */
export function templateHeader(licenses: readonly (NamedId & { siteUrl?: string })[], roles: readonly NamedId[]): string[] {
  const lh = licenseHeaders(licenses);
  return [...FIELD_COLUMNS.map((c) => c.header), ...licenses.map((l) => lh.get(l.id)!), ...roles.map(roleHeader)];
}

/** Binds each header of a file to a field, a license or a role; names every unknown or repeated column. */
export function bindHeader(header: readonly string[], licenses: readonly (NamedId & { siteUrl?: string })[], roles: readonly NamedId[]): HeaderResult {
  const fields = new Map<string, FieldKey>();
  for (const c of FIELD_COLUMNS) for (const h of [c.header, ...c.aliases]) fields.set(norm(h), c.key);
  const lh = licenseHeaders(licenses);
  const byLicense = new Map<string, string>();
  for (const l of licenses) byLicense.set(norm(lh.get(l.id)!), l.id);
  const byRole = new Map<string, string>();
  for (const r of roles) {
    byRole.set(norm(roleHeader(r)), r.id);
    if (r.name && !byLicense.has(norm(r.name))) byRole.set(norm(r.name), r.id);
  }

  const columns: ColumnBinding[] = [];
  const ignored: string[] = [];
  const errors: string[] = [];
  const seen = new Map<string, number>();
  header.forEach((raw, index) => {
    const h = norm(raw);
    const where = `column ${columnLetter(index)}`;
    if (h === "") {
      errors.push(`The header of ${where} is empty: name it, or delete the column.`);
      return;
    }
    const key = fields.get(h);
    const target = key ? `field:${key}` : byLicense.has(h) ? `license:${byLicense.get(h)}` : byRole.has(h) ? `role:${byRole.get(h)}` : null;
    const first = seen.get(target ?? h);
    if (first !== undefined) {
      errors.push(`"${raw.trim()}" (${where}) repeats column ${columnLetter(first)} ("${header[first]!.trim()}"): keep one of them.`);
      return;
    }
    seen.set(target ?? h, index);
    if (key) columns.push({ index, header: raw.trim(), kind: "field", key });
    else if (byLicense.has(h)) columns.push({ index, header: raw.trim(), kind: "license", id: byLicense.get(h)! });
    else if (byRole.has(h)) columns.push({ index, header: raw.trim(), kind: "role", id: byRole.get(h)! });
    else if (IGNORED.has(h)) ignored.push(raw.trim());
    else errors.push(`Unknown column "${raw.trim()}" (${where}): not a field of the template, nor a license or admin role of this organization.`);
  });
  if (!columns.some((c) => c.kind === "field" && c.key === "email")) errors.unshift('The file has no "Email" column: it is what tells people apart.');
  return { columns, ignored, errors };
}

/** TRUE / FALSE / blank (also yes/no, 1/0, case-insensitive); anything else is refused. */
export function parseFlag(cell: string): boolean | null | "invalid" {
  const v = cell.trim().toLowerCase();
  if (v === "") return null;
  if (v === "true" || v === "yes" || v === "1") return true;
  if (v === "false" || v === "no" || v === "0") return false;
  return "invalid";
}
