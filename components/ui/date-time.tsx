"use client";

import { useSyncExternalStore } from "react";
import { formatDate, formatDateTime, formatFull, isoUtc, relativeTime, zoneLabel, type When } from "@/lib/format";
import { cn } from "./cn";
import { useIsClient } from "./use-is-client";

// The viewer's time zone, for lib/format. The server cannot know it: server renders and the hydrating render use
// "UTC" (labelled as such, so nothing on screen is wrong), and React re-renders with the browser's zone right after
// hydration. Server and browser therefore print the same text and hydration never mismatches.

const noSubscription = () => () => undefined;
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

/** The viewer's IANA time zone ("Europe/Berlin"); "UTC" on the server and while hydrating. */
export function useTimeZone(): string {
  return useSyncExternalStore(noSubscription, browserZone, () => "UTC");
}


/**
 * A date or time as the policy says: in the viewer's zone and labelled ("2 Dec 2026, 05:03 PST"), or relative
 * ("3 days ago"), or the day alone; the instant in UTC in `dateTime` and, with the full local time, in the title.
 */
export function DateTime({ value, mode = "datetime", className, empty = "—" }: { value: When | null | undefined; mode?: "datetime" | "date" | "relative"; className?: string; empty?: string }) {
  const timeZone = useTimeZone();
  const hydrated = useIsClient();
  const iso = isoUtc(value);
  if (!iso) return <span className={className}>{empty}</span>;
  // Relative text depends on the clock: until hydrated, the labelled time stands in for it.
  const text = mode === "date" ? formatDate(iso, timeZone) : mode === "relative" && hydrated ? relativeTime(iso) : formatDateTime(iso, timeZone);
  return (
    <time dateTime={iso} title={formatFull(iso, timeZone)} className={cn("tabular-nums", className)}>
      {text}
    </time>
  );
}

/** "Times in America/Los_Angeles (PST)": the caption of a page or table whose times are in the viewer's zone. */
export function TimeZoneNote({ id, className, prefix = "Times in" }: { id?: string; className?: string; prefix?: string }) {
  const timeZone = useTimeZone();
  return (
    <p id={id} className={cn("text-xs text-slate-500", className)} data-testid="time-zone-note">
      {`${prefix} ${timeZone === "UTC" ? "UTC" : `${timeZone.replace(/_/g, " ")} (${zoneLabel(timeZone)})`}`}
    </p>
  );
}
