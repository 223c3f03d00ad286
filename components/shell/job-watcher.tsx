"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { toast } from "@/components/ui/toast";
import type { JobView } from "@/lib/jobs/api-types";
import { jobsListOptions, useReadEndedJob } from "@/lib/query/jobs";
import { formatCount } from "@/lib/format";

/** The org's running jobs, for the navigation's count. */
export function useActiveJobs(): JobView[] {
  return useQuery(jobsListOptions(true)).data?.items ?? [];
}

function summary(j: JobView): string {
  const parts = [`${formatCount(j.counts.done)} done`];
  if (j.counts.failed) parts.push(`${formatCount(j.counts.failed)} failed`);
  if (j.counts.skipped) parts.push(`${formatCount(j.counts.skipped)} skipped`);
  return parts.join(", ");
}

/**
 * Announces a job that ends while the admin is anywhere in the console: a toast (read out by screen readers
 * through its live region) with a link to the results.
 */
export function JobWatcher() {
  const active = useActiveJobs();
  const readEndedJob = useReadEndedJob();
  const router = useRouter();
  const seen = useRef<Map<string, string> | null>(null);

  useEffect(() => {
    const now = new Map(active.map((j) => [j.id, j.label]));
    const before = seen.current;
    seen.current = now;
    if (!before) return; // first load: nothing has ended yet
    for (const [id] of before) {
      if (now.has(id)) continue;
      void readEndedJob(id)
        .then((j) => {
          if (j.status === "paused") return; // still active: it shows up again in the next poll
          const open = { label: "View results", onClick: () => router.push(`/jobs/${id}`) };
          if (j.status === "done" && !j.counts.failed) toast.success(`Job finished: ${j.label}`, { description: summary(j), action: open });
          else if (j.status === "done") toast.warning(`Job finished with failures: ${j.label}`, { description: summary(j), action: open });
          else if (j.status === "cancelled") toast.info(`Job cancelled: ${j.label}`, { description: summary(j), action: open });
          else toast.error(`Job stopped: ${j.label}`, { description: j.message ?? summary(j), action: open });
        })
        .catch(() => undefined);
    }
  }, [active, readEndedJob, router]);

  return null;
}
