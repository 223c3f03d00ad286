import type { Metadata } from "next";
import { ActivityView } from "@/components/activity/activity-view";
import { PageHeader } from "@/components/ui/page-header";
import { consoleUser } from "@/lib/server/console-user";

export const metadata: Metadata = { title: "Activity" };

export default async function ActivityPage() {
  await consoleUser();
  return (
    <>
      <PageHeader title="Activity" description="Every change made through Roster: who, what, and the exact field-level difference." />
      <ActivityView />
    </>
  );
}
