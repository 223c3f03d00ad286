// How person fields are named and shown in the review dialog, the activity trail and CSV.

export const FIELD_LABELS: Record<string, string> = {
  emails: "Email",
  displayName: "Display name",
  firstName: "First name",
  lastName: "Last name",
  department: "Department",
  title: "Title",
  manager: "Manager",
  managerId: "Manager (ID)",
  phoneNumbers: "Phone numbers",
  addresses: "Addresses",
  extension: "Extension",
  locationId: "Location",
  licenses: "Licenses",
  roles: "Admin roles",
  loginEnabled: "Sign-in",
  avatar: "Avatar",
  siteUrls: "Meeting sites",
};

export function formatPhone(n: { type?: string; value?: string; primary?: boolean }): string {
  const type = n.type === "work_extension" ? "work extension" : (n.type ?? "");
  return `${n.value ?? ""}${type ? ` (${type}${n.primary ? ", primary" : ""})` : ""}`;
}

export function formatAddress(a: Record<string, unknown>): string {
  return ["streetAddress", "locality", "region", "postalCode", "country"]
    .map((k) => a[k])
    .filter((v): v is string => typeof v === "string" && v.length > 0)
    .join(", ");
}

/** A plain-text rendering of any field value ("—" when not set). */
export function formatFieldValue(v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "boolean") return v ? "Enabled" : "Disabled";
  if (Array.isArray(v)) {
    if (v.length === 0) return "—";
    return v
      .map((item) => {
        if (item && typeof item === "object") {
          const o = item as Record<string, unknown>;
          return "value" in o ? formatPhone(o) : formatAddress(o);
        }
        return String(item);
      })
      .join("; ");
  }
  if (typeof v === "object") return formatAddress(v as Record<string, unknown>);
  return String(v);
}

export interface Lookups {
  licenses: ReadonlyMap<string, string>;
  roles: ReadonlyMap<string, string>;
  locations: ReadonlyMap<string, string>;
}

export interface ChangeView {
  field: string;
  label: string;
  /** For list fields of IDs (licenses, roles): names added and removed. */
  added?: string[];
  removed?: string[];
  before: string;
  after: string;
}

// IDs share a long common prefix (base64 of "ciscospark://us/…"): the tail is what tells two unknown ones apart.
const nameOf = (map: ReadonlyMap<string, string>, id: string) => map.get(id) ?? `Unknown (…${id.slice(-8)})`;
const ids = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/** A field change as people read it: names instead of IDs, added/removed for licenses and roles. */
export function describeChange(change: { field: string; before: unknown; after: unknown }, lookups: Lookups): ChangeView {
  const label = FIELD_LABELS[change.field] ?? change.field;
  if (change.field === "licenses" || change.field === "roles") {
    const map = change.field === "licenses" ? lookups.licenses : lookups.roles;
    const b = new Set(ids(change.before));
    const a = new Set(ids(change.after));
    const added = [...a].filter((id) => !b.has(id)).map((id) => nameOf(map, id));
    const removed = [...b].filter((id) => !a.has(id)).map((id) => nameOf(map, id));
    return {
      field: change.field,
      label,
      added,
      removed,
      before: [...b].map((id) => nameOf(map, id)).join(", ") || "—",
      after: [...a].map((id) => nameOf(map, id)).join(", ") || "—",
    };
  }
  if (change.field === "locationId") {
    const fmt = (v: unknown) => (typeof v === "string" && v ? nameOf(lookups.locations, v) : "—");
    return { field: change.field, label, before: fmt(change.before), after: fmt(change.after) };
  }
  return { field: change.field, label, before: formatFieldValue(change.before), after: formatFieldValue(change.after) };
}
