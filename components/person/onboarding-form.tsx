"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { toast } from "@/components/ui/toast";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClass } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import { callingProblems, exhaustedAdditions } from "@/lib/people/capacity";
import type { LicenseDetail, PersonDetail } from "@/lib/people/person-detail";
import { EMPTY_ONBOARDING, firstEmptyField, keepForAnother, type CopiedAccess, type OnboardingTextField } from "@/lib/people/onboarding";
import { formToFields } from "@/lib/people/person-form";
import { onboardingFormSchema, type OnboardingFormValues, type PersonCreateBody } from "@/lib/people/schemas";
import { freshLicensesOptions, licensesOptions } from "@/lib/query/licenses";
import { MutationError, findPersonByEmail, useCreatePersonMutation } from "@/lib/query/person";
import { usePersonLookups } from "@/lib/query/person-lookups";
import { AccessFields, ContactFields, NameFields, OrganizationFields, Section, type PersonForm } from "./person-form-fields";
import { CopyAccess } from "./copy-access";
import { TrackingId } from "@/components/ui/tracking-id";

type Dup = { state: "idle" | "checking" | "free" } | { state: "taken"; id: string; name: string };
/** `values`: what the helpdesk submitted (what "Add another like this" keeps from). */
type Created = { person: PersonDetail; values: OnboardingFormValues; unapplied: string[]; recovered: boolean; webexError?: { message: string; trackingId: string } };

/** Only the fields the admin filled in: Webex gets no empty strings. */
function toCreateBody(v: OnboardingFormValues): PersonCreateBody {
  const fields = formToFields({ ...v, displayName: v.displayName, loginEnabled: true });
  const body: Record<string, unknown> = { emails: [v.email.trim()] };
  for (const [k, val] of Object.entries(fields)) {
    if (k === "email" || k === "loginEnabled") continue;
    if (typeof val === "string" && val.trim() === "") continue;
    if (Array.isArray(val) && val.length === 0) continue;
    body[k] = typeof val === "string" ? val.trim() : val;
  }
  return body as PersonCreateBody;
}

export function OnboardingForm() {
  const qc = useQueryClient();
  const create = useCreatePersonMutation();
  const { roles, locations, lookups } = usePersonLookups();
  // Capacity as shown: the org's shared figures (arrived with the page; no second fetch after hydration),
  // refreshed every 30 s while the form is open; right before submit it is asked of Webex itself (fresh).
  const licensesQ = useQuery({ ...licensesOptions(), refetchInterval: 30_000, staleTime: 15_000 });
  const licenses = (licensesQ.data?.items ?? []) as LicenseDetail[];
  const form = useForm<OnboardingFormValues>({ resolver: zodResolver(onboardingFormSchema), defaultValues: EMPTY_ONBOARDING, mode: "onTouched" });
  const [serverDup, setServerDup] = useState<{ email: string; id: string } | null>(null);
  const [failure, setFailure] = useState<{ message: string; trackingId?: string } | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  // After "Add another…": which field takes focus once the form is back, and whether fields were kept.
  const focusNext = useRef<OnboardingTextField | null>(null);
  const [keptFrom, setKeptFrom] = useState<string | null>(null);
  useEffect(() => {
    if (!created && focusNext.current) {
      form.setFocus(focusNext.current);
      focusNext.current = null;
    }
  }, [created, form]);
  const email = useWatch({ control: form.control, name: "email" }).trim();

  // Duplicate check while typing (debounced), so the admin learns before submitting.
  const [debounced, setDebounced] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(email), 350);
    return () => clearTimeout(timer);
  }, [email]);
  const lookupable = onboardingFormSchema.shape.email.safeParse(debounced).success;
  const dupQ = useQuery({
    queryKey: ["person-by-email", debounced.toLowerCase()],
    queryFn: ({ signal }) => findPersonByEmail(debounced, signal),
    enabled: lookupable,
    staleTime: 0,
    retry: false,
  });
  const dup: Dup =
    serverDup && serverDup.email === email
      ? { state: "taken", id: serverDup.id, name: email }
      : !lookupable || debounced !== email
        ? { state: "idle" }
        : dupQ.isFetching
          ? { state: "checking" }
          : dupQ.data
            ? { state: "taken", id: dupQ.data.id, name: dupQ.data.displayName ?? email }
            : dupQ.data === null
              ? { state: "free" }
              : { state: "idle" };

  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    if (dup.state === "taken") {
      form.setFocus("email");
      return;
    }
    const fresh = ((await qc.fetchQuery(freshLicensesOptions()).catch(() => null))?.items ?? licenses) as LicenseDetail[];
    let blocked = false;
    const full = exhaustedAdditions(fresh, [], values.licenses);
    if (full.length > 0) {
      form.setError("licenses", { message: `No units left on ${full.map((l) => l.name ?? l.id).join(", ")}. Untick it, or free a unit first.` });
      blocked = true;
    }
    for (const [field, message] of Object.entries(callingProblems(values, fresh))) {
      form.setError(field as "extension" | "locationId", { message });
      blocked = true;
    }
    if (blocked) return;
    try {
      const result = await create.mutateAsync(toCreateBody(values));
      setCreated({ person: result.person, values, unapplied: result.unappliedLicenses, recovered: result.recovered, webexError: result.webexError });
      toast.success(`${result.person.displayName ?? result.person.emails?.[0] ?? "The person"} was added`);
    } catch (e) {
      const err = e instanceof MutationError ? e : new MutationError({ status: 0, message: String(e) });
      if (err.status === 409 && err.existingId) {
        setServerDup({ email: values.email.trim(), id: err.existingId });
        form.setFocus("email");
        return;
      }
      if (err.status === 400 && err.fields) {
        for (const [k, message] of Object.entries(err.fields)) {
          const field = k.startsWith("emails") ? "email" : (k.split(".")[0] as keyof OnboardingFormValues);
          form.setError(field, { message });
        }
      }
      setFailure({ message: err.message, trackingId: err.trackingId });
    }
  });

  if (created) {
    const p = created.person;
    return (
      <div className="max-w-2xl space-y-4" data-testid="onboarding-success">
        <Alert tone="success" title={`${p.displayName ?? p.emails?.[0]} was added`}>
          {p.invitePending !== false ? (
            <p>
              Activation email sent to <strong>{p.emails?.[0]}</strong>. They appear as <Badge tone="violet">Invite pending</Badge> until they accept.
            </p>
          ) : (
            <p>Their account is active.</p>
          )}
          {created.recovered ? <p className="mt-1">Webex reported an error, but the person was created; Roster checked and did not create them twice.</p> : null}
          {created.recovered && created.webexError ? (
            <div className="mt-1">
              <p>Webex said: {created.webexError.message}</p>
              <TrackingId id={created.webexError.trackingId} />
            </div>
          ) : null}
        </Alert>
        <dl className="grid grid-cols-[9rem_1fr] gap-x-4 gap-y-1.5 rounded-lg border border-slate-200 bg-white px-5 py-4 text-sm">
          <dt className="text-slate-500">Email</dt>
          <dd className="text-slate-900">{p.emails?.[0]}</dd>
          <dt className="text-slate-500">Title</dt>
          <dd className="text-slate-900">{[p.title, p.department].filter(Boolean).join(" · ") || <span className="text-slate-500">Not set</span>}</dd>
          <dt className="text-slate-500">Licenses</dt>
          <dd className="text-slate-900">{(p.licenses ?? []).map((id) => lookups.licenses.get(id) ?? id).join(", ") || <span className="text-slate-500">None</span>}</dd>
          <dt className="text-slate-500">Admin roles</dt>
          <dd className="text-slate-900">{(p.roles ?? []).map((id) => lookups.roles.get(id) ?? id).join(", ") || "None"}</dd>
        </dl>
        {created.unapplied.length > 0 ? (
          <Alert tone="warning" title="Some licenses were not assigned">
            Webex skipped: {created.unapplied.map((id) => lookups.licenses.get(id) ?? id).join(", ")}.{" "}
            {created.webexError ? "Correct what Webex reported above, then assign them from the person page." : "Assign them from the person page once units are free."}
          </Alert>
        ) : null}
        <div className="flex flex-wrap gap-2">
          <Link href={`/people/${encodeURIComponent(p.id)}`} className={buttonClass("primary")}>
            Open {p.displayName ?? "person"}
          </Link>
          <Button
            onClick={() => {
              const next = keepForAnother(created.values);
              form.reset(next);
              setServerDup(null);
              setKeptFrom(p.displayName ?? p.emails?.[0] ?? "the person you just added");
              focusNext.current = firstEmptyField(next);
              setCreated(null);
            }}
          >
            Add another like this
          </Button>
          <Button
            onClick={() => {
              form.reset(EMPTY_ONBOARDING);
              setServerDup(null);
              setKeptFrom(null);
              focusNext.current = "email";
              setCreated(null);
            }}
          >
            Add another
          </Button>
          <Link href="/people" className={buttonClass("ghost")}>
            Back to People
          </Link>
        </div>
      </div>
    );
  }

  const emailError = form.formState.errors.email?.message;
  const shared = form as unknown as PersonForm; // the shared field groups use the same field names
  return (
    <form onSubmit={submit} noValidate aria-label="Add person" className="max-w-4xl space-y-4">
      {keptFrom ? (
        <p role="status" className="rounded-md border border-brand-100 bg-brand-50 px-4 py-2 text-sm text-slate-800" data-testid="kept-fields">
          Licenses, Calling location, department and manager are kept from {keptFrom}. Enter the new person&apos;s details.
        </p>
      ) : null}
      {failure ? (
        <Alert tone="error" title="The person was not added">
          {failure.message} Your entries are kept: correct them and try again.
          <TrackingId id={failure.trackingId} />
        </Alert>
      ) : null}
      <Section title="Account">
        <div className="space-y-4">
          <Field
            label="Email"
            required
            error={emailError}
            hint={dup.state === "checking" ? "Checking whether this email is already in use…" : dup.state === "free" ? "Available." : "The activation email goes here."}
          >
            <input type="email" autoComplete="off" className={inputClass(!!emailError || dup.state === "taken")} {...form.register("email")} />
          </Field>
          {dup.state === "taken" ? (
            <Alert tone="warning" title="This email already belongs to someone in your organization">
              <Link className="font-medium underline" href={`/people/${encodeURIComponent(dup.id)}`}>
                Open {dup.name}
              </Link>{" "}
              instead, or use a different email.
            </Alert>
          ) : null}
          <NameFields form={shared} displayNameRequired={false} />
        </div>
      </Section>
      <Section title="Organization">
        <OrganizationFields form={shared} />
      </Section>
      <Section title="Contact and calling">
        <ContactFields form={shared} locations={locations} />
      </Section>
      <Section title="Licenses and admin roles">
        <div className="space-y-5">
          <CopyAccess
            known={{ licenses: licenses.map((l) => l.id), roles: roles.map((r) => r.id) }}
            licenseName={(id) => lookups.licenses.get(id) ?? id}
            roleName={(id) => lookups.roles.get(id) ?? id}
            onCopy={(access: CopiedAccess) => {
              form.setValue("licenses", access.licenses, { shouldDirty: true, shouldValidate: true });
              form.setValue("roles", access.roles, { shouldDirty: true });
            }}
          />
          <AccessFields form={shared} licenses={licenses} roles={roles} held={[]} />
        </div>
      </Section>
      <div className="sticky bottom-0 z-10 flex flex-wrap items-center justify-end gap-3 rounded-t-lg border border-slate-200 bg-white/95 px-4 py-3 shadow-[0_-4px_12px_-6px_rgba(15,23,42,0.15)] backdrop-blur">
        {Object.keys(form.formState.errors).length > 0 ? (
          <p role="alert" className="mr-auto text-sm text-rose-700">
            Fix the highlighted fields to continue.
          </p>
        ) : null}
        <Link href="/people" className={buttonClass("secondary")}>
          Cancel
        </Link>
        <Button type="submit" variant="primary" disabled={form.formState.isSubmitting || dup.state === "taken"}>
          {form.formState.isSubmitting ? <Spinner /> : null}
          {form.formState.isSubmitting ? "Adding…" : "Add person"}
        </Button>
      </div>
    </form>
  );
}
