"use client";

import { useEffect, useId, useRef } from "react";
import { cn } from "./cn";

const SIZES = { sm: "w-[min(28rem,calc(100vw-2rem))]", md: "w-[min(36rem,calc(100vw-2rem))]", lg: "w-[min(44rem,calc(100vw-2rem))]", xl: "w-[min(60rem,calc(100vw-2rem))]" };

/**
 * A modal built on the native <dialog> (focus trap, Esc, inert background come from the browser).
 * `onClose` runs on Esc and on the close button, unless `busy` (work in flight must not be walked away from
 * by accident); the caller owns `open`. Focus goes back to what had it when the dialog opened (the button that
 * opened it), also when the caller unmounts the dialog instead of setting `open` to false.
 */
export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
  footer,
  busy = false,
  size = "lg",
  className,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: React.ReactNode;
  children: React.ReactNode;
  footer?: React.ReactNode;
  busy?: boolean;
  size?: keyof typeof SIZES | (string & {});
  className?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d || !open) return;
    // The browser returns focus on close(), but not when an open dialog is taken out of the page: do it here.
    const opener = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    if (!d.open) d.showModal();
    return () => {
      if (d.open) d.close();
      returnFocus(opener);
    };
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descId : undefined}
      aria-busy={busy || undefined}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onClose();
      }}
      className={cn(
        "m-auto rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40 dark:backdrop:bg-black/60",
        SIZES[size as keyof typeof SIZES] ?? SIZES.lg,
        className,
      )}
    >
      {open ? (
        <div className="flex max-h-[85vh] flex-col">
          <div className="flex items-start justify-between gap-4 border-b border-slate-200 px-6 py-4">
            <div>
              <h2 id={titleId} className="text-lg font-semibold">
                {title}
              </h2>
              {description ? (
                <div id={descId} className="mt-1 text-sm text-slate-600">
                  {description}
                </div>
              ) : null}
            </div>
            <button
              type="button"
              onClick={onClose}
              disabled={busy}
              className="rounded-md p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800 disabled:opacity-40"
              aria-label="Close"
            >
              <svg aria-hidden viewBox="0 0 20 20" className="h-5 w-5" fill="currentColor">
                <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
              </svg>
            </button>
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto px-6 py-4">{children}</div>
          {footer ? <div className="flex flex-wrap items-center justify-end gap-2 border-t border-slate-200 bg-slate-50 px-6 py-3">{footer}</div> : null}
        </div>
      ) : null}
    </dialog>
  );
}

/** Focus back on `opener` when focus was lost with the dialog (on the page's body, or nowhere) and it is still there. */
function returnFocus(opener: HTMLElement | null): void {
  const active = document.activeElement;
  if (!opener || !opener.isConnected) return;
  if (active && active !== document.body && active.isConnected) return;
  opener.focus({ preventScroll: true });
}
