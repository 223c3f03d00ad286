import { csvHeader, csvRow } from "@/lib/csv";
import { capacityLevel, LEVEL_INFO, type CapacityLevel } from "@/lib/licenses/capacity";

// The daily digest (issue 15, "Optionally notify"): one day's changes seen by the directory sync, and the license
// pools whose capacity level changed that day, as a file an admin downloads (GET /api/digest). Pure.

export interface DigestChange {
  /** When the sync that saw it read Webex (ms). */
  seenAt: number;
  email: string;
  displayName: string;
  kind: "added" | "removed" | "changed";
  field: string | null;
  before: unknown;
  after: unknown;
  actor: string | null;
  reverted: boolean;
}

export interface LicenseSnapshot {
  licenseId: string;
  name: string | null;
  at: number;
  total: number;
  consumed: number;
}

export interface LevelCrossing {
  licenseId: string;
  name: string;
  at: number;
  from: CapacityLevel;
  to: CapacityLevel;
  consumed: number;
  total: number;
  /** Toward exhaustion (ok → warning → critical → exhausted → overage), or back. */
  direction: "up" | "down";
}

export interface Digest {
  /** YYYY-MM-DD, a UTC day. */
  date: string;
  changes: DigestChange[];
  /** More changes than the digest holds (the count is of those it holds). */
  truncated: boolean;
  crossings: LevelCrossing[];
  /** License ID → name, to show licenses in changed fields by name. */
  licenseNames: ReadonlyMap<string, string>;
}

/**
 * Every change of a pool's capacity level within the day. `baseline` is each license's last snapshot before the
 * day (absent: the day's first snapshot sets the level without a crossing); `day` the day's snapshots, any order.
 */
export function levelCrossings(baseline: readonly LicenseSnapshot[], day: readonly LicenseSnapshot[]): LevelCrossing[] {
  const level = new Map<string, CapacityLevel>(baseline.map((s) => [s.licenseId, capacityLevel(s.consumed, s.total)]));
  const out: LevelCrossing[] = [];
  for (const s of [...day].sort((a, b) => a.at - b.at || a.licenseId.localeCompare(b.licenseId))) {
    const to = capacityLevel(s.consumed, s.total);
    const from = level.get(s.licenseId);
    level.set(s.licenseId, to);
    if (from === undefined || from === to || to === "unknown" || from === "unknown") continue;
    out.push({
      licenseId: s.licenseId,
      name: s.name ?? s.licenseId,
      at: s.at,
      from,
      to,
      consumed: s.consumed,
      total: s.total,
      direction: LEVEL_INFO[to].rank > LEVEL_INFO[from].rank ? "up" : "down",
    });
  }
  return out;
}

export function countByKind(changes: readonly DigestChange[]): Record<DigestChange["kind"], number> {
  const out = { added: 0, removed: 0, changed: 0 };
  for (const c of changes) out[c.kind]++;
  return out;
}

function value(v: unknown, names: ReadonlyMap<string, string>): string {
  if (v === null || v === undefined || v === "") return "—";
  if (Array.isArray(v)) return v.length ? v.map((x) => names.get(String(x)) ?? String(x)).join(", ") : "none";
  if (typeof v === "boolean") return v ? "yes" : "no";
  return String(v);
}

const time = (ms: number) => new Date(ms).toISOString().slice(11, 16);

/** Text from Webex inside Markdown: no markup, no table breaks, one line. */
export function mdText(s: string): string {
  return s.replace(/[\r\n]+/g, " ").replace(/([\\`*_[\]<>|#!~])/g, "\\$1");
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

export function digestMarkdown(d: Digest): string {
  const counts = countByKind(d.changes);
  const lines = [
    `# Roster daily digest — ${d.date} (UTC)`,
    "",
    "What Roster's directory index saw change in Webex that day, between its syncs, and the license pools whose capacity level changed. Times are UTC.",
    "",
    "## People",
    "",
    d.changes.length
      ? `${plural(counts.added, "person", "people")} added, ${plural(counts.removed, "person", "people")} removed, ${plural(counts.changed, "field", "fields")} changed${d.truncated ? " (the first ones only: the day has more; see the change feed)" : ""}.`
      : "No changes were seen that day.",
    "",
  ];
  if (d.changes.length) {
    lines.push("| Seen | Person | Change | Before | After | By |", "| --- | --- | --- | --- | --- | --- |");
    for (const c of d.changes) {
      const who = `${mdText(c.displayName || c.email)} (${mdText(c.email)})`;
      const what = c.kind === "changed" ? mdText(c.field ?? "") : c.kind;
      const before = c.kind === "changed" ? mdText(value(c.before, d.licenseNames)) : "";
      const after = c.kind === "changed" ? mdText(value(c.after, d.licenseNames)) : "";
      lines.push(`| ${time(c.seenAt)} | ${who} | ${what}${c.reverted ? " (reverted)" : ""} | ${before} | ${after} | ${c.actor ? mdText(c.actor) : "—"} |`);
    }
    lines.push("");
  }
  lines.push("## License pools", "");
  if (!d.crossings.length) lines.push("No pool changed capacity level that day (levels: warning at 80 % used, critical at 95 %, exhausted at 100 %).");
  else {
    lines.push("| Time | License | Level | Used |", "| --- | --- | --- | --- |");
    for (const x of d.crossings)
      lines.push(`| ${time(x.at)} | ${mdText(x.name)} | ${LEVEL_INFO[x.from].label} → ${LEVEL_INFO[x.to].label} | ${x.consumed.toLocaleString("en-US")} of ${x.total.toLocaleString("en-US")} |`);
  }
  lines.push("");
  return lines.join("\n");
}

export const DIGEST_CSV_HEADER = ["Section", "Seen (UTC)", "Name", "Email or license ID", "Change", "Before", "After", "By", "Reverted"] as const;

/** The same digest as CSV: one row per change, then one per pool crossing (section "license"). */
export function digestCsv(d: Digest): string {
  const iso = (ms: number) => new Date(ms).toISOString();
  const rows = d.changes.map((c) =>
    csvRow([
      "person",
      iso(c.seenAt),
      c.displayName,
      c.email,
      c.kind === "changed" ? c.field : c.kind,
      c.kind === "changed" ? value(c.before, d.licenseNames) : "",
      c.kind === "changed" ? value(c.after, d.licenseNames) : "",
      c.actor ?? "",
      c.reverted ? "yes" : "",
    ]),
  );
  for (const x of d.crossings)
    rows.push(csvRow(["license", iso(x.at), x.name, x.licenseId, "capacity level", `${LEVEL_INFO[x.from].label}`, `${LEVEL_INFO[x.to].label} (${x.consumed} of ${x.total})`, "", ""]));
  return csvHeader(DIGEST_CSV_HEADER) + rows.join("");
}
