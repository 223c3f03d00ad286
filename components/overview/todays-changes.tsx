"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { DateTime, useTimeZone } from "@/components/ui/date-time";
import { Skeleton } from "@/components/ui/skeleton";
import { useIsClient } from "@/components/ui/use-is-client";
import { CHANGE_KINDS, CHANGE_KIND_LABELS, TRACKED_FIELD_LABELS, type ChangeItem } from "@/lib/directory/changes";
import { changesHref, dayIn } from "@/lib/directory/changes-view";
import { changesOptions } from "@/lib/query/changes";

const LIMIT = 200;
const TONES: Record<ChangeItem["kind"], BadgeTone> = { added: "green", removed: "red", changed: "blue" };

/**
 * The day's changes seen in Webex by the index's syncs (the viewer's day): counts by kind, the latest few, and a link
 * to /changes filtered to today. `freshness` is the index's age line, shown beside it.
 */
export function TodaysChanges({ freshness }: { freshness: React.ReactNode }) {
  const timeZone = useTimeZone();
  const hydrated = useIsClient();
  const today = dayIn(timeZone);
  // Not before hydration: until then the zone is a stand-in ("UTC") and "today" may be another day.
  const q = useQuery({ ...changesOptions({ from: today, to: today, tz: timeZone, limit: LIMIT }), enabled: hydrated });
  const counts = Object.fromEntries(CHANGE_KINDS.map((k) => [k, q.data?.items.filter((c) => c.kind === k).length ?? 0])) as Record<ChangeItem["kind"], number>;
  const more = !!q.data?.nextCursor;
  return (
    <section aria-labelledby="tile-changes-h" className="mt-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="tile-changes">
      <h2 id="tile-changes-h" className="text-sm font-semibold uppercase tracking-wide text-slate-600">
        Today&apos;s changes in Webex
      </h2>
      <div className="mt-1">{freshness}</div>
      <div className="mt-3" aria-live="polite">
        {!hydrated || q.isPending ? (
          <Skeleton className="h-10 w-full" />
        ) : q.isError ? (
          <p role="alert" className="text-sm text-rose-800">
            Could not load: {(q.error as Error).message}
          </p>
        ) : q.data.items.length === 0 ? (
          <p className="text-sm text-slate-600">No changes seen today. Changes made in Webex show here after the next sync.</p>
        ) : (
          <>
            <dl className="grid grid-cols-3 gap-2 text-sm">
              {CHANGE_KINDS.map((k) => (
                <div key={k} className="flex items-baseline justify-between rounded-md bg-slate-50 px-3 py-2">
                  <dt className="text-xs text-slate-600">{CHANGE_KIND_LABELS[k]}</dt>
                  <dd className="text-xl font-semibold tabular-nums" data-testid={`changes-count-${k}`}>
                    {counts[k]}
                    {more ? "+" : ""}
                  </dd>
                </div>
              ))}
            </dl>
            <ul className="mt-3 space-y-1 text-sm">
              {q.data.items.slice(0, 5).map((c) => (
                <li key={c.id} className="flex flex-wrap items-baseline justify-between gap-2">
                  <span className="min-w-0 [overflow-wrap:anywhere]">
                    <Badge tone={TONES[c.kind]} dot>
                      {CHANGE_KIND_LABELS[c.kind]}
                    </Badge>{" "}
                    <span className="text-slate-800">{c.displayName || c.email}</span>
                    {c.field ? <span className="text-slate-600"> · {TRACKED_FIELD_LABELS[c.field]}</span> : null}
                  </span>
                  <DateTime value={c.seenTo} mode="relative" className="text-xs text-slate-500" />
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <Link href={changesHref({ from: today, to: today })} className="mt-4 inline-block text-sm font-medium text-brand-600 hover:underline">
        See today&apos;s changes <span aria-hidden>→</span>
      </Link>
    </section>
  );
}
