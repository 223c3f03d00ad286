"use client";

import { Alert } from "./alert";
import { Button } from "./button";
import { ChangeList, type ChangeItem } from "./change-list";
import { Dialog } from "./dialog";
import { Spinner } from "./spinner";

/**
 * The confirmation of an Undo (the change feed and a person's history share it): exactly what will be written, field
 * by field (the value Webex should hold now → the value it is set back to), and that nothing is written when the
 * field was changed again since. `error` is the last attempt's failure, shown in the dialog.
 */
export function UndoDialog({
  open,
  personName,
  writes,
  busy,
  error,
  onCancel,
  onConfirm,
}: {
  open: boolean;
  personName: string;
  /** Per field: `before` = what Webex holds (the change's after-value), `after` = what Undo writes. */
  writes: ChangeItem[];
  busy: boolean;
  error: string | null;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  return (
    <Dialog
      open={open}
      onClose={() => !busy && onCancel()}
      busy={busy}
      size="md"
      title={`Undo this change to ${personName}?`}
      description="Roster reads the person from Webex first and writes only these fields."
      footer={
        <>
          <Button onClick={onCancel} disabled={busy}>
            Cancel
          </Button>
          <Button variant="primary" onClick={onConfirm} disabled={busy} data-testid="confirm-undo">
            {busy ? <Spinner /> : null}
            Undo
          </Button>
        </>
      }
    >
      {error ? (
        <Alert tone="error" title="Nothing changed" className="mb-3">
          {error}
        </Alert>
      ) : null}
      <p className="mb-1 text-sm font-medium text-slate-700">Will be written (current → restored):</p>
      <div data-testid="undo-writes">
        <ChangeList changes={writes} />
      </div>
      <p className="mt-3 text-sm text-slate-600">
        If Webex no longer holds the current value shown (someone changed it again since), nothing is written and you are told so. The undo is recorded in
        the activity log.
      </p>
    </Dialog>
  );
}
