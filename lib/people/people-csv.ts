import { type NameLookup, type Person, personName, primaryEmail, resolveNames, statusInfo } from "./person";

// CSV for spreadsheets: RFC 4180 quoting, CRLF rows, and a guard against formula injection
// (a display name such as "=HYPERLINK(…)" must stay text when the file is opened in Excel or Sheets).

export interface CsvLookups {
  licenses: NameLookup;
  roles: NameLookup;
  locations: NameLookup;
}

const HEADER = [
  "ID",
  "Display name",
  "Email",
  "Status",
  "Licenses",
  "Admin roles",
  "Department",
  "Title",
  "Location",
  "Invite pending",
  "Sign-in enabled",
  "Last activity",
  "Created",
];

export function csvCell(value: string): string {
  let v = value;
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) || v !== value ? `"${v.replace(/"/g, '""')}"` : v;
}

const yesNo = (b: boolean | undefined) => (b === undefined ? "" : b ? "Yes" : "No");

export function peopleToCsv(people: readonly Person[], lookups: CsvLookups): string {
  const rows = people.map((p) => [
    p.id,
    personName(p),
    primaryEmail(p),
    p.status ? statusInfo(p.status).label : "",
    resolveNames(p.licenses, lookups.licenses).join("; "),
    resolveNames(p.roles, lookups.roles).join("; "),
    p.department ?? "",
    p.title ?? "",
    p.locationId ? (lookups.locations.get(p.locationId) ?? "") : "",
    yesNo(p.invitePending),
    yesNo(p.loginEnabled),
    p.lastActivity ?? "",
    p.created ?? "",
  ]);
  return [HEADER, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

export function csvFileName(now: Date = new Date()): string {
  return `people-${now.toISOString().slice(0, 10)}.csv`;
}
