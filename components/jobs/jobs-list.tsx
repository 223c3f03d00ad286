"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { EmptyState } from "@/components/ui/empty-state";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow, TableRowHeader } from "@/components/ui/table";
import type { JobsList as JobsListData } from "@/lib/jobs/api-types";
import { ACTION_LABELS } from "@/lib/jobs/kinds";
import { jobProgress } from "@/lib/jobs/progress";
import { DateTime } from "@/components/ui/date-time";
import { jobsListOptions } from "@/lib/query/jobs";
import { JobStatusBadge } from "./job-status-badge";
import { formatCount } from "@/lib/format";

/** The org's jobs, newest first, live while any runs. */
export function JobsList({ initial }: { initial: JobsListData }) {
  const q = useQuery({ ...jobsListOptions(false), initialData: initial });
  const [now] = useState(() => Date.now());
  const jobs = q.data.items;
  if (q.isError) return <ApiErrorAlert error={q.error} title="Could not load the jobs" onRetry={() => void q.refetch()} />;
  if (!jobs.length) {
    return (
      <EmptyState title="No jobs yet">
        <p>
          Bulk work shows up here: select people on the <Link href="/people" className="text-brand-600 underline">People</Link> page and choose an action, or reclaim
          licenses from <Link href="/licenses/reclaim" className="text-brand-600 underline">Reclaim</Link>.
        </p>
      </EmptyState>
    );
  }
  return (
    <Table data-testid="jobs-table">
      <TableCaption>Bulk jobs of your organization, newest first</TableCaption>
      <TableHeader>
        <tr>
          <TableHead>Job</TableHead>
          <TableHead>Started by</TableHead>
          <TableHead>When</TableHead>
          <TableHead>Status</TableHead>
          <TableHead className="w-56">Progress</TableHead>
        </tr>
      </TableHeader>
      <TableBody>
        {jobs.map((j) => {
          const p = jobProgress(j.counts, { startedAt: null, now });
          return (
            <TableRow key={j.id} data-job-id={j.id} hover>
              <TableRowHeader>
                <Link href={`/jobs/${j.id}`} className="font-medium text-brand-600 hover:underline">
                  {j.label}
                </Link>
                <span className="block text-xs text-slate-500">{ACTION_LABELS[j.kind]}</span>
              </TableRowHeader>
              <TableCell className="text-slate-700">{j.createdBy.name ?? j.createdBy.email}</TableCell>
              <TableCell className="text-slate-700">
                <DateTime value={j.createdAt} mode="relative" />
              </TableCell>
              <TableCell>
                <JobStatusBadge job={j} />
              </TableCell>
              <TableCell>
                <ProgressBar label={`${j.label}: progress`} value={p.finished} max={p.total} />
                <span className="mt-1 block text-xs tabular-nums text-slate-500">
                  {formatCount(p.finished)} of {formatCount(p.total)}
                </span>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
