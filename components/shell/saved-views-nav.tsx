"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog } from "@/components/ui/dialog";
import { Field, inputClass } from "@/components/ui/field";
import { toast } from "@/components/ui/toast";
import { normalizeViewQuery, VIEW_NAME_MAX } from "@/lib/directory/saved-views";
import { ApiRequestError } from "@/lib/query/fetch-api";
import { useDeleteView, useUpdateView, useViews, type SavedView } from "@/lib/query/views";

/** The canonical form of the address bar's query, to highlight the view that is open. */
function currentQuery(search: string): string | null {
  const r = normalizeViewQuery(search);
  return r.ok ? r.query : null;
}

/**
 * "Saved views" in the sidebar (and the narrow-window menu): the admin's own views and the org's shared ones (marked
 * "Shared"), each a link to /people?<query>; the open one is highlighted. Edit (rename, share, delete with a
 * confirmation) is offered where the admin may (lib/server/directory/saved-views.ts says who).
 */
export function SavedViewsNav({ onNavigate }: { onNavigate?: () => void } = {}) {
  const views = useViews();
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const open = pathname === "/people" ? currentQuery(search) : null;
  const [editing, setEditing] = useState<SavedView | null>(null);
  const items = views.data?.items ?? [];

  return (
    <section aria-labelledby="saved-views-heading" className="mt-6" data-testid="saved-views">
      <h2 id="saved-views-heading" className="px-3 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
        Saved views
      </h2>
      {views.isPending ? (
        <p className="px-3 py-1 text-sm text-slate-500">Loading…</p>
      ) : views.isError ? (
        <p className="px-3 py-1 text-sm text-rose-700">
          Could not load saved views.{" "}
          <button type="button" className="underline" onClick={() => void views.refetch()}>
            Try again
          </button>
        </p>
      ) : items.length === 0 ? (
        <p className="px-3 py-1 text-sm text-slate-500">None yet. Use “Save view” on the People page.</p>
      ) : (
        <ul className="space-y-0.5">
          {items.map((v) => {
            const active = open !== null && open === v.query;
            return (
              <li key={v.id} className="group flex items-center gap-1">
                <Link
                  href={`/people${v.query ? `?${v.query}` : ""}`}
                  aria-current={active ? "page" : undefined}
                  onClick={onNavigate}
                  className={cn(
                    "flex min-w-0 flex-1 items-center gap-2 rounded-md px-3 py-1.5 text-sm transition-colors",
                    active ? "bg-brand-50 font-medium text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
                  )}
                >
                  <span className="truncate" title={v.name}>
                    {v.name}
                  </span>
                  {v.shared ? (
                    <span className="shrink-0 rounded bg-slate-100 px-1 text-[11px] font-medium text-slate-600" title={v.mine ? "Shared with your organization" : `Shared by ${v.ownerEmail}`}>
                      Shared
                    </span>
                  ) : null}
                </Link>
                {v.canEdit ? (
                  <button
                    type="button"
                    aria-label={`Edit view ${v.name}`}
                    onClick={() => setEditing(v)}
                    className="shrink-0 rounded-md p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800"
                  >
                    <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
                      <circle cx="4.5" cy="10" r="1.5" />
                      <circle cx="10" cy="10" r="1.5" />
                      <circle cx="15.5" cy="10" r="1.5" />
                    </svg>
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {editing ? <EditViewDialog view={editing} canShare={views.data?.canShare ?? false} onClose={() => setEditing(null)} /> : null}
    </section>
  );
}

function EditViewDialog({ view, canShare, onClose }: { view: SavedView; canShare: boolean; onClose: () => void }) {
  const update = useUpdateView();
  const remove = useDeleteView();
  const [name, setName] = useState(view.name);
  const [shared, setShared] = useState(view.shared);
  const [confirming, setConfirming] = useState(false);
  const busy = update.isPending || remove.isPending;
  const error = update.error ?? remove.error;
  const nameError = error instanceof ApiRequestError && (error.status === 409 || error.fields?.name) ? (error.fields?.name ?? error.message) : undefined;

  const save = (e: React.FormEvent) => {
    e.preventDefault();
    const patch = { id: view.id, ...(name.trim() !== view.name ? { name } : {}), ...(shared !== view.shared ? { shared } : {}) };
    if (Object.keys(patch).length === 1) return onClose();
    update.mutate(patch, {
      onSuccess: (v) => {
        toast.success(`Saved view “${v.name}” updated`);
        onClose();
      },
    });
  };

  if (confirming) {
    return (
      <Dialog
        open
        size="sm"
        title="Delete this view?"
        busy={busy}
        onClose={() => setConfirming(false)}
        description={
          view.shared ? (
            <>“{view.name}” is shared: it disappears from every administrator’s sidebar. The people themselves are not changed.</>
          ) : (
            <>“{view.name}” is removed from your saved views. The people themselves are not changed.</>
          )
        }
        footer={
          <>
            <Button onClick={() => setConfirming(false)} disabled={busy}>
              Cancel
            </Button>
            <Button
              variant="danger-solid"
              disabled={busy}
              onClick={() =>
                remove.mutate(view.id, {
                  onSuccess: () => {
                    toast.success(`Saved view “${view.name}” deleted`);
                    onClose();
                  },
                })
              }
            >
              {remove.isPending ? "Deleting…" : "Delete view"}
            </Button>
          </>
        }
      >
        {remove.error ? <p className="text-sm text-rose-700" role="alert">{remove.error.message}</p> : <p className="text-sm text-slate-600">This cannot be undone.</p>}
      </Dialog>
    );
  }

  return (
    <Dialog
      open
      size="sm"
      title="Edit saved view"
      busy={busy}
      onClose={onClose}
      footer={
        <>
          <Button variant="danger" className="mr-auto" onClick={() => setConfirming(true)} disabled={busy}>
            Delete…
          </Button>
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button variant="primary" type="submit" form={`edit-view-${view.id}`} disabled={busy || !name.trim()}>
            {update.isPending ? "Saving…" : "Save"}
          </Button>
        </>
      }
    >
      <form id={`edit-view-${view.id}`} onSubmit={save} className="space-y-4">
        <Field label="Name" required error={nameError}>
          <input className={inputClass(Boolean(nameError))} value={name} maxLength={VIEW_NAME_MAX} onChange={(e) => setName(e.target.value)} autoFocus />
        </Field>
        {canShare ? (
          <label className="flex items-start gap-2.5 text-sm text-slate-800">
            <input type="checkbox" className="mt-0.5 h-4 w-4 accent-brand-500" checked={shared} onChange={(e) => setShared(e.target.checked)} />
            <span>
              Share with the organization
              <span className="block text-xs text-slate-500">Every administrator of the organization sees it in their sidebar.</span>
            </span>
          </label>
        ) : null}
        {error && !nameError ? <p className="text-sm text-rose-700" role="alert">{error.message}</p> : null}
      </form>
    </Dialog>
  );
}
