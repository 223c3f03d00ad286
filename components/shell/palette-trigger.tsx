"use client";

import { cn } from "@/components/ui/cn";
import { useIsClient } from "@/components/ui/use-is-client";
import { openPalette } from "@/lib/palette";

/** "Search people… ⌘K": the visible way into the command palette (sidebar and narrow-window menu). */
export function PaletteTrigger({ className, onOpen }: { className?: string; onOpen?: () => void }) {
  const isClient = useIsClient();
  const mac = isClient && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
  return (
    <button
      type="button"
      onClick={() => {
        onOpen?.();
        openPalette();
      }}
      aria-keyshortcuts="Meta+K Control+K"
      className={cn(
        "flex h-9 w-full items-center gap-1.5 rounded-md border border-slate-300 bg-white px-2 text-left text-sm text-slate-600 shadow-sm hover:bg-slate-50 hover:text-slate-900",
        className,
      )}
      data-testid="palette-trigger"
    >
      <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4 shrink-0" fill="none" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round">
        <circle cx="9" cy="9" r="5.5" />
        <path d="M13.5 13.5 17 17" />
      </svg>
      <span className="flex-1 truncate text-[13px]">Search people…</span>
      {isClient ? (
        <kbd aria-hidden className="shrink-0 rounded border border-slate-300 px-1 font-sans text-[11px] text-slate-500">
          {mac ? "⌘K" : "Ctrl K"}
        </kbd>
      ) : null}
    </button>
  );
}
