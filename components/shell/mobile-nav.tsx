"use client";

import { usePathname } from "next/navigation";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { NavLinks } from "./nav-links";
import { PaletteTrigger } from "./palette-trigger";
import { SavedViewsNav } from "./saved-views-nav";
import { ThemeToggle } from "./theme-toggle";

/**
 * The navigation below 768 px, where the sidebar is hidden: a menu button that opens the same links (a disclosure,
 * not a modal). Opening moves focus to the first link; Escape closes and returns focus to the button; following a
 * link, clicking outside or the page changing closes it.
 */
export function MobileNav({ org, signedInAs }: { org?: React.ReactNode; signedInAs?: string }) {
  const pathname = usePathname();
  // Open on the page it was opened on: any navigation (a link, the browser's back button) closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const panelId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  const close = useCallback((returnFocus: boolean) => {
    setOpenOn(null);
    if (returnFocus) button.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector<HTMLElement>("a[href]")?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        e.preventDefault();
        close(true);
      }
    };
    const onPointer = (e: PointerEvent) => {
      const t = e.target as Node;
      if (!panel.current?.contains(t) && !button.current?.contains(t)) close(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open, close]);

  return (
    <div className="md:hidden">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpenOn(open ? null : pathname)}
        className="inline-flex h-9 items-center gap-2 rounded-md border border-slate-300 bg-white px-2.5 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50"
      >
        <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round">
          {open ? <path d="M5 5l10 10M15 5L5 15" /> : <path d="M3.5 6h13M3.5 10h13M3.5 14h13" />}
        </svg>
        Menu
      </button>
      <div
        ref={panel}
        id={panelId}
        hidden={!open}
        className="absolute inset-x-0 top-14 z-40 border-b border-slate-200 bg-white px-3 pb-4 pt-2 shadow-lg"
      >
        {org ? <div className="px-3 pb-2 pt-1">{org}</div> : null}
        {/* Focus goes to the Menu button first, so closing the palette returns it there (the panel is gone). */}
        <PaletteTrigger className="mb-2" onOpen={() => close(true)} />
        <nav aria-label="Main">
          <NavLinks onNavigate={() => close(false)} />
        </nav>
        <SavedViewsNav onNavigate={() => close(false)} />
        {/* The header has no room for the name below 640 px. */}
        {signedInAs ? <p className="mt-2 border-t border-slate-100 px-3 pt-3 text-xs text-slate-500 sm:hidden">Signed in as {signedInAs}</p> : null}
        <ThemeToggle className="mx-3 mt-3 max-w-64" />
      </div>
    </div>
  );
}
