// Browser-safe shapes of what /api/people, /api/licenses, /api/roles and /api/locations return.
// The server validates Webex responses (lib/server/webex/models.ts); these types only describe the JSON.

export interface Person {
  id: string;
  emails?: string[];
  displayName?: string;
  firstName?: string;
  lastName?: string;
  nickName?: string;
  avatar?: string;
  orgId?: string;
  roles?: string[];
  licenses?: string[];
  department?: string;
  title?: string;
  locationId?: string;
  created?: string;
  lastModified?: string;
  lastActivity?: string;
  status?: string;
  invitePending?: boolean;
  loginEnabled?: boolean;
  type?: string;
}

export interface PeoplePage {
  items: Person[];
  nextCursor: string | null;
}

export interface NamedItem {
  id: string;
  name?: string;
}

export type License = NamedItem & { totalUnits?: number; consumedUnits?: number };
export type Role = NamedItem;
export type Location = NamedItem;

export interface ListResponse<T> {
  items: T[];
}

export type StatusTone = "green" | "blue" | "red" | "amber" | "violet" | "slate";

/** Webex presence/status values (docs/webex-api.md) → a label that never relies on colour alone. */
const STATUS: Record<string, { label: string; tone: StatusTone; description: string }> = {
  active: { label: "Active", tone: "green", description: "Active in Webex" },
  call: { label: "In a call", tone: "blue", description: "On a call" },
  meeting: { label: "In a meeting", tone: "blue", description: "In a meeting" },
  presenting: { label: "Presenting", tone: "blue", description: "Presenting" },
  DoNotDisturb: { label: "Do not disturb", tone: "red", description: "Do not disturb is on" },
  OutOfOffice: { label: "Out of office", tone: "amber", description: "Out of office" },
  inactive: { label: "Inactive", tone: "slate", description: "Not active recently" },
  pending: { label: "Pending", tone: "violet", description: "Has never signed in" },
  unknown: { label: "Unknown", tone: "slate", description: "Webex does not know this person's status" },
};

export function statusInfo(status: string | undefined): { label: string; tone: StatusTone; description: string } {
  if (!status) return { label: "—", tone: "slate", description: "No status reported" };
  return STATUS[status] ?? { label: status, tone: "slate", description: `Webex status "${status}"` };
}

export function primaryEmail(person: Person): string {
  return person.emails?.[0] ?? "";
}

export function personName(person: Person): string {
  const full = [person.firstName, person.lastName].filter(Boolean).join(" ");
  return person.displayName || full || primaryEmail(person) || "Unnamed person";
}

export function initials(name: string): string {
  return name
    .split(/[\s@.]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p[0]?.toUpperCase() ?? "")
    .join("");
}

/** id → name lookups; unknown IDs fall back to a short, honest placeholder. */
export type NameLookup = ReadonlyMap<string, string>;

export function toLookup(items: readonly NamedItem[] | undefined): NameLookup {
  return new Map((items ?? []).map((i) => [i.id, i.name || "Unnamed"]));
}

export function resolveNames(ids: readonly string[] | undefined, lookup: NameLookup): string[] {
  return (ids ?? []).map((id) => lookup.get(id) ?? "Unknown (not in your organization's list)");
}
