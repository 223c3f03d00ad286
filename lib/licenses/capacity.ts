// Capacity math for license pools: one place decides what "warning", "critical", "exhausted" and "overage"
// mean, so the table, the chart, the overview tiles and the tests agree.

export type CapacityLevel = "ok" | "warning" | "critical" | "exhausted" | "overage" | "unknown";

export const WARNING_AT = 0.8;
export const CRITICAL_AT = 0.95;

export interface LicenseCounts {
  id: string;
  name?: string;
  totalUnits?: number;
  consumedUnits?: number;
  consumedByUsers?: number;
  consumedByWorkspaces?: number;
  subscriptionId?: string;
  siteUrl?: string;
  siteType?: string;
}

export interface LicenseCapacity {
  id: string;
  name: string;
  subscriptionId: string | null;
  siteUrl: string | null;
  siteType: string | null;
  total: number;
  consumed: number;
  users: number | null;
  workspaces: number | null;
  /** total − consumed; negative in overage. */
  remaining: number;
  /** consumed / total (1 = 100 %), null when the pool has no units. */
  utilisation: number | null;
  level: CapacityLevel;
}

/** The level of a pool. Thresholds: ≥ 80 % warning, ≥ 95 % critical, exactly 100 % exhausted, > 100 % overage. */
export function capacityLevel(consumed: number, total: number): CapacityLevel {
  if (!(total > 0)) return consumed > 0 ? "overage" : "unknown";
  if (consumed > total) return "overage";
  if (consumed === total) return "exhausted";
  const u = consumed / total;
  if (u >= CRITICAL_AT) return "critical";
  if (u >= WARNING_AT) return "warning";
  return "ok";
}

export const LEVEL_INFO: Record<CapacityLevel, { label: string; tone: "green" | "amber" | "red" | "violet" | "slate"; description: string; rank: number }> = {
  ok: { label: "OK", tone: "green", description: "Under 80 % used", rank: 0 },
  warning: { label: "Warning", tone: "amber", description: "80 % or more used", rank: 1 },
  critical: { label: "Critical", tone: "red", description: "95 % or more used", rank: 2 },
  exhausted: { label: "Exhausted", tone: "red", description: "Every unit is used: new assignments will fail", rank: 3 },
  overage: { label: "Overage", tone: "violet", description: "More units used than purchased", rank: 4 },
  unknown: { label: "No units", tone: "slate", description: "Webex reports no units for this license", rank: -1 },
};

export function toCapacity(l: LicenseCounts): LicenseCapacity {
  const total = num(l.totalUnits) ?? 0;
  const consumed = num(l.consumedUnits) ?? 0;
  return {
    id: l.id,
    name: l.name?.trim() || "Unnamed license",
    subscriptionId: l.subscriptionId || null,
    siteUrl: l.siteUrl || null,
    siteType: l.siteType || null,
    total,
    consumed,
    users: num(l.consumedByUsers),
    workspaces: num(l.consumedByWorkspaces),
    remaining: total - consumed,
    utilisation: total > 0 ? consumed / total : null,
    level: capacityLevel(consumed, total),
  };
}

/** Highest utilisation first; pools without units last; ties by name. */
export function byUtilisation(a: LicenseCapacity, b: LicenseCapacity): number {
  const ua = a.utilisation ?? -1;
  const ub = b.utilisation ?? -1;
  if (ua !== ub) return ub - ua;
  return a.name.localeCompare(b.name);
}

export interface SubscriptionTotals {
  subscriptionId: string | null;
  licenses: number;
  total: number;
  consumed: number;
  remaining: number;
  utilisation: number | null;
}

/** Totals per subscription (licenses without one are grouped under null), in first-seen order. */
export function totalsBySubscription(rows: readonly LicenseCapacity[]): SubscriptionTotals[] {
  const map = new Map<string | null, SubscriptionTotals>();
  for (const r of rows) {
    const t = map.get(r.subscriptionId) ?? { subscriptionId: r.subscriptionId, licenses: 0, total: 0, consumed: 0, remaining: 0, utilisation: null };
    t.licenses += 1;
    t.total += r.total;
    t.consumed += r.consumed;
    t.remaining = t.total - t.consumed;
    t.utilisation = t.total > 0 ? t.consumed / t.total : null;
    map.set(r.subscriptionId, t);
  }
  return [...map.values()];
}

/** "82 %", "100 %", "—"; whole percent except just under a threshold, so 94.9 % never reads as 95 %. */
export function formatPercent(u: number | null): string {
  if (u === null) return "—";
  const pct = u * 100;
  const whole = Math.floor(pct);
  if (pct === whole || pct >= 100) return `${Math.round(pct)} %`;
  return pct < 1 ? `${pct.toFixed(1)} %` : `${whole} %`;
}

export { formatCount } from "@/lib/format";

function num(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}
