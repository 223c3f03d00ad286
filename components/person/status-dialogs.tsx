"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { inputClass } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import type { Lookups } from "@/lib/people/field-labels";
import type { PersonDetail } from "@/lib/people/person-detail";
import { TrackingId } from "@/components/ui/tracking-id";

type Failure = { message: string; trackingId?: string } | null;

/** What every confirmation about one person takes: its state while the change runs, and its outcome. */
interface ConfirmPersonProps {
  open: boolean;
  person: PersonDetail;
  busy: boolean;
  error: Failure;
  onCancel: () => void;
  onConfirm: () => void;
}

export function SignInDialog({ open, person, busy, error, onCancel, onConfirm }: ConfirmPersonProps) {
  const deactivate = person.loginEnabled !== false;
  const name = person.displayName ?? person.emails?.[0] ?? "this person";
  return (
    <Dialog
      open={open}
      onClose={() => !busy && onCancel()}
      className="w-[min(32rem,calc(100vw-2rem))]"
      title={deactivate ? `Deactivate ${name}?` : `Reactivate ${name}?`}
      footer={
        <>
          <Button onClick={onCancel} disabled={busy}>
            Cancel
          </Button>
          <Button variant="primary" onClick={onConfirm} disabled={busy} className={deactivate ? "bg-rose-600 hover:bg-rose-700" : undefined}>
            {busy ? <Spinner /> : null}
            {deactivate ? "Deactivate" : "Reactivate"}
          </Button>
        </>
      }
    >
      {error ? (
        <Alert tone="error" title="Nothing changed" className="mb-3">
          {error.message}
          <TrackingId id={error.trackingId} />
        </Alert>
      ) : null}
      {deactivate ? (
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
          <li>They can no longer sign in to Webex; sessions they have open end.</li>
          <li>
            Their licenses <strong>stay assigned</strong> and keep using units. Remove licenses separately to free them.
          </li>
          <li>Nothing is deleted: you can reactivate them at any time.</li>
        </ul>
      ) : (
        <p className="text-sm text-slate-700">They will be able to sign in to Webex again with their existing licenses and roles.</p>
      )}
    </Dialog>
  );
}

export function DeleteDialog({ open, person, lookups, busy, error, onCancel, onConfirm }: ConfirmPersonProps & { lookups: Lookups }) {
  const [typed, setTyped] = useState("");
  const email = person.emails?.[0] ?? "";
  const matches = typed.trim().toLowerCase() === email.toLowerCase() && email !== "";
  const licenses = person.licenses ?? [];
  const close = () => {
    if (busy) return;
    setTyped("");
    onCancel();
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      className="w-[min(32rem,calc(100vw-2rem))]"
      title={`Delete ${person.displayName ?? email}?`}
      description="This is permanent and immediate. Webex cannot undo it."
      footer={
        <>
          <Button onClick={close} disabled={busy}>
            Cancel
          </Button>
          <Button variant="danger-solid" onClick={onConfirm} disabled={!matches || busy}>
            {busy ? <Spinner /> : null}
            Delete permanently
          </Button>
        </>
      }
    >
      {error ? (
        <Alert tone="error" title="Not deleted" className="mb-3">
          {error.message}
          <TrackingId id={error.trackingId} />
        </Alert>
      ) : null}
      <p className="text-sm font-medium text-slate-800">
        {licenses.length === 0 ? "They hold no licenses." : `These ${licenses.length === 1 ? "license goes" : `${licenses.length} licenses go`} back to the pool:`}
      </p>
      {licenses.length > 0 ? (
        <ul className="mt-1 list-disc pl-5 text-sm text-slate-700" data-testid="freed-licenses">
          {licenses.map((id) => (
            <li key={id}>{lookups.licenses.get(id) ?? "Unknown license"}</li>
          ))}
        </ul>
      ) : null}
      <label htmlFor="confirm-email" className="mt-4 block text-sm text-slate-700">
        Type <strong className="select-all font-mono text-slate-900">{email}</strong> to confirm
      </label>
      <input
        id="confirm-email"
        className={inputClass(false, "mt-1")}
        value={typed}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => setTyped(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && matches && !busy) onConfirm();
        }}
      />
    </Dialog>
  );
}
