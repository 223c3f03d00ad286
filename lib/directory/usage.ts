import type { IndexedPerson } from "./types";

// License usage by team (issue 15): from the directory index, how many units of each license a department, a
// location or a manager's reports hold, what share of the license's pool that is, and how many of the holders have
// been idle for 30 / 90 days. Pure: the server computes it over the cached snapshot (in memory), the tests compare
// it with the emulator. Idle = last activity older than the cut-off, or never (no lastActivity).

export const USAGE_GROUPINGS = ["department", "location", "manager"] as const;
export type UsageGrouping = (typeof USAGE_GROUPINGS)[number];

export const DAY_MS = 86_400_000;
export const IDLE_DAYS = [30, 90] as const;

export const NO_GROUP_LABEL: Record<UsageGrouping, string> = {
  department: "No department",
  location: "No location",
  manager: "No manager",
};

export interface UsageLicense {
  id: string;
  name: string;
  /** The license's pool (Webex's totalUnits); 0 or less: share is null. */
  totalUnits: number;
}

export interface LicenseUsage {
  licenseId: string;
  /** Units held by the group's people (one per holder). */
  held: number;
  /** held / totalUnits; null when the pool is empty or unknown. */
  share: number | null;
  /** Holders whose last activity is older than 30 / 90 days, or who were never active. */
  idle30: number;
  idle90: number;
}

export interface UsageRow {
  /**
   * The group: a department's name, a location ID, a manager's person ID, "name:<text>" for people whose manager
   * Webex names without an ID; null for people with none ("No department", …).
   */
  key: string | null;
  label: string;
  /** People in the group (with or without a license). */
  people: number;
  /** People in the group holding at least one of the licenses counted. */
  holders: number;
  /** Units held, all the licenses counted together. */
  units: number;
  /** Units held by holders idle 30 / 90 days (per license, summed; a chart stacks these). */
  idle30Units: number;
  idle90Units: number;
  /** Holders (people) idle 30 / 90 days. */
  idle30: number;
  idle90: number;
  /** One entry per license counted, in the order given. */
  licenses: LicenseUsage[];
}

export interface UsageOptions {
  /** Only this license (a license's page); otherwise every license given. */
  licenseId?: string;
  /** Manager grouping: count everyone under a manager (reports of reports too), not only direct reports. */
  indirect?: boolean;
  /** Location names (ID → name), as /api/locations gives them. */
  locationName?: (id: string) => string | undefined;
}

function managerKey(p: IndexedPerson): string | null {
  if (p.managerId) return p.managerId;
  const text = p.manager?.trim();
  return text ? `name:${text}` : null;
}

/** Each person's groups (one, except for managers' chains when indirect reports count). */
function groupsOf(people: readonly IndexedPerson[], by: UsageGrouping, indirect: boolean): Map<string | null, IndexedPerson[]> {
  const groups = new Map<string | null, IndexedPerson[]>();
  const add = (key: string | null, p: IndexedPerson) => {
    const list = groups.get(key);
    if (list) list.push(p);
    else groups.set(key, [p]);
  };
  const byId = by === "manager" && indirect ? new Map(people.map((p) => [p.id, p])) : null;
  for (const p of people) {
    if (by === "department") add(p.department?.trim() || null, p);
    else if (by === "location") add(p.locationId || null, p);
    else {
      const key = managerKey(p);
      add(key, p);
      if (byId && p.managerId) {
        // Up the chain: the manager's manager, … (a cycle in Webex's data stops at the first repeat).
        const seen = new Set([p.id, p.managerId]);
        let up = byId.get(p.managerId)?.managerId ?? null;
        while (up && !seen.has(up)) {
          seen.add(up);
          add(up, p);
          up = byId.get(up)?.managerId ?? null;
        }
      }
    }
  }
  return groups;
}

function labelFor(by: UsageGrouping, key: string | null, members: readonly IndexedPerson[], people: ReadonlyMap<string, IndexedPerson>, opts: UsageOptions): string {
  if (key === null) return NO_GROUP_LABEL[by];
  if (by === "department") return key;
  if (by === "location") return opts.locationName?.(key) ?? `Unknown location (${key})`;
  if (key.startsWith("name:")) return key.slice(5);
  const indexed = people.get(key)?.displayName;
  if (indexed) return indexed;
  const text = members.find((m) => m.managerId === key && m.manager?.trim())?.manager?.trim();
  return text ?? `Unknown manager (${key})`;
}

/**
 * One row per group, sorted by units held (descending), then by label. `now` is the instant idle days count from.
 * A licenseId that is not among `licenses` counts nothing (every row 0 units).
 */
export function usageBreakdown(
  people: readonly IndexedPerson[],
  licenses: readonly UsageLicense[],
  by: UsageGrouping,
  now: number,
  opts: UsageOptions = {},
): UsageRow[] {
  const counted = opts.licenseId === undefined ? licenses : licenses.filter((l) => l.id === opts.licenseId);
  const index = new Map(counted.map((l, i) => [l.id, i]));
  const cut30 = now - 30 * DAY_MS;
  const cut90 = now - 90 * DAY_MS;
  const byId = new Map(people.map((p) => [p.id, p]));
  const rows: UsageRow[] = [];
  for (const [key, members] of groupsOf(people, by, opts.indirect === true)) {
    const per = counted.map<LicenseUsage>((l) => ({ licenseId: l.id, held: 0, share: null, idle30: 0, idle90: 0 }));
    const row: UsageRow = { key, label: labelFor(by, key, members, byId, opts), people: members.length, holders: 0, units: 0, idle30Units: 0, idle90Units: 0, idle30: 0, idle90: 0, licenses: per };
    for (const p of members) {
      const t = p.lastActivity ? Date.parse(p.lastActivity) : Number.NaN;
      const idle30 = !Number.isFinite(t) || t < cut30;
      const idle90 = !Number.isFinite(t) || t < cut90;
      let holds = false;
      for (const id of new Set(p.licenses)) {
        const i = index.get(id);
        if (i === undefined) continue;
        const u = per[i]!;
        holds = true;
        u.held++;
        row.units++;
        if (idle30) {
          u.idle30++;
          row.idle30Units++;
        }
        if (idle90) {
          u.idle90++;
          row.idle90Units++;
        }
      }
      if (holds) {
        row.holders++;
        if (idle30) row.idle30++;
        if (idle90) row.idle90++;
      }
    }
    counted.forEach((l, i) => {
      per[i]!.share = l.totalUnits > 0 ? per[i]!.held / l.totalUnits : null;
    });
    rows.push(row);
  }
  return rows.sort((a, b) => b.units - a.units || (a.key === null ? 1 : 0) - (b.key === null ? 1 : 0) || a.label.localeCompare(b.label));
}

/** The person the signed-in admin is in the index (matched by email, case-insensitive), if any. */
export function personByEmail(people: readonly IndexedPerson[], email: string): IndexedPerson | null {
  const e = email.trim().toLowerCase();
  return people.find((p) => p.email === e) ?? null;
}

/** How many people name this person as their manager (direct reports). */
export function directReports(people: readonly IndexedPerson[], managerId: string): number {
  let n = 0;
  for (const p of people) if (p.managerId === managerId) n++;
  return n;
}

/** GET /api/licenses/usage (shared by the route and the browser). */
export interface UsageResponse {
  /** False when Roster has never indexed the org: no rows; the page offers Sync now. */
  indexed: boolean;
  by: UsageGrouping;
  indirect: boolean;
  licenseId: string | null;
  /** When the index was read from Webex (epoch ms); locations have their own age. */
  asOf: number | null;
  locationsAsOf: number | null;
  /** The licenses counted, in the order of each row's `licenses`. */
  licenses: UsageLicense[];
  rows: UsageRow[];
  /** People in the index. */
  people: number;
  /** The signed-in admin in the index (matched by email), with their direct reports; null when not found. */
  viewer: { personId: string; displayName: string; directReports: number } | null;
}
