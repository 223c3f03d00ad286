"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClass } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { toast } from "@/components/ui/toast";
import { initials, statusInfo } from "@/lib/people/person";
import { describeRefused } from "@/lib/people/refused-licenses";
import { MutationError, personOptions, useDeletePersonMutation, usePersonChanged, useSignInMutation, type EditResult } from "@/lib/query/person";
import { usePersonLookups } from "@/lib/query/person-lookups";
import { PersonEditForm } from "./person-edit-form";
import { PersonHistory } from "./person-history";
import { PersonSummary } from "./person-summary";
import { ResendInviteDialog } from "./resend-invite-dialog";
import { DeleteDialog, SignInDialog } from "./status-dialogs";
import { TrackingId } from "@/components/ui/tracking-id";

type Notice = { tone: "success" | "warning" | "error"; title: string; body?: string; items?: string[]; trackingId?: string };
type Failure = { message: string; trackingId?: string } | null;

export function PersonPage({ id, canWrite, selfId }: { id: string; canWrite: boolean; selfId: string }) {
  const personQ = useQuery(personOptions(id));
  const personChanged = usePersonChanged(id);
  const signIn = useSignInMutation(id);
  const deletion = useDeletePersonMutation(id);
  const { licenses, roles, locations, lookups } = usePersonLookups();
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [dialog, setDialog] = useState<"signin" | "delete" | "invite" | null>(null);
  const [busy, setBusy] = useState(false);
  const [dialogError, setDialogError] = useState<Failure>(null);
  const [deleted, setDeleted] = useState<{ name: string; licenses: number; already: boolean } | null>(null);

  if (deleted) {
    return (
      <div className="mx-auto max-w-xl space-y-4 pt-6">
        <Alert tone="success" title={deleted.already ? `${deleted.name} was already deleted` : `${deleted.name} was deleted`}>
          {deleted.licenses > 0 ? `${deleted.licenses === 1 ? "1 license went" : `${deleted.licenses} licenses went`} back to the pool. ` : ""}
          The deletion is recorded in Activity.
        </Alert>
        <div className="flex gap-2">
          <Link href="/people" className={buttonClass("primary")}>
            Back to People
          </Link>
          <Link href="/activity" className={buttonClass("secondary")}>
            View activity
          </Link>
        </div>
      </div>
    );
  }

  if (personQ.isPending) {
    return (
      <div aria-busy="true" className="space-y-4">
        <Skeleton className="h-10 w-72" />
        <Skeleton className="h-48 w-full" />
      </div>
    );
  }
  if (personQ.isError) {
    const e = personQ.error as MutationError;
    return (
      <Alert tone="error" title="Could not load this person" action={<Button onClick={() => void personQ.refetch()}>Try again</Button>}>
        {e.message}
        <TrackingId id={e.trackingId} />
      </Alert>
    );
  }

  const person = personQ.data;
  const name = person.displayName || person.emails?.[0] || "Unnamed person";
  const status = statusInfo(person.status);
  const reload = async () => (await personQ.refetch()).data;

  // The save (useSavePersonMutation in the form) has already put the saved person in the cache.
  const onSaved = (result: EditResult) => {
    setEditing(false);
    // A toast confirms wherever the admin looks; the alert on the page keeps the details.
    const what = result.person === null && result.licenses ? `License changes for ${name}` : `Changes to ${name}`;
    if (result.refusedLicenses?.length || result.unappliedLicenses.length) toast.warning(`${what} saved in part`, { description: "The page says which licenses Webex did not assign." });
    else toast.success(`${what} saved`, { description: "Webex now holds the values shown." });
    if (result.refusedLicenses && result.refusedLicenses.length > 0) {
      // A license-only edit (PATCH /licenses/users) that Webex carried out in part (206): each refusal by name.
      setNotice({
        tone: "warning",
        title: "Saved in part: Webex refused some license changes",
        items: describeRefused(result.refusedLicenses),
        body: "The licenses below show what Webex holds now. Licenses you did not change were left as they are in Webex.",
      });
    } else if (result.unappliedLicenses.length > 0) {
      const names = result.unappliedLicenses.map((l) => lookups.licenses.get(l) ?? l).join(", ");
      setNotice({ tone: "warning", title: "Saved, but Webex did not assign every license", body: `Not assigned: ${names}. The pool may be full.` });
    } else {
      setNotice({ tone: "success", title: "Changes saved", body: "Webex now holds the values shown below." });
    }
  };

  const toggleSignIn = async () => {
    setBusy(true);
    setDialogError(null);
    const enable = person.loginEnabled === false;
    try {
      await signIn.mutateAsync({ enable, person });
      setDialog(null);
      toast.success(enable ? `${name} was reactivated` : `${name} was deactivated`);
      setNotice({ tone: "success", title: enable ? `${name} was reactivated` : `${name} was deactivated`, body: enable ? "They can sign in again." : "They can no longer sign in. Their licenses stay assigned." });
    } catch (e) {
      // The mutation has shown the person as Webex holds them now (read again, or the one the error carries).
      const err = e as MutationError;
      setDialogError({ message: err.status === 409 ? "Someone changed this person's sign-in meanwhile. Close this dialog to see the current state." : err.message, trackingId: err.trackingId });
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setBusy(true);
    setDialogError(null);
    try {
      const { alreadyDeleted } = await deletion.mutateAsync();
      setDialog(null);
      setBusy(false);
      toast.success(alreadyDeleted ? `${name} was already deleted` : `${name} was deleted`, { description: "The deletion is recorded in Activity." });
      setDeleted({ name: `${name}${person.emails?.[0] && person.emails[0] !== name ? ` (${person.emails[0]})` : ""}`, licenses: person.licenses?.length ?? 0, already: alreadyDeleted });
    } catch (e) {
      const err = e as MutationError;
      setDialogError({ message: err.message, trackingId: err.trackingId });
      setBusy(false);
    }
  };

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link href="/people" className="hover:text-slate-800 hover:underline">
          People
        </Link>
        <span aria-hidden className="px-1.5">/</span>
        <span aria-current="page" className="text-slate-700">
          {name}
        </span>
      </nav>
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="flex min-w-0 items-center gap-4">
          {person.avatar ? (
            // eslint-disable-next-line @next/next/no-img-element
            <img src={person.avatar} alt="" className="h-14 w-14 shrink-0 rounded-full object-cover" />
          ) : (
            <span aria-hidden className="grid h-14 w-14 shrink-0 place-items-center rounded-full bg-brand-100 text-lg font-semibold text-brand-700">
              {initials(name)}
            </span>
          )}
          <div className="min-w-0">
            <h1 className="truncate text-2xl font-semibold tracking-tight text-slate-900">{name}</h1>
            <p className="truncate text-sm text-slate-600">
              {[person.title, person.department].filter(Boolean).join(" · ") || person.emails?.[0]}
            </p>
            <div className="mt-1.5 flex flex-wrap gap-1.5">
              <Badge tone={status.tone} dot title={status.description}>
                {status.label}
              </Badge>
              {person.loginEnabled === false ? (
                <Badge tone="red" dot>
                  Deactivated
                </Badge>
              ) : null}
              {person.invitePending ? <Badge tone="violet">Invite pending</Badge> : null}
            </div>
          </div>
        </div>
        {canWrite && !editing ? (
          <div className="flex flex-wrap gap-2">
            <Button
              variant="primary"
              onClick={() => {
                setNotice(null);
                setEditing(true);
              }}
            >
              Edit
            </Button>
            <Button
              onClick={() => {
                setDialogError(null);
                setDialog("signin");
              }}
            >
              {person.loginEnabled === false ? "Reactivate" : "Deactivate"}
            </Button>
            {person.invitePending ? <Button onClick={() => setDialog("invite")}>Resend invitation…</Button> : null}
            <Button
              variant="danger"
              disabled={person.id === selfId}
              title={person.id === selfId ? "You cannot delete yourself" : undefined}
              onClick={() => {
                setDialogError(null);
                setDialog("delete");
              }}
            >
              Delete
            </Button>
          </div>
        ) : null}
      </header>

      {notice ? (
        <Alert
          tone={notice.tone}
          title={notice.title}
          action={
            <Button size="sm" variant="ghost" onClick={() => setNotice(null)}>
              Dismiss
            </Button>
          }
        >
          {notice.items ? (
            <ul className="mb-1 list-disc pl-5">
              {notice.items.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
          ) : null}
          {notice.body}
          <TrackingId id={notice.trackingId} />
        </Alert>
      ) : null}

      {editing ? (
        <PersonEditForm
          person={person}
          licenses={licenses}
          roles={roles}
          locations={locations}
          lookups={lookups}
          onCancel={() => setEditing(false)}
          onSaved={onSaved}
          reload={reload}
          onReloaded={personChanged}
        />
      ) : (
        <>
          <PersonSummary person={person} lookups={lookups} licenses={licenses} />
          <PersonHistory id={id} lookups={lookups} canWrite={canWrite} />
        </>
      )}

      {canWrite ? (
        <>
          <SignInDialog open={dialog === "signin"} person={person} busy={busy} error={dialogError} onCancel={() => setDialog(null)} onConfirm={() => void toggleSignIn()} />
          {dialog === "invite" ? <ResendInviteDialog personId={person.id} name={name} onClose={() => setDialog(null)} /> : null}
          <DeleteDialog open={dialog === "delete"} person={person} lookups={lookups} busy={busy} error={dialogError} onCancel={() => setDialog(null)} onConfirm={() => void remove()} />
        </>
      ) : null}
    </div>
  );
}
