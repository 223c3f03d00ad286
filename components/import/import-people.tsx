"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useIsClient } from "@/components/ui/use-is-client";
import { Alert } from "@/components/ui/alert";
import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { Button, buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Spinner } from "@/components/ui/spinner";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow, TableRowHeader } from "@/components/ui/table";
import { toast } from "@/components/ui/toast";
import { ToggleGroup, toggleOptions } from "@/components/ui/toggle-group";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "@/lib/import/parse";
import type { RowOutcome } from "@/lib/import/plan";
import type { ImportPreview } from "@/lib/jobs/api-types";
import { jobCommand, jobResultsUrl, previewImport } from "@/lib/query/jobs";
import { ImportRows } from "./import-rows";
import { formatCount } from "@/lib/format";

export const OUTCOME_FILTERS: Record<RowOutcome | "all", string> = { all: "All rows", create: "New people", update: "Updates", unchanged: "No change", error: "Errors" };

/** /people/import: choose a CSV file → its plan, row by row (nothing written) → run it as a job. */
export function ImportPeople() {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [outcome, setOutcome] = useState<RowOutcome | "all">("all");
  const plan = useMutation({ mutationFn: previewImport, onSuccess: (p) => setOutcome(p.counts.error ? "error" : "all") });
  const run = useMutation({
    mutationFn: (id: string) => jobCommand(id, "start"),
    onSuccess: (job) => {
      toast.info(`Import started: ${job.label}`, { description: "It runs on the server; you can leave this page." });
      router.push(`/jobs/${encodeURIComponent(job.id)}`);
    },
  });

  const choose = (file: File | undefined) => {
    if (!file) return;
    run.reset();
    plan.reset();
    setLocalError(null);
    if (file.size > MAX_IMPORT_BYTES) {
      setLocalError(`"${file.name}" is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is 10 MB (and ${formatCount(MAX_IMPORT_ROWS)} rows). Split it into smaller files.`);
      return;
    }
    if (file.size === 0) {
      setLocalError(`"${file.name}" is empty.`);
      return;
    }
    plan.mutate(file);
  };
  const reset = () => {
    plan.reset();
    run.reset();
    setLocalError(null);
    if (input.current) input.current.value = "";
    input.current?.focus();
  };

  const preview = plan.data;
  const isClient = useIsClient();
  return (
    <div className="space-y-6" data-testid="import-page" data-hydrated={isClient || undefined}>
      <section aria-labelledby="import-file-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="import-file-heading" className="text-base font-semibold text-slate-900">
          {preview ? "File" : "Choose a CSV file"}
        </h2>
        <div
          className={cn(
            "mt-3 flex flex-wrap items-center gap-3 rounded-lg border-2 border-dashed px-4 py-5 transition-colors",
            dragging ? "border-brand-500 bg-brand-50" : "border-slate-200 bg-slate-50",
          )}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            choose(e.dataTransfer.files[0]);
          }}
        >
          <label htmlFor="import-file" className={buttonClass(preview ? "secondary" : "primary", "md", "cursor-pointer focus-within:ring-2 focus-within:ring-brand-500")}>
            {preview ? "Choose another file" : "Choose a CSV file"}
            <input
              ref={input}
              id="import-file"
              type="file"
              accept=".csv,text/csv"
              className="sr-only"
              data-testid="import-file"
              onChange={(e) => choose(e.target.files?.[0])}
              disabled={plan.isPending || run.isPending}
            />
          </label>
          <span className="text-sm text-slate-600">{preview ? <strong className="font-medium text-slate-800">{preview.fileName}</strong> : "or drop it here."}</span>
          <a href="/api/import/template" download className={buttonClass("ghost", "md", "ml-auto")}>
            Download the template
          </a>
        </div>
        <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-slate-600">
          <li>
            <strong className="font-medium text-slate-800">Email</strong> is required: it tells people apart. A new email creates a person; a known one updates them.
          </li>
          <li>Blank cells leave a field as it is. License and admin-role columns take TRUE or FALSE.</li>
          <li>
            Up to {formatCount(MAX_IMPORT_ROWS)} rows and 10 MB, UTF-8, comma or semicolon separated. Files exported from Control Hub work too, and so does an{" "}
            <Link href="/people" className="text-brand-600 underline underline-offset-2 hover:text-brand-700">
              export from People
            </Link>
            .
          </li>
        </ul>
      </section>

      <div aria-live="polite">
        {plan.isPending ? (
          <p role="status" className="flex items-center gap-2 rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm text-slate-700 shadow-sm">
            <Spinner /> Planning {plan.variables?.name}: reading your organization from Webex (about a second per 1,000 people). Nothing is written.
          </p>
        ) : null}
      </div>
      {localError ? <Alert tone="error" title="This file cannot be imported">{localError}</Alert> : null}
      {plan.isError ? <ApiErrorAlert error={plan.error} title="This file cannot be imported" /> : null}

      {preview ? <Plan preview={preview} outcome={outcome} onOutcome={setOutcome} onRun={() => run.mutate(preview.job.id)} running={run.isPending} onReset={reset} /> : null}
      {run.isError ? <ApiErrorAlert error={run.error} title="The import did not start" /> : null}
    </div>
  );
}

function Plan({
  preview,
  outcome,
  onOutcome,
  onRun,
  running,
  onReset,
}: {
  preview: ImportPreview;
  outcome: RowOutcome | "all";
  onOutcome: (o: RowOutcome | "all") => void;
  onRun: () => void;
  running: boolean;
  onReset: () => void;
}) {
  const { counts } = preview;
  const toRun = counts.create + counts.update;
  const countOf = (o: RowOutcome | "all") => (o === "all" ? preview.rows : counts[o]);
  return (
    <section aria-labelledby="import-plan-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="import-plan">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="import-plan-heading" className="text-base font-semibold text-slate-900">
            What this file would do
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            {formatCount(preview.rows)} {preview.rows === 1 ? "row" : "rows"} compared with Webex ({formatCount(preview.webexCalls)} Webex calls). Nothing has been written yet.
          </p>
        </div>
        <a href={jobResultsUrl(preview.job.id)} download className={buttonClass("secondary", "sm")}>
          Download the plan (CSV)
        </a>
      </div>

      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="import-counts">
        {(
          [
            ["create", "New people", "text-emerald-700"],
            ["update", "Updates", "text-brand-600"],
            ["unchanged", "No change", "text-slate-700"],
            ["error", "Errors", counts.error ? "text-rose-700" : "text-slate-700"],
          ] as const
        ).map(([key, label, tone]) => (
          <div key={key} className="rounded-md border border-slate-200 px-3 py-2" data-testid={`count-${key}`}>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
            <dd className={cn("text-2xl font-semibold tabular-nums", tone)}>{formatCount(counts[key])}</dd>
          </div>
        ))}
      </dl>

      {counts.error ? (
        <Alert tone="warning" title={`${formatCount(counts.error)} ${counts.error === 1 ? "row has" : "rows have"} errors and will be skipped`}>
          Each says which column is wrong. Fix them in your file and choose it again, or run the other rows now.
        </Alert>
      ) : null}
      {preview.ignoredColumns.length ? (
        <p className="text-sm text-slate-600">
          Ignored columns (Webex does not let them be changed here): {preview.ignoredColumns.join(", ")}.
        </p>
      ) : null}

      {preview.licenses.length ? (
        <Table variant="plain" className="max-w-3xl" data-testid="import-licenses">
          <TableCaption visible>Licenses the file assigns</TableCaption>
          <TableHeader>
            <tr>
              <TableHead>License</TableHead>
              <TableHead numeric>Needed</TableHead>
              <TableHead numeric>Freed</TableHead>
              <TableHead numeric>Free now</TableHead>
              <TableHead>Check</TableHead>
            </tr>
          </TableHeader>
          <TableBody>
            {preview.licenses.map((l) => (
              <TableRow key={l.licenseId}>
                <TableRowHeader className="text-slate-800">{l.name}</TableRowHeader>
                <TableCell numeric>{formatCount(l.needed)}</TableCell>
                <TableCell numeric>{formatCount(l.freed)}</TableCell>
                <TableCell numeric>{l.remaining === null ? "No limit" : formatCount(l.remaining)}</TableCell>
                <TableCell className={l.short ? "text-rose-800" : "text-emerald-800"}>{l.short ? `${formatCount(l.short)} ${l.short === 1 ? "row does" : "rows do"} not fit` : "Fits"}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}

      <ToggleGroup
        label="Show rows"
        options={toggleOptions(OUTCOME_FILTERS).map((o) => ({
          value: o.value,
          label: (
            <>
              {o.label} <span className="tabular-nums opacity-80">{formatCount(countOf(o.value))}</span>
            </>
          ),
        }))}
        value={outcome}
        onChange={onOutcome}
      />
      <ImportRows jobId={preview.job.id} outcome={outcome} total={countOf(outcome)} />

      <div className="flex flex-wrap items-center gap-3 border-t border-slate-100 pt-4">
        <Button variant="primary" onClick={onRun} disabled={!toRun || running} data-testid="run-import">
          {running ? "Starting…" : toRun ? `Run: create ${formatCount(counts.create)}, update ${formatCount(counts.update)}` : "Nothing to run"}
        </Button>
        <Button variant="ghost" onClick={onReset} disabled={running}>
          Start over
        </Button>
        <p className="text-sm text-slate-600">
          {toRun
            ? "The import runs on the server within Webex's rate limit; you can close this page. Rows whose person changed in Webex since this plan are not overwritten."
            : "Every row is either unchanged or has an error."}
        </p>
      </div>
    </section>
  );
}
