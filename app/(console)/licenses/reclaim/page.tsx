import type { Metadata } from "next";
import Link from "next/link";
import { PageLoadError } from "@/components/ui/page-load-error";
import { ReclaimView } from "@/components/licenses/reclaim-view";
import { PageHeader } from "@/components/ui/page-header";
import { parseReclaimView, serializeReclaimView } from "@/lib/licenses/reclaim-url";
import { webexForUser } from "@/lib/server/api/webex-for-user";
import { consoleUser } from "@/lib/server/console-user";
import { getDb } from "@/lib/server/db";
import { loadForPage } from "@/lib/server/licenses/page-load";
import { reclaimView } from "@/lib/server/licenses/views";
import { referenceLicenses } from "@/lib/server/reference";

export const metadata: Metadata = { title: "Reclaim · Licenses" };

export default async function ReclaimPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await consoleUser();
  // The criteria and filters in the URL (a reload, a forwarded link) arrive with the HTML.
  const initialView = parseReclaimView(await searchParams);
  const { inviteDays, inactiveDays, reason, license } = initialView;
  const loaded = await loadForPage(async () => {
    const [view, licenses] = await Promise.all([
      reclaimView(await getDb(), user.orgId, { inviteDays, inactiveDays }, { reason: reason ?? undefined, licenseId: license ?? undefined }),
      referenceLicenses(user, webexForUser(user)),
    ]);
    return { view, names: Object.fromEntries(licenses.items.map((l) => [l.id, l.name ?? "Unnamed license"])) };
  });
  return (
    <>
      <div className="mb-2">
        <Link href="/licenses" className="text-sm font-medium text-brand-600 hover:underline">
          ← All licenses
        </Link>
      </div>
      <PageHeader title="Reclaim licenses" description="Licensed people who are deactivated, never accepted their invite, or have gone quiet." />
      {loaded.ok ? (
        <ReclaimView initial={loaded.data.view} initialView={initialView} canWrite={user.canWrite} licenseNames={loaded.data.names} />
      ) : (
        <PageLoadError title="Could not load the reclaim view" message={loaded.message} trackingId={loaded.trackingId} retryHref={`/licenses/reclaim${serializeReclaimView(initialView)}`} />
      )}
    </>
  );
}
