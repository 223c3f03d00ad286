import type { Metadata } from "next";
import { JobsList } from "@/components/jobs/jobs-list";
import { PageHeader } from "@/components/ui/page-header";
import { consoleUser } from "@/lib/server/console-user";
import { getDb } from "@/lib/server/db";
import { listJobs } from "@/lib/server/jobs/store";
import { jobViews } from "@/lib/server/jobs/views";

export const metadata: Metadata = { title: "Jobs" };

export default async function JobsPage() {
  const user = await consoleUser();
  const db = await getDb();
  const items = await jobViews(db, user.orgId, await listJobs(db, user.orgId, { limit: 50 }));
  return (
    <>
      <PageHeader title="Jobs" description="Bulk work runs here, on the server: it goes on when you close the page, and its results stay." />
      <JobsList initial={{ items }} />
    </>
  );
}
