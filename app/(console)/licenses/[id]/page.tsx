import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { UsageByTeam } from "@/components/directory/usage-by-team";
import { ForecastPanel } from "@/components/licenses/forecast-panel";
import { HistoryChart } from "@/components/licenses/history-chart";
import { HoldersTable } from "@/components/licenses/holders-table";
import { LicenseStats } from "@/components/licenses/license-stats";
import { PageLoadError } from "@/components/ui/page-load-error";
import { DateTime } from "@/components/ui/date-time";
import { PageHeader } from "@/components/ui/page-header";
import { parseHoldersView, serializeHoldersView } from "@/lib/licenses/holders-view";
import { webexIdSchema } from "@/lib/people/schemas";
import { webexForUser } from "@/lib/server/api/webex-for-user";
import { consoleUser } from "@/lib/server/console-user";
import { loadForPage } from "@/lib/server/licenses/page-load";
import { licenseDetailView } from "@/lib/server/licenses/views";

// One load per request, shared by the title and the page (no extra Webex call for the title).
const load = cache(async (raw: string) => {
  const id = decodeURIComponent(raw);
  if (!webexIdSchema.safeParse(id).success) return null;
  const user = await consoleUser();
  return { id, loaded: await loadForPage(() => licenseDetailView(webexForUser(user), user, id)) };
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const result = await load((await params).id);
  const name = result?.loaded.ok ? result.loaded.data?.license.name : null;
  return { title: name ? `${name} · Licenses` : "License · Licenses" };
}

export default async function LicensePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await consoleUser();
  const result = await load((await params).id);
  if (!result || (result.loaded.ok && !result.loaded.data)) notFound();
  const { id, loaded } = result;
  const back = (
    <Link href="/licenses" className="text-sm font-medium text-brand-600 hover:underline">
      ← All licenses
    </Link>
  );
  if (!loaded.ok) {
    return (
      <>
        <div className="mb-2">{back}</div>
        <PageHeader title="License" />
        <PageLoadError title="Could not load this license" message={loaded.message} trackingId={loaded.trackingId} retryHref={`/licenses/${encodeURIComponent(id)}${serializeHoldersView(parseHoldersView(await searchParams))}`} />
      </>
    );
  }
  const { license, history, forecast, snapshotSkipped } = loaded.data!;
  return (
    <>
      <div className="mb-2">{back}</div>
      <PageHeader title={license.name} description="Capacity, usage history and who holds this license." />
      <div className="space-y-8">
        <LicenseStats license={license} />
        <section aria-labelledby="history-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="history-heading" className="text-base font-semibold text-slate-900">Usage history</h2>
            <p className="text-xs text-slate-500">One snapshot an hour at most, kept from page views and a periodic server task.</p>
          </div>
          {snapshotSkipped ? (
            <p role="status" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
              Last periodic snapshot skipped <DateTime value={snapshotSkipped.at} />: {snapshotSkipped.reason}.
            </p>
          ) : null}
          <div className="grid gap-6 lg:grid-cols-3">
            <div className="lg:col-span-2">
              {history.length >= 2 ? (
                <HistoryChart history={history} forecast={forecast} />
              ) : (
                <p className="flex h-40 items-center justify-center rounded-md border border-dashed border-slate-300 text-sm text-slate-600">
                  {history.length === 1 ? "One snapshot so far: the chart appears after the next one (at most hourly)." : "No snapshots yet."}
                </p>
              )}
            </div>
            <ForecastPanel forecast={forecast} />
          </div>
        </section>
        <UsageByTeam licenseId={license.id} licenseName={license.name} />
        <section aria-labelledby="holders-heading">
          <h2 id="holders-heading" className="mb-3 text-base font-semibold text-slate-900">Who holds it</h2>
          <HoldersTable licenseId={license.id} licenseName={license.name} />
        </section>
      </div>
    </>
  );
}
