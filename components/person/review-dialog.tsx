"use client";

import { Alert } from "@/components/ui/alert";
import { TrackingId } from "@/components/ui/tracking-id";
import { Button } from "@/components/ui/button";
import { ChangeList, type ChangeItem } from "@/components/ui/change-list";
import { Dialog } from "@/components/ui/dialog";
import { Spinner } from "@/components/ui/spinner";

export function ReviewDialog({
  open,
  name,
  changes,
  busy,
  error,
  onCancel,
  onConfirm,
}: {
  open: boolean;
  name: string;
  changes: ChangeItem[];
  busy: boolean;
  error?: { message: string; trackingId?: string } | null;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  return (
    <Dialog
      open={open}
      onClose={() => {
        if (!busy) onCancel();
      }}
      title="Review changes"
      description={
        <>
          {changes.length === 1 ? "1 field" : `${changes.length} fields`} of {name} will change in Webex. Everything else stays exactly as it is.
        </>
      }
      footer={
        <>
          <Button onClick={onCancel} disabled={busy}>
            Back to editing
          </Button>
          <Button variant="primary" onClick={onConfirm} disabled={busy}>
            {busy ? <Spinner /> : null}
            {busy ? "Saving…" : "Save changes"}
          </Button>
        </>
      }
    >
      {error ? (
        <Alert tone="error" title="Not saved" className="mb-3">
          {error.message}
          <TrackingId id={error.trackingId} />
        </Alert>
      ) : null}
      <ChangeList changes={changes} />
    </Dialog>
  );
}
