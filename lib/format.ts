// Roster's one date and time formatter (issue 14's time-zone policy):
// - on screen, dates and times are in the viewer's time zone and say which ("2 Dec 2026, 05:03 PST"); the exact
//   instant is on the element (<time dateTime> with the ISO timestamp in UTC, and in its title);
// - in exports, timestamps are ISO 8601 in UTC with a `Z` (`isoUtc`);
// - a date filter ("from 2026-03-01 to 2026-03-08") means whole days in a named time zone (`zonedDayRange`).
// Every function takes the time zone explicitly: nothing here reads the machine's zone, so a server render and the
// browser print the same text for the same zone (components get the viewer's zone from useTimeZone(), which is
// "UTC" until the page is hydrated).

export type When = Date | number | string;

function toDate(at: When | null | undefined): Date | null {
  if (at === null || at === undefined || at === "") return null;
  const d = at instanceof Date ? at : new Date(at);
  return Number.isNaN(d.getTime()) ? null : d;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function fmt(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formatters.set(key, f);
  }
  return f;
}

/** Whether `tz` is a time zone this runtime knows ("Europe/Berlin", "UTC"); false for anything else. */
export function isTimeZone(tz: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const zoneName = (locale: string, timeZone: string, d: Date) =>
  fmt(locale, timeZone, { timeZoneName: "short" }).formatToParts(d).find((p) => p.type === "timeZoneName")?.value ?? timeZone;

/**
 * The zone's short label at that instant: an abbreviation when one is in common use ("CET", "PST", "UTC"), else the
 * offset ("GMT+5:30"). Daylight saving shows ("CEST", "PDT").
 */
export function zoneLabel(timeZone: string, at: When = Date.now()): string {
  const d = toDate(at) ?? new Date();
  const gb = zoneName("en-GB", timeZone, d);
  if (/^[A-Z]{2,5}$/.test(gb)) return gb;
  const us = zoneName("en-US", timeZone, d);
  return /^[A-Z]{2,5}$/.test(us) ? us : gb;
}

/** "2 Dec 2026, 05:03 PST"; "—" when there is no date. */
export function formatDateTime(at: When | null | undefined, timeZone: string): string {
  const d = toDate(at);
  if (!d) return "—";
  return `${fmt("en-GB", timeZone, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(d)} ${zoneLabel(timeZone, d)}`;
}

/** "2 Dec 2026" (the day in that zone); "—" when there is no date. */
export function formatDate(at: When | null | undefined, timeZone: string): string {
  const d = toDate(at);
  return d ? fmt("en-GB", timeZone, { day: "numeric", month: "short", year: "numeric" }).format(d) : "—";
}

/** "Wednesday, 2 December 2026 at 05:03:05 PST (2026-12-02T13:03:05.000Z)": for a title, where nothing is cut. */
export function formatFull(at: When | null | undefined, timeZone: string): string {
  const d = toDate(at);
  if (!d) return "";
  const local = fmt("en-GB", timeZone, { weekday: "long", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" }).format(d);
  return `${local} ${zoneLabel(timeZone, d)} (${d.toISOString()})`;
}

/** ISO 8601 in UTC with a `Z` ("2026-12-02T13:03:05.000Z"), as every export writes times; "" when there is none. */
export function isoUtc(at: When | null | undefined): string {
  return toDate(at)?.toISOString() ?? "";
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];
const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "3 days ago", "in 2 hours", "just now": the same in every time zone. "" when there is no date. */
export function relativeTime(at: When | null | undefined, now: number = Date.now()): string {
  const d = toDate(at);
  if (!d) return "";
  const seconds = Math.round((d.getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  for (const [unit, size] of UNITS) {
    if (abs >= size) return rtf.format(Math.trunc(seconds / size), unit);
  }
  return "just now";
}

/** Days since an ISO date, for "last active 120 days ago". */
export function daysSince(iso: string | null | undefined, now = Date.now()): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? Math.floor((now - t) / 86_400_000) : null;
}

// ---- Date filters: whole days in a named zone ----

/** The zone's offset from UTC at that instant, in milliseconds (Berlin in winter: +3,600,000). */
function offsetMs(timeZone: string, t: number): number {
  const parts = fmt("en-US", timeZone, { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" }).formatToParts(new Date(t));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour") % 24, get("minute"), get("second"));
  return asUtc - (t - (((t % 1000) + 1000) % 1000));
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The first instant of a calendar day ("2026-03-08") in a zone, as epoch milliseconds. */
export function startOfZonedDay(day: string, timeZone: string): number {
  const m = DAY_RE.exec(day);
  if (!m) throw new RangeError(`Not a day: ${day}`);
  const midnightUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // Local midnight is midnightUtc - offset, with the offset in force then (it may differ from the one at UTC midnight).
  const o1 = offsetMs(timeZone, midnightUtc);
  const t1 = midnightUtc - o1;
  const o2 = offsetMs(timeZone, t1);
  if (o2 === o1) return t1;
  const t2 = midnightUtc - o2;
  if (offsetMs(timeZone, t2) === o2) return t2;
  // The clocks jump over midnight (e.g. America/Santiago): the day starts when they jump, the later candidate.
  return Math.max(t1, t2);
}

function nextDay(day: string): string {
  const m = DAY_RE.exec(day);
  if (!m) throw new RangeError(`Not a day: ${day}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1)).toISOString().slice(0, 10);
}

/**
 * The instants a "from"/"to" day filter covers in `timeZone`: from the start of `from` (inclusive) to the start of
 * the day after `to` (exclusive), so "to" includes the whole of its day there. Either end may be absent.
 */
export function zonedDayRange(from: string | undefined, to: string | undefined, timeZone: string): { start?: Date; end?: Date } {
  return {
    ...(from ? { start: new Date(startOfZonedDay(from, timeZone)) } : {}),
    ...(to ? { end: new Date(startOfZonedDay(nextDay(to), timeZone)) } : {}),
  };
}

const counts = new Intl.NumberFormat("en-US");
/** A count as the console writes it everywhere: "12,345". */
export const formatCount = (n: number): string => counts.format(n);
