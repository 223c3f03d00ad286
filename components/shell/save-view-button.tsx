"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, inputClass } from "@/components/ui/field";
import { toast } from "@/components/ui/toast";
import { normalizeViewQuery, VIEW_NAME_MAX } from "@/lib/directory/saved-views";
import { ApiRequestError } from "@/lib/query/fetch-api";
import { useCreateView, useViews } from "@/lib/query/views";

/**
 * "Save view" in the people grid's toolbar: names the grid's current URL (search, filters, sort, columns, page
 * size) and keeps it, personal or shared with the org; it then shows under "Saved views" in the sidebar.
 */
export function SaveViewButton() {
  const [query, setQuery] = useState<string | null>(null);
  return (
    <>
      <Button onClick={() => setQuery(window.location.search)} data-testid="save-view">
        <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.75" strokeLinejoin="round">
          <path d="M5.5 3.5h9v13l-4.5-3-4.5 3z" />
        </svg>
        Save view
      </Button>
      {query !== null ? <SaveViewDialog query={query} onClose={() => setQuery(null)} /> : null}
    </>
  );
}

function SaveViewDialog({ query, onClose }: { query: string; onClose: () => void }) {
  const views = useViews();
  const create = useCreateView();
  const [name, setName] = useState("");
  const [shared, setShared] = useState(false);
  const normalized = normalizeViewQuery(query);
  const canShare = views.data?.canShare ?? false;
  const err = create.error;
  const nameError = err instanceof ApiRequestError && (err.status === 409 || err.fields?.name) ? (err.fields?.name ?? err.message) : undefined;
  const otherError = err && !nameError ? err.message : !normalized.ok ? normalized.message : undefined;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!normalized.ok || !name.trim()) return;
    create.mutate(
      { name, query: normalized.query, shared },
      {
        onSuccess: (v) => {
          toast.success(`Saved view “${v.name}”${v.shared ? ", shared with your organization" : ""}`);
          onClose();
        },
      },
    );
  };

  return (
    <Dialog
      open
      size="sm"
      title="Save this view"
      description="Keeps the People page as it is now (search, filters, sort, columns and page size) under a name in the sidebar."
      busy={create.isPending}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose} disabled={create.isPending}>
            Cancel
          </Button>
          <Button variant="primary" type="submit" form="save-view-form" disabled={create.isPending || !name.trim() || !normalized.ok}>
            {create.isPending ? "Saving…" : "Save view"}
          </Button>
        </>
      }
    >
      <form id="save-view-form" onSubmit={submit} className="space-y-4">
        <Field label="Name" required error={nameError} hint="For example “Sales, invite pending”.">
          <input className={inputClass(Boolean(nameError))} value={name} maxLength={VIEW_NAME_MAX} onChange={(e) => setName(e.target.value)} autoFocus />
        </Field>
        <fieldset>
          <legend className="mb-1 text-sm font-medium text-slate-700">Who sees it</legend>
          <div className="space-y-1.5 text-sm text-slate-800">
            <label className="flex items-start gap-2.5">
              <input type="radio" name="save-view-scope" className="mt-0.5 h-4 w-4 accent-brand-500" checked={!shared} onChange={() => setShared(false)} />
              <span>Only me</span>
            </label>
            <label className="flex items-start gap-2.5">
              <input type="radio" name="save-view-scope" className="mt-0.5 h-4 w-4 accent-brand-500" checked={shared} disabled={!canShare} onChange={() => setShared(true)} />
              <span>
                Everyone in the organization
                <span className="block text-xs text-slate-500">
                  {canShare ? "Every administrator sees it in their sidebar." : "Only administrators who can make changes may share views."}
                </span>
              </span>
            </label>
          </div>
        </fieldset>
        {otherError ? (
          <p className="text-sm text-rose-700" role="alert">
            {otherError}
          </p>
        ) : null}
      </form>
    </Dialog>
  );
}
