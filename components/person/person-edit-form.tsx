"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import type { ChangeItem } from "@/components/ui/change-list";
import type { FieldConflict } from "@/lib/people/apply-changes";
import { callingProblems, exhaustedAdditions } from "@/lib/people/capacity";
import { changesBetween, originalFor, type FieldChange } from "@/lib/people/diff-person";
import { describeChange, type Lookups } from "@/lib/people/field-labels";
import type { LicenseDetail, PersonDetail } from "@/lib/people/person-detail";
import { formToFields, personToForm } from "@/lib/people/person-form";
import { personFormSchema, type PersonChanges, type PersonFormValues } from "@/lib/people/schemas";
import { MutationError, useSavePersonMutation, type EditResult } from "@/lib/query/person";
import { ConflictDialog, type ConflictChoice } from "./conflict-dialog";
import { FailedSaveAlert, type FailedSave } from "./failed-save-alert";
import { AccessFields, ContactFields, NameFields, OrganizationFields, Section } from "./person-form-fields";
import { ReviewDialog } from "./review-dialog";

interface Props {
  person: PersonDetail;
  licenses: LicenseDetail[];
  roles: { id: string; name?: string }[];
  locations: { id: string; name?: string }[];
  lookups: Lookups;
  onCancel: () => void;
  /** After a save; the page already shows the person as Webex holds them now (useSavePersonMutation). */
  onSaved: (result: EditResult) => void;
  /** Reads the person again from Webex (after a failed save). */
  reload: () => Promise<PersonDetail | undefined>;
  /** A failed save's answer carried the person as Webex holds it now: the page shows that. */
  onReloaded?: (person: PersonDetail) => void;
}

export function PersonEditForm({ person, licenses, roles, locations, lookups, onCancel, onSaved, reload, onReloaded }: Props) {
  // What the admin started from: changes are computed against it, and it is sent as `original` for the 409 check.
  const [base, setBase] = useState<PersonDetail>(person);
  const form = useForm<PersonFormValues>({ resolver: zodResolver(personFormSchema), defaultValues: personToForm(person), mode: "onTouched" });
  const [review, setReview] = useState<{ changes: PersonChanges; items: ChangeItem[] } | null>(null);
  const [conflict, setConflict] = useState<{ list: FieldConflict[]; current: PersonDetail } | null>(null);
  const [saving, setSaving] = useState(false);
  const [reviewError, setReviewError] = useState<{ message: string; trackingId?: string } | null>(null);
  const [failure, setFailure] = useState<FailedSave | null>(null);
  const failureRef = useRef<HTMLDivElement>(null);
  const [nothing, setNothing] = useState(false);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const dirty = form.formState.isDirty;
  const savePerson = useSavePersonMutation(person.id);

  // A failed save closes the review dialog: focus goes to the message saying what happened (it is also announced).
  useEffect(() => {
    if (failure) failureRef.current?.focus();
  }, [failure]);

  // Leaving the page with unsaved edits asks first (the browser's own prompt).
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const openReview = (values: PersonFormValues, from: PersonDetail) => {
    const changes = changesBetween(from, formToFields(values));
    const fields = Object.keys(changes);
    if (fields.length === 0) {
      setNothing(true);
      return;
    }
    setNothing(false);
    setReviewError(null);
    setReview({ changes, items: fields.map((f) => describeChange({ field: f, before: from[f] ?? null, after: changes[f as keyof PersonChanges] }, lookups)) });
  };

  const onReview = form.handleSubmit((values) => {
    const touchedCalling = ["licenses", "extension", "locationId", "phoneNumbers"].some((f) => f in changesBetween(base, formToFields(values)));
    let blocked = false;
    if (touchedCalling) {
      for (const [field, message] of Object.entries(callingProblems(values, licenses))) {
        form.setError(field as "extension" | "locationId", { message }, { shouldFocus: !blocked });
        blocked = true;
      }
    }
    const full = exhaustedAdditions(licenses, base.licenses ?? [], values.licenses);
    if (full.length > 0) {
      form.setError("licenses", { message: `No units left on ${full.map((l) => l.name ?? l.id).join(", ")}. Free a unit or remove it.` });
      blocked = true;
    }
    if (!blocked) openReview(values, base);
  });

  /** Sends `changes` (from the review dialog, or the unsaved ones of a failed save) against `base`. */
  const submit = async (changes: PersonChanges, inDialog: boolean) => {
    setSaving(true);
    setReviewError(null);
    try {
      const result = await savePerson.mutateAsync({ body: { changes, original: originalFor(base, changes), lastModified: base.lastModified }, shown: base });
      setReview(null);
      setFailure(null);
      onSaved(result);
    } catch (e) {
      const err = e instanceof MutationError ? e : new MutationError({ status: 0, message: String(e) });
      if (err.status === 409 && err.conflicts && err.person) {
        setReview(null);
        setConflict({ list: err.conflicts, current: err.person });
      } else if (err.status === 400 && err.fields && Object.keys(err.fields).some((k) => k.startsWith("changes."))) {
        setReview(null);
        for (const [k, message] of Object.entries(err.fields)) {
          const field = k.replace(/^changes\./, "") as keyof PersonFormValues;
          form.setError(field, { message });
        }
      } else if (inDialog && !err.person && (err.status === 403 || err.status === 401)) {
        setReviewError({ message: err.message, trackingId: err.trackingId });
      } else {
        setReview(null);
        await afterFailedSave(err, changes);
      }
    } finally {
      setSaving(false);
    }
  };

  /**
   * The PUT failed: Webex may have applied part of it. The form is reset to the person as Webex holds it now, and
   * the admin's values that Webex did not apply are put back on top as unsaved edits (nothing is lost); the alert
   * lists both, from the server's answer (or, when only a reload was possible, by comparing).
   */
  const afterFailedSave = async (err: MutationError, changes: PersonChanges) => {
    const yours = form.getValues();
    const reloaded = err.person ?? (await reload().catch(() => undefined));
    if (!reloaded) {
      setFailure({ message: err.message, trackingId: err.trackingId, reloaded: false, applied: [], notApplied: [] });
      return;
    }
    const requested = Object.keys(changes) as (keyof PersonChanges)[];
    const stillDifferent = changesBetween(reloaded, formToFields(yours));
    const outcome = err.outcome ?? {
      applied: requested.filter((f) => !(f in stillDifferent)).map((f) => ({ field: f, before: base[f] ?? null, after: reloaded[f] ?? null })),
      notApplied: requested.filter((f) => f in stillDifferent).map((f) => ({ field: f, before: reloaded[f] ?? null, after: changes[f] ?? null })),
    };
    const fresh = personToForm(reloaded);
    form.reset(fresh);
    for (const c of outcome.notApplied) {
      const field = c.field as keyof PersonFormValues;
      if (field in fresh) form.setValue(field, yours[field], { shouldDirty: true });
    }
    setBase(reloaded);
    onReloaded?.(reloaded);
    setFailure({ message: err.message, trackingId: err.trackingId, reloaded: true, applied: outcome.applied, notApplied: outcome.notApplied });
  };

  const save = () => {
    if (review) void submit(review.changes, true);
  };

  /** One click: the fields Webex did not apply, with the values kept in the form, against the reloaded person. */
  const retryUnsaved = () => {
    if (!failure) return;
    const values = form.getValues();
    const current = changesBetween(base, formToFields(values));
    const pending = new Set(failure.notApplied.map((c) => c.field));
    // The admin edited more since: those go through the review dialog like any edit.
    if (Object.keys(current).some((f) => !pending.has(f as FieldChange["field"]))) return openReview(values, base);
    if (Object.keys(current).length === 0) return setNothing(true);
    void submit(current, false);
  };

  const resolve = (choices: Record<string, ConflictChoice>) => {
    if (!conflict) return;
    const current = conflict.current;
    const theirs = personToForm(current);
    for (const c of conflict.list) {
      if (choices[c.field] === "theirs") form.setValue(c.field as keyof PersonFormValues, theirs[c.field as keyof PersonFormValues], { shouldDirty: true });
    }
    setBase(current);
    setConflict(null);
    openReview(form.getValues(), current);
  };

  const name = base.displayName ?? base.emails?.[0] ?? "this person";
  return (
    <form onSubmit={onReview} noValidate aria-label={`Edit ${name}`} className="space-y-4">
      {failure ? <FailedSaveAlert ref={failureRef} failure={failure} lookups={lookups} busy={saving} onRetry={retryUnsaved} onDismiss={() => setFailure(null)} /> : null}
      <Section title="Names">
        <NameFields form={form} displayNameRequired />
      </Section>
      <Section title="Organization">
        <OrganizationFields form={form} />
      </Section>
      <Section title="Contact and calling">
        <ContactFields form={form} locations={locations} />
      </Section>
      <Section title="Licenses and admin roles">
        <AccessFields form={form} licenses={licenses} roles={roles} held={base.licenses ?? []} />
      </Section>
      <Section title="Sign-in">
        <label className="flex items-start gap-3 text-sm">
          <input type="checkbox" className="mt-0.5 h-4 w-4 accent-brand-500" {...form.register("loginEnabled")} />
          <span>
            <span className="font-medium text-slate-900">Sign-in enabled</span>
            <span className="block text-slate-500">Turn off to deactivate: the person cannot sign in; licenses stay assigned.</span>
          </span>
        </label>
      </Section>

      <div className="sticky bottom-0 z-10 flex flex-wrap items-center justify-end gap-3 rounded-t-lg border border-slate-200 bg-white/95 px-4 py-3 shadow-[0_-4px_12px_-6px_rgba(15,23,42,0.15)] backdrop-blur">
        {nothing ? (
          <p role="status" className="mr-auto text-sm text-slate-600">
            Nothing has changed yet, so there is nothing to save.
          </p>
        ) : Object.keys(form.formState.errors).length > 0 ? (
          <p role="alert" className="mr-auto text-sm text-rose-700">
            Fix the highlighted fields to continue.
          </p>
        ) : null}
        {confirmDiscard ? (
          <>
            <p role="alert" className="text-sm font-medium text-slate-800">
              Discard your unsaved changes?
            </p>
            <Button onClick={() => setConfirmDiscard(false)}>Keep editing</Button>
            <Button variant="danger-solid" onClick={onCancel}>
              Discard
            </Button>
          </>
        ) : (
          <>
            <Button onClick={() => (dirty ? setConfirmDiscard(true) : onCancel())}>Cancel</Button>
            <Button type="submit" variant="primary">
              Review changes
            </Button>
          </>
        )}
      </div>

      <ReviewDialog
        open={review !== null}
        name={name}
        changes={review?.items ?? []}
        busy={saving}
        error={reviewError}
        onCancel={() => setReview(null)}
        onConfirm={save}
      />
      <ConflictDialog open={conflict !== null} conflicts={conflict?.list ?? []} lookups={lookups} onCancel={() => setConflict(null)} onResolve={resolve} />
    </form>
  );
}
