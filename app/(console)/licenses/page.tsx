import type { Metadata } from "next";
import { UsageByTeam } from "@/components/directory/usage-by-team";
import { LicensesDashboard } from "@/components/licenses/licenses-dashboard";
import { PageLoadError } from "@/components/ui/page-load-error";
import { PageHeader } from "@/components/ui/page-header";
import { webexForUser } from "@/lib/server/api/webex-for-user";
import { consoleUser } from "@/lib/server/console-user";
import { loadForPage } from "@/lib/server/licenses/page-load";
import { capacityView } from "@/lib/server/licenses/views";
import { parseLicensesView, serializeLicensesView } from "@/lib/licenses/licenses-view";

export const metadata: Metadata = { title: "Licenses" };

export default async function LicensesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await consoleUser();
  const loaded = await loadForPage(() => capacityView(webexForUser(user), user));
  return (
    <>
      <PageHeader title="Licenses" description="How many licenses are left in each pool, and which need attention." />
      {loaded.ok ? (
        <LicensesDashboard initial={loaded.data} />
      ) : (
        <PageLoadError title="Could not load the licenses" message={loaded.message} trackingId={loaded.trackingId} retryHref={`/licenses${serializeLicensesView(parseLicensesView(await searchParams))}`} />
      )}
      <div className="mt-8">
        <UsageByTeam />
      </div>
    </>
  );
}
