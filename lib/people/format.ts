// Dates as admins read them: relative for scanning ("3 days ago"), exact on hover/focus.

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const exactFmt = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });
const dateFmt = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

function parse(iso: string | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function relativeTime(iso: string | undefined, now: number = Date.now()): string {
  const d = parse(iso);
  if (!d) return "";
  const seconds = Math.round((d.getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  for (const [unit, size] of UNITS) {
    if (abs >= size) return rtf.format(Math.trunc(seconds / size), unit);
  }
  return "just now";
}

export function exactTime(iso: string | undefined): string {
  const d = parse(iso);
  return d ? exactFmt.format(d) : "";
}

export function shortDate(iso: string | undefined): string {
  const d = parse(iso);
  return d ? dateFmt.format(d) : "";
}
