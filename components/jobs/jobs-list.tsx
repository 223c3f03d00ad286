"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { EmptyState } from "@/components/ui/empty-state";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { JobsList as JobsListData } from "@/lib/jobs/api-types";
import { ACTION_LABELS } from "@/lib/jobs/kinds";
import { jobProgress } from "@/lib/jobs/progress";
import { DateTime } from "@/components/ui/date-time";
import { jobsListOptions } from "@/lib/query/jobs";
import { JobStatusBadge } from "./job-status-badge";

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
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm" data-testid="jobs-table">
        <caption className="sr-only">Bulk jobs of your organization, newest first</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2.5 font-semibold">Job</th>
            <th scope="col" className="px-4 py-2.5 font-semibold">Started by</th>
            <th scope="col" className="px-4 py-2.5 font-semibold">When</th>
            <th scope="col" className="px-4 py-2.5 font-semibold">Status</th>
            <th scope="col" className="w-56 px-4 py-2.5 font-semibold">Progress</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {jobs.map((j) => {
            const p = jobProgress(j.counts, { startedAt: null, now });
            return (
              <tr key={j.id} data-job-id={j.id} className="hover:bg-slate-50">
                <th scope="row" className="px-4 py-2.5 font-normal">
                  <Link href={`/jobs/${j.id}`} className="font-medium text-brand-600 hover:underline">
                    {j.label}
                  </Link>
                  <span className="block text-xs text-slate-500">{ACTION_LABELS[j.kind]}</span>
                </th>
                <td className="px-4 py-2.5 text-slate-700">{j.createdBy.name ?? j.createdBy.email}</td>
                <td className="px-4 py-2.5 text-slate-700">
                  <DateTime value={j.createdAt} mode="relative" />
                </td>
                <td className="px-4 py-2.5">
                  <JobStatusBadge job={j} />
                </td>
                <td className="px-4 py-2.5">
                  <ProgressBar label={`${j.label}: progress`} value={p.finished} max={p.total} />
                  <span className="mt-1 block text-xs tabular-nums text-slate-500">
                    {p.finished.toLocaleString("en-US")} of {p.total.toLocaleString("en-US")}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
