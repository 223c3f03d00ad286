"use client";

import { useEffect, useId, useRef, useState } from "react";
import { buttonClass } from "./button";
import { cn } from "./cn";

/**
 * A disclosure popover (a button that shows a panel). Escape or a click outside closes it and focus returns to
 * the button; the panel is a labelled group, so its checkboxes and buttons keep their native keyboard behaviour.
 */
export function Popover({
  trigger,
  triggerLabel,
  title,
  align = "start",
  active = false,
  children,
  panelClassName,
}: {
  trigger: React.ReactNode;
  triggerLabel?: string;
  title: string;
  align?: "start" | "end";
  active?: boolean;
  children: React.ReactNode;
  panelClassName?: string;
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onDown);
    // Move focus into the panel so keyboard users land on its first control.
    panelRef.current?.querySelector<HTMLElement>("input, button, select, [tabindex='0']")?.focus();
    return () => document.removeEventListener("pointerdown", onDown);
  }, [open]);

  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };

  return (
    <div
      ref={rootRef}
      className="relative"
      onKeyDown={(e) => {
        if (e.key === "Escape" && open) {
          e.stopPropagation();
          close();
        }
      }}
      onBlur={(e) => {
        if (open && !rootRef.current?.contains(e.relatedTarget as Node | null) && e.relatedTarget) setOpen(false);
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={id}
        aria-label={triggerLabel}
        onClick={() => setOpen((o) => !o)}
        className={buttonClass("secondary", "md", cn(active && "border-brand-500 text-brand-700"))}
      >
        {trigger}
        <svg aria-hidden viewBox="0 0 16 16" className="h-3.5 w-3.5 text-slate-500" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="M4 6l4 4 4-4" />
        </svg>
      </button>
      {open ? (
        <div
          ref={panelRef}
          id={id}
          role="group"
          aria-label={title}
          className={cn(
            "absolute top-full z-40 mt-1 min-w-56 rounded-lg border border-slate-200 bg-white p-1 shadow-lg",
            align === "end" ? "right-0" : "left-0",
            panelClassName,
          )}
        >
          <p className="px-2 pb-1 pt-1.5 text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</p>
          {children}
        </div>
      ) : null}
    </div>
  );
}

/** A checkbox row for use inside a Popover. */
export function PopoverCheckbox({ checked, onChange, children, disabled }: { checked: boolean; onChange: (checked: boolean) => void; children: React.ReactNode; disabled?: boolean }) {
  return (
    <label className={cn("flex cursor-pointer items-center gap-2.5 rounded-md px-2 py-1.5 text-sm text-slate-800 hover:bg-slate-100", disabled && "cursor-not-allowed opacity-60")}>
      <input type="checkbox" className="h-4 w-4 accent-brand-500" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
      <span className="truncate">{children}</span>
    </label>
  );
}
