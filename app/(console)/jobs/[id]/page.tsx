import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { JobPage } from "@/components/jobs/job-page";
import { PageHeader } from "@/components/ui/page-header";
import { jobIdSchema } from "@/lib/jobs/schemas";
import { consoleUser } from "@/lib/server/console-user";
import { getDb } from "@/lib/server/db";
import { getJob } from "@/lib/server/jobs/store";
import { jobViews } from "@/lib/server/jobs/views";

// Once per request: the title and the page share it.
const load = cache(async (id: string) => {
  if (!jobIdSchema.safeParse(id).success) return null;
  const user = await consoleUser();
  const db = await getDb();
  const job = await getJob(db, user.orgId, id);
  // A draft is a preview nobody ran; another org's job is indistinguishable from none.
  if (!job || job.status === "draft") return null;
  return { user, view: (await jobViews(db, user.orgId, [job]))[0]! };
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const loaded = await load((await params).id);
  return { title: loaded ? `${loaded.view.label} · Jobs` : "Job · Jobs" };
}

export default async function JobRoute({ params }: { params: Promise<{ id: string }> }) {
  const loaded = await load((await params).id);
  if (!loaded) notFound();
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/jobs" className="text-brand-600 hover:underline">Jobs</Link>
      </nav>
      <PageHeader title={loaded.view.label} />
      <JobPage initial={loaded.view} canWrite={loaded.user.canWrite} />
    </>
  );
}
