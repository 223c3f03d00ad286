import type { Metadata } from "next";
import { IndexFreshness } from "@/components/directory/index-freshness";
import { OverviewTiles } from "@/components/overview/overview-tiles";
import { TodaysChanges } from "@/components/overview/todays-changes";
import { PageHeader } from "@/components/ui/page-header";
import { webexForUser } from "@/lib/server/api/webex-for-user";
import { consoleUser } from "@/lib/server/console-user";
import { overviewData } from "@/lib/server/licenses/overview";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const user = await consoleUser();
  // Each tile loads on its own; one failing source shows its error in its tile and leaves the rest.
  const data = await overviewData(webexForUser(user), user);
  return (
    <>
      <PageHeader title="Overview" description="Your Webex organization at a glance." />
      <OverviewTiles data={data} />
      <TodaysChanges freshness={<IndexFreshness />} />
    </>
  );
}
