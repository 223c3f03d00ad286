import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { JobView } from "@/lib/jobs/api-types";
import { STATUS_LABELS } from "@/lib/jobs/kinds";
import { formatCount } from "@/lib/format";

/** Status in words (never colour alone); a finished job with failures says so. */
export function JobStatusBadge({ job }: { job: Pick<JobView, "status" | "counts"> }) {
  let tone: BadgeTone = "slate";
  let label: string = STATUS_LABELS[job.status];
  if (job.status === "running") tone = "blue";
  if (job.status === "paused") tone = "amber";
  if (job.status === "failed") tone = "red";
  if (job.status === "done") {
    tone = job.counts.failed ? "amber" : "green";
    if (job.counts.failed) label = `Finished, ${formatCount(job.counts.failed)} failed`;
  }
  return (
    <Badge tone={tone} dot>
      {label}
    </Badge>
  );
}
