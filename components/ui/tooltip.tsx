"use client";

import * as RadixTooltip from "@radix-ui/react-tooltip";
import { cn } from "./cn";

/**
 * Timing shared by every tooltip: a short delay before the first one opens on hover (none on keyboard focus), and
 * moving from one trigger to the next within `skipDelayDuration` opens the next at once. Rendered once, in
 * `components/providers.tsx`; a `Tooltip` outside it throws.
 */
export function TooltipProvider({ children }: { children: React.ReactNode }) {
  return (
    <RadixTooltip.Provider delayDuration={300} skipDelayDuration={300}>
      {children}
    </RadixTooltip.Provider>
  );
}

/**
 * A tooltip for hover and keyboard focus (Radix: WCAG 1.4.13). It opens when the pointer rests on the trigger or the
 * trigger gets focus, stays while the pointer moves onto it, stays until the pointer or the focus leaves, and Escape
 * dismisses it without moving focus. It is portalled and collision-aware, so scrolling table containers do not clip
 * it and it stays inside the viewport; while open, the trigger is described by it (aria-describedby), so screen
 * readers read its text on focus.
 */
export function Tooltip({
  content,
  children,
  className,
}: {
  content: React.ReactNode;
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <RadixTooltip.Root>
      <RadixTooltip.Trigger asChild>
        <span
          tabIndex={0}
          className={cn("cursor-default rounded underline decoration-slate-300 decoration-dotted underline-offset-4", className)}
        >
          {children}
        </span>
      </RadixTooltip.Trigger>
      <RadixTooltip.Portal>
        <RadixTooltip.Content
          side="bottom"
          align="start"
          sideOffset={6}
          collisionPadding={8}
          data-slot="tooltip"
          className="z-50 w-max max-w-[min(18rem,calc(100vw-16px))] rounded-md bg-slate-900 px-2.5 py-1.5 text-xs leading-5 text-white shadow-lg"
        >
          {content}
        </RadixTooltip.Content>
      </RadixTooltip.Portal>
    </RadixTooltip.Root>
  );
}
