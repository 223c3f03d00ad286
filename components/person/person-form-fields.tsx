"use client";

import { useState } from "react";
import { Controller, useFieldArray, useWatch, type UseFormReturn } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import type { LicenseDetail } from "@/lib/people/person-detail";
import type { PersonFormValues } from "@/lib/people/schemas";
import { findPersonByEmail } from "@/lib/query/person";
import { LicensePicker, RolePicker } from "./choice-list";
import { Section } from "./person-summary";

// The field groups shared by the edit form and onboarding (both forms use these field names).
export type PersonForm = UseFormReturn<PersonFormValues>;

const err = (form: PersonForm, name: string): string | undefined => {
  let node: unknown = form.formState.errors;
  for (const part of name.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  return (node as { message?: string } | undefined)?.message;
};

export function NameFields({ form, displayNameRequired }: { form: PersonForm; displayNameRequired: boolean }) {
  const { register } = form;
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field label="First name" error={err(form, "firstName")}>
        <input className={inputClass(!!err(form, "firstName"))} autoComplete="off" {...register("firstName")} />
      </Field>
      <Field label="Last name" error={err(form, "lastName")}>
        <input className={inputClass(!!err(form, "lastName"))} autoComplete="off" {...register("lastName")} />
      </Field>
      <Field
        label="Display name"
        required={displayNameRequired}
        error={err(form, "displayName")}
        hint={displayNameRequired ? "How the person appears in Webex." : "Leave empty to use the first and last name."}
        className="sm:col-span-2"
      >
        <input className={inputClass(!!err(form, "displayName"))} autoComplete="off" {...register("displayName")} />
      </Field>
    </div>
  );
}

function ManagerPicker({ form }: { form: PersonForm }) {
  const manager = useWatch({ control: form.control, name: "manager" });
  const [email, setEmail] = useState("");
  const [state, setState] = useState<{ busy: boolean; message?: string }>({ busy: false });
  const find = async () => {
    const value = email.trim();
    if (!value) return;
    setState({ busy: true });
    try {
      const found = await findPersonByEmail(value);
      if (!found) {
        setState({ busy: false, message: `Nobody in your organization has the email ${value}.` });
        return;
      }
      form.setValue("manager", found.displayName ?? value, { shouldDirty: true });
      form.setValue("managerId", found.id, { shouldDirty: true });
      setEmail("");
      setState({ busy: false });
    } catch (e) {
      setState({ busy: false, message: e instanceof Error ? e.message : "Lookup failed" });
    }
  };
  return (
    <div className="sm:col-span-2">
      <p className="mb-1 text-sm font-medium text-slate-700">Manager</p>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm text-slate-900" data-testid="manager-value">
          {manager || <span className="text-slate-500">No manager</span>}
        </span>
        {manager ? (
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              form.setValue("manager", "", { shouldDirty: true });
              form.setValue("managerId", "", { shouldDirty: true });
            }}
          >
            Remove
          </Button>
        ) : null}
      </div>
      <div className="mt-2 flex gap-2">
        <label className="sr-only" htmlFor="manager-email">
          Manager&apos;s email
        </label>
        <input
          id="manager-email"
          type="email"
          placeholder="Find by email, e.g. lee@acme.example"
          className={inputClass(false, "max-w-xs")}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              void find();
            }
          }}
          aria-describedby={state.message ? "manager-msg" : undefined}
        />
        <Button size="md" onClick={() => void find()} disabled={state.busy || !email.trim()}>
          {state.busy ? "Finding…" : "Set manager"}
        </Button>
      </div>
      {state.message ? (
        <p id="manager-msg" role="status" className="mt-1 text-sm text-rose-700">
          {state.message}
        </p>
      ) : null}
    </div>
  );
}

export function OrganizationFields({ form }: { form: PersonForm }) {
  const { register } = form;
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field label="Department" error={err(form, "department")}>
        <input className={inputClass(!!err(form, "department"))} {...register("department")} />
      </Field>
      <Field label="Title" error={err(form, "title")}>
        <input className={inputClass(!!err(form, "title"))} {...register("title")} />
      </Field>
      <ManagerPicker form={form} />
    </div>
  );
}

const PHONE_TYPES = [
  { value: "work", label: "Work" },
  { value: "mobile", label: "Mobile" },
  { value: "fax", label: "Fax" },
  { value: "work_extension", label: "Work extension" },
] as const;

export function ContactFields({ form, locations }: { form: PersonForm; locations: { id: string; name?: string }[] }) {
  const { register, control } = form;
  const phones = useFieldArray({ control, name: "phoneNumbers" });
  const addresses = useFieldArray({ control, name: "addresses" });
  return (
    <div className="space-y-5">
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-700">Phone numbers</legend>
        <ul className="space-y-2">
          {phones.fields.map((f, i) => (
            <li key={f.id} className="flex flex-wrap items-start gap-2">
              <label className="sr-only" htmlFor={`phone-type-${i}`}>
                Type of number {i + 1}
              </label>
              <select id={`phone-type-${i}`} className={inputClass(false, "w-40")} {...register(`phoneNumbers.${i}.type`)}>
                {PHONE_TYPES.map((t) => (
                  <option key={t.value} value={t.value}>
                    {t.label}
                  </option>
                ))}
              </select>
              <div className="min-w-48 flex-1">
                <label className="sr-only" htmlFor={`phone-value-${i}`}>
                  Number {i + 1}
                </label>
                <input
                  id={`phone-value-${i}`}
                  className={inputClass(!!err(form, `phoneNumbers.${i}.value`))}
                  aria-invalid={err(form, `phoneNumbers.${i}.value`) ? true : undefined}
                  {...register(`phoneNumbers.${i}.value`)}
                />
                {err(form, `phoneNumbers.${i}.value`) ? <p className="mt-1 text-sm text-rose-700">{err(form, `phoneNumbers.${i}.value`)}</p> : null}
              </div>
              <Button variant="ghost" onClick={() => phones.remove(i)} aria-label={`Remove number ${i + 1}`}>
                Remove
              </Button>
            </li>
          ))}
        </ul>
        <Button size="sm" className="mt-2" onClick={() => phones.append({ type: "mobile", value: "" })}>
          Add number
        </Button>
      </fieldset>

      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Extension" error={err(form, "extension")} hint="Webex Calling only.">
          <input className={inputClass(!!err(form, "extension"))} inputMode="numeric" {...register("extension")} />
        </Field>
        <Field label="Calling location" error={err(form, "locationId")} hint="Webex Calling only; set together with a Calling license.">
          <select className={inputClass(!!err(form, "locationId"))} {...register("locationId")}>
            <option value="">No location</option>
            {locations.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name ?? l.id}
              </option>
            ))}
          </select>
        </Field>
      </div>

      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-700">Addresses</legend>
        <ul className="space-y-3">
          {addresses.fields.map((f, i) => (
            <li key={f.id} className="rounded-md border border-slate-200 p-3">
              <div className="grid gap-3 sm:grid-cols-6">
                <Field label="Street" className="sm:col-span-6" error={err(form, `addresses.${i}.streetAddress`)}>
                  <input className={inputClass(!!err(form, `addresses.${i}.streetAddress`))} {...register(`addresses.${i}.streetAddress`)} />
                </Field>
                <Field label="City" className="sm:col-span-2" error={err(form, `addresses.${i}.locality`)}>
                  <input className={inputClass(!!err(form, `addresses.${i}.locality`))} {...register(`addresses.${i}.locality`)} />
                </Field>
                <Field label="Region" className="sm:col-span-2" error={err(form, `addresses.${i}.region`)}>
                  <input className={inputClass(!!err(form, `addresses.${i}.region`))} {...register(`addresses.${i}.region`)} />
                </Field>
                <Field label="Postal code" className="sm:col-span-1" error={err(form, `addresses.${i}.postalCode`)}>
                  <input className={inputClass(!!err(form, `addresses.${i}.postalCode`))} {...register(`addresses.${i}.postalCode`)} />
                </Field>
                <Field label="Country" className="sm:col-span-1" error={err(form, `addresses.${i}.country`)}>
                  <input className={inputClass(!!err(form, `addresses.${i}.country`))} {...register(`addresses.${i}.country`)} />
                </Field>
              </div>
              <Button size="sm" variant="ghost" className="mt-2" onClick={() => addresses.remove(i)}>
                Remove address {i + 1}
              </Button>
            </li>
          ))}
        </ul>
        <Button size="sm" className="mt-2" onClick={() => addresses.append({ type: "work", streetAddress: "", locality: "", region: "", postalCode: "", country: "" })}>
          Add address
        </Button>
      </fieldset>
    </div>
  );
}

export function AccessFields({
  form,
  licenses,
  roles,
  held,
}: {
  form: PersonForm;
  licenses: LicenseDetail[];
  roles: { id: string; name?: string }[];
  held: string[];
}) {
  return (
    <div className="space-y-5">
      <Controller
        control={form.control}
        name="licenses"
        render={({ field }) => <LicensePicker licenses={licenses} value={field.value} held={held} onChange={field.onChange} error={err(form, "licenses")} />}
      />
      <Controller control={form.control} name="roles" render={({ field }) => <RolePicker roles={roles} value={field.value} onChange={field.onChange} />} />
    </div>
  );
}

export { Section };
