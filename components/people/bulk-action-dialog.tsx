"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ChangeList } from "@/components/ui/change-list";
import { Table, TableBody, TableCaption, TableCell, TableEmpty, TableHead, TableHeader, TableRow, TableRowHeader } from "@/components/ui/table";
import { toast } from "@/components/ui/toast";
import { ToggleGroup } from "@/components/ui/toggle-group";
import { Dialog } from "@/components/ui/dialog";
import { DateTime } from "@/components/ui/date-time";
import type { DirectoryFilter } from "@/lib/directory/filter";
import { Field, inputClass } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import type { JobPreview } from "@/lib/jobs/api-types";
import { ACTION_LABELS, BULK_ACTIONS, needsLicense, needsRole, type BulkAction } from "@/lib/jobs/kinds";
import type { JobTarget, PreviewBody } from "@/lib/jobs/schemas";
import { describeChange, type Lookups } from "@/lib/people/field-labels";
import type { License, Role } from "@/lib/people/person";
import { jobItemsOptions, jobResultsUrl, previewJob, useStartJobMutation } from "@/lib/query/jobs";
import { formatCount } from "@/lib/format";

const HELP: Record<BulkAction, string> = {
  "license-add": "Assign a license. People who already hold it are skipped; nothing else about them changes.",
  "license-remove": "Take a license back; its unit returns to the pool.",
  "role-add": "Grant an admin role.",
  "role-remove": "Take an admin role away. Your own roles are left alone.",
  deactivate: "Stop them signing in. Their licenses and data stay; reactivate at any time.",
  reactivate: "Let deactivated people sign in again.",
  delete: "Remove them from Webex for good. Their licenses return to the pool.",
  "resend-invites": "Send the Webex invitation email again to people who have not signed in yet.",
};

export type BulkTarget = { kind: "selection"; ids: string[] } | { kind: "filter"; filter: NonNullable<Extract<JobTarget, { filter: unknown }>["filter"]>; description: string };

/** "Select all N matching" in the index-backed grid: everyone matching these filters in Roster's index (issue 15). */
export type AllMatching = { filter: DirectoryFilter; count: number; asOf: number };

/**
 * Choose an action → preview exactly what it would do to whom (read from Webex now, nothing written) → run it as a
 * job on the server. Destructive actions ask for a typed confirmation; a license pool too small for the job says so
 * and offers to run only the people that fit. With `allMatching` the job targets everyone matching the index filter
 * (it replaces `target`): the server resolves them from the index at preview and fixes the list there.
 */
export function BulkActionDialog({
  target,
  allMatching,
  licenses,
  roles,
  lookups,
  onClose,
}: {
  target: BulkTarget;
  allMatching?: AllMatching;
  licenses: License[];
  roles: Role[];
  lookups: Lookups;
  onClose: () => void;
}) {
  const router = useRouter();
  const startJob = useStartJobMutation();
  const [action, setAction] = useState<BulkAction | null>(null);
  const [licenseId, setLicenseId] = useState("");
  const [roleId, setRoleId] = useState("");
  const [step, setStep] = useState<"choose" | "previewing" | "preview" | "starting">("choose");
  const [preview, setPreview] = useState<JobPreview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [confirm, setConfirm] = useState("");
  const [show, setShow] = useState<"pending" | "skipped">("pending");

  const missing = action && needsLicense(action) && !licenseId ? "Choose a license" : action && needsRole(action) && !roleId ? "Choose an admin role" : null;
  const who = allMatching
    ? `all ${formatCount(allMatching.count)} ${allMatching.count === 1 ? "person" : "people"} matching these filters`
    : target.kind === "selection"
      ? `${formatCount(target.ids.length)} selected ${target.ids.length === 1 ? "person" : "people"}`
      : target.description;

  async function runPreview() {
    if (!action || missing) return;
    setStep("previewing");
    setError(null);
    const body: PreviewBody = {
      action,
      ...(needsLicense(action) ? { licenseId } : {}),
      ...(needsRole(action) ? { roleId } : {}),
      target: allMatching ? { directory: allMatching.filter } : target.kind === "selection" ? { personIds: target.ids } : { filter: target.filter },
    };
    try {
      const p = await previewJob(body);
      setPreview(p);
      setShow(p.willChange ? "pending" : "skipped");
      setStep("preview");
    } catch (err) {
      setError(err);
      setStep("choose");
    }
  }

  async function start(onlyWhatFits = false) {
    if (!preview) return;
    setStep("starting");
    setError(null);
    try {
      const job = await startJob.mutateAsync({
        id: preview.job.id,
        body: {
          ...(action === "delete" ? { confirm: Number(confirm) } : {}),
          ...(onlyWhatFits ? { onlyWhatFits: true } : {}),
        },
      }); // the mutation reloads the jobs list and the navigation's running count
      toast.info(`Job started: ${job.label}`, { description: "It runs on the server; you can leave this page." });
      router.push(`/jobs/${job.id}`);
      onClose();
    } catch (err) {
      setError(err);
      setStep("preview");
    }
  }

  const tooSmall = preview?.pool && preview.pool.needed > preview.pool.remaining ? preview.pool : null;
  const deleteOk = action !== "delete" || (preview !== null && confirm.trim() === String(preview.willChange));
  const busy = step === "previewing" || step === "starting";

  const footer =
    step === "choose" || step === "previewing" ? (
      <>
        <Button onClick={onClose} disabled={busy}>Cancel</Button>
        <Button variant="primary" onClick={() => void runPreview()} disabled={!action || Boolean(missing) || busy}>
          {step === "previewing" ? "Reading from Webex…" : "Preview"}
        </Button>
      </>
    ) : (
      <>
        <Button onClick={() => setStep("choose")} disabled={busy}>Back</Button>
        {tooSmall && tooSmall.fits > 0 ? (
          <Button variant="primary" onClick={() => void start(true)} disabled={busy}>
            Run for the {formatCount(tooSmall.fits)} that fit
          </Button>
        ) : null}
        {!tooSmall ? (
          <Button variant={action === "delete" ? "danger-solid" : "primary"} onClick={() => void start()} disabled={busy || !preview?.willChange || !deleteOk}>
            {step === "starting" ? "Starting…" : runLabel(action!, preview?.willChange ?? 0)}
          </Button>
        ) : null}
      </>
    );

  return (
    <Dialog
      open
      onClose={onClose}
      busy={busy}
      size="xl"
      title={step === "choose" || step === "previewing" ? "Bulk action" : `Preview: ${preview?.job.label ?? ""}`}
      description={
        step === "choose" || step === "previewing"
          ? `For ${who}. You will see exactly what changes before anything runs.`
          : "Read from Webex just now. Nothing has been changed yet."
      }
      footer={footer}
    >
      {error ? <ApiErrorAlert error={error} title={step === "preview" ? "The job did not start" : "Could not preview"} /> : null}
      {step === "choose" || step === "previewing" ? (
        <div className="space-y-4">
          {allMatching ? (
            <p className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700" data-testid="bulk-all-matching">
              All {formatCount(allMatching.count)} {allMatching.count === 1 ? "person" : "people"} matching these filters, from Roster&apos;s index as of{" "}
              <DateTime value={allMatching.asOf} mode="relative" />. The preview fixes the list and reads each person from Webex.
            </p>
          ) : null}
          <fieldset>
            <legend className="mb-2 text-sm font-semibold text-slate-900">Action</legend>
            <div className="grid gap-2 sm:grid-cols-2" role="radiogroup" aria-label="Action">
              {BULK_ACTIONS.map((a) => (
                <label
                  key={a}
                  className={
                    "flex cursor-pointer gap-3 rounded-md border px-3 py-2.5 text-sm transition-colors " +
                    (action === a ? "border-brand-500 bg-brand-50" : "border-slate-200 hover:bg-slate-50")
                  }
                >
                  <input type="radio" name="bulk-action" value={a} checked={action === a} onChange={() => setAction(a)} className="mt-0.5 accent-brand-600" disabled={busy} />
                  <span>
                    <span className={"block font-medium " + (a === "delete" ? "text-rose-700" : "text-slate-900")}>{ACTION_LABELS[a]}</span>
                    <span className="block text-xs text-slate-600">{HELP[a]}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          {action && needsLicense(action) ? (
            <Field label="License" required>
              <select className={inputClass()} value={licenseId} onChange={(e) => setLicenseId(e.target.value)} disabled={busy}>
                <option value="">Choose a license…</option>
                {licenses.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                    {action === "license-add" && typeof l.totalUnits === "number" ? ` (${formatCount(Math.max(0, l.totalUnits - (l.consumedUnits ?? 0)))} free)` : ""}
                  </option>
                ))}
              </select>
            </Field>
          ) : null}
          {action && needsRole(action) ? (
            <Field label="Admin role" required>
              <select className={inputClass()} value={roleId} onChange={(e) => setRoleId(e.target.value)} disabled={busy}>
                <option value="">Choose a role…</option>
                {roles.map((r) => (
                  <option key={r.id} value={r.id}>{r.name}</option>
                ))}
              </select>
            </Field>
          ) : null}
          {step === "previewing" ? (
            <p className="flex items-center gap-2 text-sm text-slate-600" role="status">
              <Spinner /> Reading {who} from Webex…
            </p>
          ) : null}
        </div>
      ) : preview ? (
        <PreviewBodyView preview={preview} action={action!} lookups={lookups} show={show} setShow={setShow} confirm={confirm} setConfirm={setConfirm} tooSmall={tooSmall} />
      ) : null}
    </Dialog>
  );
}

function runLabel(action: BulkAction, count: number): string {
  const people = `${formatCount(count)} ${count === 1 ? "person" : "people"}`;
  if (action === "delete") return `Delete ${people}`;
  if (action === "resend-invites") return "Resend invitations";
  return `Run for ${people}`;
}

function PreviewBodyView({
  preview,
  action,
  lookups,
  show,
  setShow,
  confirm,
  setConfirm,
  tooSmall,
}: {
  preview: JobPreview;
  action: BulkAction;
  lookups: Lookups;
  show: "pending" | "skipped";
  setShow: (s: "pending" | "skipped") => void;
  confirm: string;
  setConfirm: (s: string) => void;
  tooSmall: JobPreview["pool"];
}) {
  const q = useInfiniteQuery(jobItemsOptions(preview.job.id, show));
  const items = { data: q.data?.pages.flatMap((p) => p.items), isPending: q.isPending };
  const skippedTotal = preview.skipped.reduce((s, r) => s + r.count, 0);
  return (
    <div className="space-y-4" data-testid="bulk-preview">
      <div className="flex flex-wrap gap-3">
        <p className="rounded-md bg-brand-50 px-3 py-2 text-sm font-medium text-brand-800" data-testid="preview-will-change">
          {formatCount(preview.willChange)} will change
        </p>
        <p className="rounded-md bg-slate-100 px-3 py-2 text-sm font-medium text-slate-700" data-testid="preview-skipped">
          {formatCount(skippedTotal)} skipped
        </p>
        {preview.pool ? (
          <p className={"rounded-md px-3 py-2 text-sm font-medium " + (tooSmall ? "bg-amber-50 text-amber-900" : "bg-emerald-50 text-emerald-800")} data-testid="preview-pool">
            {preview.pool.name}: needs {formatCount(preview.pool.needed)}, {formatCount(preview.pool.remaining)} free
          </p>
        ) : null}
      </div>
      {tooSmall ? (
        <Alert tone="warning" title={`Not enough ${tooSmall.name} for everyone`}>
          {tooSmall.fits > 0
            ? `The pool has ${formatCount(tooSmall.remaining)} free units for ${formatCount(tooSmall.needed)} people. Run for the first ${formatCount(tooSmall.fits)} (the rest are skipped and listed), or free units first (see Reclaim).`
            : "The pool has no free unit. Free units first (see Reclaim), or buy more."}
        </Alert>
      ) : null}
      {preview.skipped.length ? (
        <ul className="space-y-1 text-sm text-slate-700" aria-label="Why people are skipped">
          {preview.skipped.map((s) => (
            <li key={s.reason}>
              <span className="font-medium tabular-nums">{formatCount(s.count)}</span> — {s.reason}
            </li>
          ))}
        </ul>
      ) : null}
      {preview.notes.map((note) => (
        <Alert key={note} tone={action === "delete" ? "error" : "info"} title={action === "delete" ? "This cannot be undone" : "Good to know"}>
          {note}
        </Alert>
      ))}
      {!preview.willChange ? <Alert tone="info" title="Nothing to do">Everyone is skipped, for the reasons above.</Alert> : null}

      <ToggleGroup
        label="Show in the preview"
        className="shadow-none"
        options={[
          { value: "pending", label: `Will change (${formatCount(preview.willChange)})` },
          { value: "skipped", label: `Skipped (${formatCount(skippedTotal)})` },
        ]}
        value={show}
        onChange={setShow}
      />
      {/* A named region, focusable so that keyboard users can scroll it too. */}
      <Table
        variant="inset"
        density="compact"
        scrollLabel={show === "pending" ? "People who will change" : "People who are skipped"}
        scrollClassName="max-h-72"
        data-testid="preview-items"
      >
        <TableCaption>{show === "pending" ? "People who will change, and how" : "People who are skipped, and why"}</TableCaption>
        <TableHeader sticky>
          <tr>
            <TableHead>Person</TableHead>
            <TableHead>{show === "pending" ? "Before → after" : "Why"}</TableHead>
          </tr>
        </TableHeader>
        <TableBody alignTop>
          {(items.data ?? []).map((i) => (
            <TableRow key={i.seq}>
              <TableRowHeader>
                <span className="font-medium">{i.displayName || i.email || "Unknown person"}</span>
                {i.email && i.displayName ? <span className="block text-xs text-slate-500">{i.email}</span> : null}
              </TableRowHeader>
              <TableCell>
                {show === "skipped" ? (
                  <span className="text-slate-600">{i.message}</span>
                ) : i.changes.length ? (
                  <ChangeList compact changes={i.changes.map((c) => describeChange(c, lookups))} />
                ) : (
                  <Badge tone={action === "delete" ? "red" : "blue"}>{action === "delete" ? "Deleted" : "Invitation resent"}</Badge>
                )}
              </TableCell>
            </TableRow>
          ))}
          {items.isPending ? (
            <TableEmpty columns={2} loading>
              Loading…
            </TableEmpty>
          ) : null}
        </TableBody>
      </Table>
      <p className="text-xs text-slate-500">
        The list shows the first 100.{" "}
        <a href={jobResultsUrl(preview.job.id)} download className="text-brand-600 underline">
          Download the whole plan (CSV)
        </a>
      </p>
      {action === "delete" && preview.willChange ? (
        <Field label={`Type ${preview.willChange} to confirm deleting ${formatCount(preview.willChange)} ${preview.willChange === 1 ? "person" : "people"}`} required>
          <input className={inputClass()} inputMode="numeric" autoComplete="off" value={confirm} onChange={(e) => setConfirm(e.target.value)} />
        </Field>
      ) : null}
    </div>
  );
}
