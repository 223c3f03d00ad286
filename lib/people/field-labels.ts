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
