"use client";

import { forwardRef } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ChangeList } from "@/components/ui/change-list";
import { Spinner } from "@/components/ui/spinner";
import type { FieldChange } from "@/lib/people/diff-person";
import { describeChange, type Lookups } from "@/lib/people/field-labels";
import { TrackingId } from "@/components/ui/tracking-id";

/** A save that Webex answered with an error; when the person could be read again, what it holds of the edit. */
export interface FailedSave {
  message: string;
  trackingId?: string;
  reloaded: boolean;
  /** The admin's fields Webex changed anyway (before → as stored). */
  applied: FieldChange[];
  /** The admin's fields Webex left alone (before = Webex's value now, after = the admin's, kept in the form). */
  notApplied: FieldChange[];
}

const count = (n: number) => (n === 1 ? "1 change" : `${n} changes`);

function titleOf(f: FailedSave): string {
  if (!f.reloaded) return "Your changes may not have been saved";
  if (f.notApplied.length === 0) return "Webex answered with an error, but saved all your changes";
  if (f.applied.length === 0) return "Your changes were not saved";
  return `Webex saved ${count(f.applied.length)} of ${f.applied.length + f.notApplied.length}`;
}

/**
 * After a failed save: says exactly which of the admin's fields Webex applied and which not (the spec: a failed
 * PUT "may still have altered some values"), and offers to send the unsaved ones again. Announced as an alert;
 * focusable so the page can move focus to it when the review dialog closes.
 */
export const FailedSaveAlert = forwardRef<HTMLDivElement, { failure: FailedSave; lookups: Lookups; busy: boolean; onRetry: () => void; onDismiss: () => void }>(
  function FailedSaveAlert({ failure, lookups, busy, onRetry, onDismiss }, ref) {
    const pending = failure.notApplied.length;
    return (
      <div ref={ref} tabIndex={-1} className="rounded-lg outline-none focus-visible:ring-2 focus-visible:ring-brand-500" data-testid="failed-save">
        <Alert
          tone="error"
          title={titleOf(failure)}
          action={
            <Button size="sm" variant="ghost" onClick={onDismiss}>
              Dismiss
            </Button>
          }
        >
          <p>Webex said: {failure.message}</p>
          {!failure.reloaded ? (
            <p className="mt-1">Roster could not read this person again, so it cannot tell what Webex changed. Reload the page before trying again.</p>
          ) : (
            <>
              <p className="mt-1">
                A failed save can still change some fields, so Roster read this person again: the form now shows what Webex holds.
                {pending > 0 ? " Your changes that were not saved are kept in the form as unsaved edits." : ""}
              </p>
              {failure.applied.length > 0 ? (
                <div className="mt-2" data-testid="saved-fields">
                  <p className="font-medium">Saved in Webex</p>
                  <div className="mt-1 rounded-md bg-white px-2">
                    <ChangeList compact changes={failure.applied.map((c) => describeChange(c, lookups))} />
                  </div>
                </div>
              ) : null}
              {pending > 0 ? (
                <div className="mt-2" data-testid="unsaved-fields">
                  <p className="font-medium">Not saved (Webex&apos;s value → yours)</p>
                  <div className="mt-1 rounded-md bg-white px-2">
                    <ChangeList compact changes={failure.notApplied.map((c) => describeChange(c, lookups))} />
                  </div>
                  <Button size="sm" variant="primary" className="mt-2" onClick={onRetry} disabled={busy}>
                    {busy ? <Spinner /> : null}
                    {busy ? "Saving…" : `Save the ${pending === 1 ? "unsaved change" : `${pending} unsaved changes`} again`}
                  </Button>
                </div>
              ) : null}
            </>
          )}
          <TrackingId id={failure.trackingId} />
        </Alert>
      </div>
    );
  },
);
