"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Spinner } from "@/components/ui/spinner";
import { toast } from "@/components/ui/toast";
import type { JobPreview } from "@/lib/jobs/api-types";
import { previewJob, useStartJobMutation } from "@/lib/query/jobs";
import { formatCount } from "@/lib/format";

/**
 * Resend the Webex invitation to an invite-pending person. Webex's API for it resends to every invite-pending
 * person of the organization at once, so the dialog previews that (how many) before anything is sent.
 */
export function ResendInviteDialog({ personId, name, onClose }: { personId: string; name: string; onClose: () => void }) {
  const router = useRouter();
  const startJob = useStartJobMutation();
  const [preview, setPreview] = useState<JobPreview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [starting, setStarting] = useState(false);

  useEffect(() => {
    let live = true;
    previewJob({ action: "resend-invites", target: { personIds: [personId] } }).then(
      (p) => live && setPreview(p),
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [personId]);

  async function send() {
    if (!preview) return;
    setStarting(true);
    setError(null);
    try {
      const job = await startJob.mutateAsync({ id: preview.job.id });
      toast.info("Resending invitations", { description: "Webex sends them in the background; the job page shows who got one." });
      router.push(`/jobs/${job.id}`);
      onClose();
    } catch (err) {
      setError(err);
      setStarting(false);
    }
  }

  const others = preview?.orgWideInvitePending !== null && preview?.orgWideInvitePending !== undefined ? preview.orgWideInvitePending - 1 : null;
  return (
    <Dialog
      open
      onClose={onClose}
      busy={starting}
      size="md"
      title="Resend invitation"
      description={`Send the Webex invitation email to ${name} again.`}
      footer={
        <>
          <Button onClick={onClose} disabled={starting}>Cancel</Button>
          <Button variant="primary" onClick={() => void send()} disabled={!preview?.willChange || starting}>
            {starting ? "Starting…" : others ? `Resend to all ${formatCount(others + 1)}` : "Resend"}
          </Button>
        </>
      }
    >
      {error ? <ApiErrorAlert error={error} title="Could not resend" /> : null}
      {!preview && !error ? (
        <p className="flex items-center gap-2 text-sm text-slate-600" role="status">
          <Spinner /> Checking with Webex…
        </p>
      ) : null}
      {preview && !preview.willChange ? (
        <Alert tone="info" title="Nothing to resend">{preview.skipped[0]?.reason ?? "This person is not waiting for an invitation."}</Alert>
      ) : null}
      {preview?.willChange && others ? (
        <Alert tone="warning" title={`Webex resends to everyone invite-pending: ${formatCount(others + 1)} people`}>
          Webex&apos;s API cannot resend to one person only: it resends to every invite-pending person of the organization, including{" "}
          {formatCount(others)} {others === 1 ? "other" : "others"}. Anyone invited in the last 24 hours is skipped by Webex.
        </Alert>
      ) : null}
    </Dialog>
  );
}
