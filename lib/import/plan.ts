import { isCallingLicense, remainingUnits, type LicenseInfo } from "@/lib/people/capacity";
import type { FieldChange } from "@/lib/people/diff-person";
import type { PersonCreateBody, WritablePersonField } from "@/lib/people/schemas";
import { samePhoneNumber } from "@/lib/people/same-value";
import { hasUnsafeText } from "@/lib/safe-text";
import type { CsvRow } from "./parse";
import { norm, parseFlag, type ColumnBinding, type FieldKey, type NamedId } from "./template";

// The import plan: what each row of the file would do to the organization, decided against the people as Webex
// holds them now. Pure, so the preview, its tests and the round-trip test share it. Nothing here writes.

export const ROW_OUTCOMES = ["create", "update", "unchanged", "error"] as const;
export type RowOutcome = (typeof ROW_OUTCOMES)[number];

export interface OrgPerson {
  id: string;
  emails?: string[];
  displayName?: string;
  firstName?: string;
  lastName?: string;
  department?: string;
  title?: string;
  managerId?: string;
  locationId?: string;
  extension?: string;
  phoneNumbers?: { type?: string; value?: string; primary?: boolean }[];
  licenses?: string[];
  roles?: string[];
  type?: string;
}

export interface LicenseOp {
  id: string;
  operation: "add" | "remove";
  /** A Webex Calling license: location and extension, in the same request (Webex's rule). */
  properties?: Record<string, string>;
}

/** One field of a person to set: run only if Webex still holds `before` (or already holds `after`). */
export interface FieldEdit {
  field: "displayName" | "firstName" | "lastName" | "department" | "title" | "managerId" | "extension" | "phone" | "roles";
  before: unknown;
  after: unknown;
}

export interface RowError {
  column: string;
  message: string;
}

export interface RowPlan {
  row: number;
  email: string;
  outcome: RowOutcome;
  personId: string | null;
  displayName: string | null;
  /** Before → after, as the preview shows it (managers by email). */
  changes: FieldChange[];
  errors: RowError[];
  create?: PersonCreateBody;
  update?: { edits: FieldEdit[]; licenseOps: LicenseOp[] };
}

export interface LicenseNeed {
  licenseId: string;
  name: string;
  /** Units the file's rows add. */
  needed: number;
  /** Units the file's rows free. */
  freed: number;
  /** Free units now (null: Webex reports no total). */
  remaining: number | null;
  /** Rows refused because no unit would be left for them. */
  short: number;
}

export interface ImportPlan {
  rows: RowPlan[];
  counts: Record<RowOutcome, number>;
  licenses: LicenseNeed[];
}

export interface PlanInput {
  columns: readonly ColumnBinding[];
  rows: readonly CsvRow[];
  people: readonly OrgPerson[];
  licenses: readonly (LicenseInfo & { siteUrl?: string })[];
  roles: readonly NamedId[];
  locations: readonly NamedId[];
  /** The admin importing: their own admin roles are never removed by a file. */
  actorId: string;
}

const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/;
const PHONE = /^\+?[0-9][0-9 ().-]{2,29}$/;
const EXTENSION = /^\d{2,10}$/;
const MAX_TEXT = 256;

const TEXT_FIELDS = ["firstName", "lastName", "displayName", "department", "title"] as const;

export function workPhone(p: OrgPerson): string | null {
  return p.phoneNumbers?.find((n) => n.type === "work")?.value ?? null;
}

/**
 * Whether two values of a planned edit are the same, for the plan and for the run that re-checks it: blank (absent,
 * null, "", []) equals blank, text is compared trimmed, ID lists as sets.
 */
/** `sameEdit` for one field of a planned edit: the work phone compares as a phone number (Webex normalises it). */
export function sameFieldEdit(field: FieldEdit["field"], a: unknown, b: unknown): boolean {
  if (field === "phone" && typeof a === "string" && typeof b === "string") return samePhoneNumber(a, b);
  return sameEdit(a, b);
}

export function sameEdit(a: unknown, b: unknown): boolean {
  const blank = (v: unknown) => v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);
  if (blank(a) || blank(b)) return blank(a) && blank(b);
  if (Array.isArray(a) && Array.isArray(b)) {
    const sa = new Set(a.map(String));
    const sb = new Set(b.map(String));
    return sa.size === sb.size && [...sb].every((x) => sa.has(x));
  }
  return String(a).trim() === String(b).trim();
}

export function planImport(input: PlanInput): ImportPlan {
  const header = (key: FieldKey) => input.columns.find((c) => c.kind === "field" && c.key === key)?.header ?? key;
  const byEmail = new Map<string, OrgPerson>();
  const byId = new Map<string, OrgPerson>();
  for (const p of input.people) {
    byId.set(p.id, p);
    for (const e of p.emails ?? []) byEmail.set(e.toLowerCase(), p);
  }
  const locations = new Map(input.locations.map((l) => [norm(l.name ?? l.id), l.id]));
  const locationNames = input.locations.map((l) => l.name ?? l.id);
  const licenseById = new Map(input.licenses.map((l) => [l.id, l]));
  const calling = (id: string) => {
    const l = licenseById.get(id);
    return l ? isCallingLicense(l) : false;
  };

  // Duplicate emails in the file: every occurrence is refused (which one is meant cannot be guessed).
  const emailCol = input.columns.find((c) => c.kind === "field" && c.key === "email");
  const rowsByEmail = new Map<string, number[]>();
  for (const r of input.rows) {
    const e = (emailCol ? (r.cells[emailCol.index] ?? "") : "").trim().toLowerCase();
    if (e) rowsByEmail.set(e, [...(rowsByEmail.get(e) ?? []), r.row]);
  }

  const needs = new Map<string, LicenseNeed>();
  const need = (id: string) => {
    let n = needs.get(id);
    if (!n) {
      const l = licenseById.get(id)!;
      n = { licenseId: id, name: l.name ?? id, needed: 0, freed: 0, remaining: remainingUnits(l), short: 0 };
      needs.set(id, n);
    }
    return n;
  };

  const rows: RowPlan[] = [];
  for (const r of input.rows) {
    const errors: RowError[] = [];
    const fail = (column: string, message: string) => errors.push({ column, message });
    const values = new Map<FieldKey, string>();
    const licenseFlags = new Map<string, boolean>();
    const roleFlags = new Map<string, boolean>();
    const licenseHeader = new Map<string, string>();
    const extra = r.cells.slice(Math.max(...input.columns.map((c) => c.index), 0) + 1).filter((c) => c !== "");
    for (const c of input.columns) {
      const cell = r.cells[c.index] ?? "";
      if (c.kind === "field") {
        if (cell !== "") values.set(c.key, cell);
        continue;
      }
      const flag = parseFlag(cell);
      if (flag === "invalid") {
        fail(c.header, `"${cell.slice(0, 40)}" is not TRUE, FALSE or blank.`);
        continue;
      }
      if (flag === null) continue;
      if (c.kind === "license") {
        licenseFlags.set(c.id, flag);
        licenseHeader.set(c.id, c.header);
      } else roleFlags.set(c.id, flag);
    }
    if (extra.length) fail("(row)", `The row has ${extra.length} more cell${extra.length === 1 ? "" : "s"} than the header has columns: check for a stray separator.`);

    for (const [key, v] of values) {
      if (hasUnsafeText(v)) fail(header(key), "Contains a control character or broken text: retype it.");
      else if (v.length > MAX_TEXT) fail(header(key), `At most ${MAX_TEXT} characters (this has ${v.length}).`);
    }
    const email = (values.get("email") ?? "").toLowerCase();
    if (!email) fail(header("email"), "An email is required.");
    else if (!EMAIL.test(email)) fail(header("email"), `"${email}" is not a valid email address.`);
    else if ((rowsByEmail.get(email) ?? []).length > 1) {
      fail(header("email"), `The same email is on rows ${rowsByEmail.get(email)!.join(", ")}: keep one row per person.`);
    }
    const person = email ? (byEmail.get(email) ?? null) : null;
    if (person?.type && person.type !== "person") fail(header("email"), "This is a bot or an app user: an import changes people only.");

    let managerId: string | undefined;
    const managerEmail = values.get("managerEmail")?.toLowerCase();
    if (managerEmail) {
      const m = byEmail.get(managerEmail);
      if (!EMAIL.test(managerEmail)) fail(header("managerEmail"), `"${managerEmail}" is not a valid email address.`);
      else if (!m) fail(header("managerEmail"), `No one in your organization has the email ${managerEmail} (people this file creates can be made managers once it has run).`);
      else if (m.id === person?.id || managerEmail === email) fail(header("managerEmail"), "A person cannot be their own manager.");
      else managerId = m.id;
    }
    let locationId: string | undefined;
    const locationName = values.get("location");
    if (locationName) {
      locationId = locations.get(norm(locationName));
      if (!locationId) fail(header("location"), `Unknown location "${locationName}". Locations: ${locationNames.slice(0, 8).join(", ")}${locationNames.length > 8 ? ", …" : ""}.`);
    }
    const phone = values.get("phone");
    if (phone && !PHONE.test(phone)) fail(header("phone"), `"${phone}" is not a phone number (digits, spaces, +, -, parentheses).`);
    const extension = values.get("extension");
    if (extension && !EXTENSION.test(extension)) fail(header("extension"), "An extension is 2 to 10 digits.");

    const plan: RowPlan = {
      row: r.row,
      email,
      outcome: "error",
      personId: person?.id ?? null,
      displayName: values.get("displayName") ?? person?.displayName ?? ([values.get("firstName"), values.get("lastName")].filter(Boolean).join(" ") || null),
      changes: [],
      errors,
    };
    const held = person?.licenses ?? [];
    const adds = [...licenseFlags].filter(([id, on]) => on && !held.includes(id)).map(([id]) => id);
    const removes = person ? [...licenseFlags].filter(([id, on]) => !on && held.includes(id)).map(([id]) => id) : [];
    const after = [...held.filter((id) => !removes.includes(id)), ...adds];
    const callingAfter = after.some(calling);
    const addingCalling = adds.some(calling);
    const callingHeader = licenseHeader.get(adds.find(calling) ?? "") ?? "License";

    if (!person) {
      // A new person.
      if (!values.get("displayName") && !values.get("firstName") && !values.get("lastName")) {
        fail(header("displayName"), "A new person needs a display name, or a first or last name.");
      }
      if (!callingAfter) {
        if (locationName) fail(header("location"), "A location can only be set with a Webex Calling license (add one in this row).");
        if (extension) fail(header("extension"), "An extension can only be set with a Webex Calling license (add one in this row).");
      } else if (!locationName || (!extension && !phone)) {
        fail(callingHeader, "A Webex Calling license needs a Location and an Extension (or Phone) in the same row.");
      }
      if (!errors.length) {
        const roles = [...roleFlags].filter(([, on]) => on).map(([id]) => id);
        const body: PersonCreateBody = { emails: [email] };
        for (const k of TEXT_FIELDS) if (values.get(k)) body[k] = values.get(k);
        if (managerId) body.managerId = managerId;
        if (locationId) body.locationId = locationId;
        if (extension) body.extension = extension;
        if (phone) body.phoneNumbers = [{ type: "work", value: phone }];
        if (adds.length) body.licenses = adds;
        if (roles.length) body.roles = roles;
        plan.create = body;
        plan.outcome = "create";
        const shown: [WritablePersonField, unknown][] = [
          ...TEXT_FIELDS.filter((k) => body[k]).map((k): [WritablePersonField, unknown] => [k, body[k]]),
          ["managerId", managerEmail],
          ["locationId", locationId],
          ["extension", extension],
          ["phoneNumbers", body.phoneNumbers],
          ["licenses", adds],
          ["roles", roles],
        ];
        plan.changes = shown.filter(([, v]) => v !== undefined && !(Array.isArray(v) && !v.length)).map(([field, v]) => ({ field, before: null, after: v }));
      }
    } else {
      const edits: FieldEdit[] = [];
      const shown: FieldChange[] = [];
      const edit = (field: FieldEdit["field"], before: unknown, next: unknown, display?: FieldChange) => {
        edits.push({ field, before: before ?? null, after: next });
        shown.push(display ?? { field: field as WritablePersonField, before: before ?? null, after: next });
      };
      for (const k of TEXT_FIELDS) {
        const v = values.get(k);
        if (v !== undefined && !sameEdit(person[k], v)) edit(k, person[k], v);
      }
      if (managerId && managerId !== person.managerId) {
        const was = person.managerId ? (byId.get(person.managerId)?.emails?.[0] ?? person.managerId) : null;
        edit("managerId", person.managerId, managerId, { field: "managerId", before: was, after: managerEmail });
      }
      if (phone && !sameFieldEdit("phone", workPhone(person), phone)) edit("phone", workPhone(person), phone, { field: "phoneNumbers", before: workPhone(person), after: phone });

      // Webex Calling: a location is given with the license; an existing Calling user's location cannot move.
      const properties: Record<string, string> = {};
      if (locationId) {
        if (!callingAfter) fail(header("location"), "A location can only be set with a Webex Calling license.");
        else if (addingCalling) properties.locationId = locationId;
        else if (locationId !== person.locationId) fail(header("location"), "Webex cannot move a Calling user to another location through its API: do it in Control Hub.");
      }
      if (extension) {
        if (!callingAfter) fail(header("extension"), "An extension can only be set with a Webex Calling license.");
        else if (addingCalling) properties.extension = extension;
        else if (!sameEdit(person.extension, extension)) edit("extension", person.extension, extension);
      }
      if (addingCalling && (!properties.locationId || (!properties.extension && !phone))) {
        fail(callingHeader, "Adding a Webex Calling license needs a Location and an Extension in the same row.");
      }
      if (addingCalling && phone && !properties.extension) properties.phoneNumber = phone;

      const roles = person.roles ?? [];
      const roleAfter = [...roles.filter((id) => roleFlags.get(id) !== false), ...[...roleFlags].filter(([id, on]) => on && !roles.includes(id)).map(([id]) => id)];
      if (!sameEdit(roles, roleAfter)) {
        if (person.id === input.actorId && roleAfter.length < roles.length) fail("Admin roles", "A file cannot remove your own admin roles.");
        else edit("roles", roles, roleAfter);
      }
      const licenseOps: LicenseOp[] = [
        ...adds.map((id): LicenseOp => (calling(id) && Object.keys(properties).length ? { id, operation: "add", properties } : { id, operation: "add" })),
        ...removes.map((id): LicenseOp => ({ id, operation: "remove" })),
      ];
      if (licenseOps.length) shown.push({ field: "licenses", before: held, after });
      if (!errors.length) {
        plan.update = { edits, licenseOps };
        plan.changes = shown;
        plan.outcome = edits.length || licenseOps.length ? "update" : "unchanged";
      }
    }

    // License pools: rows take units in file order; a row that would find none left is refused as a whole.
    if (!errors.length) {
      const short = adds.filter((id) => {
        const n = need(id);
        return n.remaining !== null && n.needed + 1 > n.remaining + n.freed;
      });
      if (short.length) {
        for (const id of short) {
          need(id).short += 1;
          fail(licenseHeader.get(id) ?? need(id).name, `No unit of ${need(id).name} would be left for this row (${need(id).remaining} free). Free units, or remove this row.`);
        }
        plan.outcome = "error";
        plan.changes = [];
        delete plan.create;
        delete plan.update;
      } else {
        for (const id of adds) need(id).needed += 1;
        for (const id of removes) need(id).freed += 1;
      }
    }
    rows.push(plan);
  }
  const counts = { create: 0, update: 0, unchanged: 0, error: 0 } satisfies Record<RowOutcome, number>;
  for (const p of rows) counts[p.outcome] += 1;
  return { rows, counts, licenses: [...needs.values()].sort((a, b) => a.name.localeCompare(b.name)) };
}

/** Whether comparing the file needs the org's Calling data (Location or Extension given for someone). */
export function needsCallingData(columns: readonly ColumnBinding[], rows: readonly CsvRow[]): boolean {
  const idx = columns.filter((c) => c.kind === "field" && (c.key === "location" || c.key === "extension")).map((c) => c.index);
  return idx.length > 0 && rows.some((r) => idx.some((i) => (r.cells[i] ?? "") !== ""));
}
