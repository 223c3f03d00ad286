"use client";

import * as RadixPopover from "@radix-ui/react-popover";
import { buttonClass } from "./button";
import { cn } from "./cn";

/**
 * A disclosure popover (a button that shows a panel), built on Radix Popover. The button says whether the panel is
 * open (aria-expanded) and which it is (aria-controls); opening moves focus to the panel's first control; Escape
 * closes it and returns focus to the button; a click outside, or Tab out of it, closes it. The panel is portalled
 * and collision-aware: it flips and shifts to stay inside the viewport (8 px from its edges), narrows to the
 * viewport on narrow windows and scrolls when it is taller than the room left.
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
  return (
    <RadixPopover.Root>
      <RadixPopover.Trigger aria-label={triggerLabel} className={buttonClass("secondary", "md", cn(active && "border-brand-500 text-brand-700"))}>
        {trigger}
        <svg aria-hidden viewBox="0 0 16 16" className="h-3.5 w-3.5 text-slate-500" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="M4 6l4 4 4-4" />
        </svg>
      </RadixPopover.Trigger>
      <RadixPopover.Portal>
        <RadixPopover.Content
          aria-label={title}
          side="bottom"
          align={align}
          sideOffset={4}
          collisionPadding={8}
          className={cn(
            "z-40 max-h-[var(--radix-popover-content-available-height)] min-w-56 max-w-[calc(100vw-16px)] overflow-auto rounded-lg border border-slate-200 bg-white p-1 text-sm shadow-lg focus:outline-none",
            panelClassName,
          )}
        >
          <p className="px-2 pb-1 pt-1.5 text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</p>
          {children}
        </RadixPopover.Content>
      </RadixPopover.Portal>
    </RadixPopover.Root>
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
