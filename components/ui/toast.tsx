"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import type { ExternalToast, ToasterProps } from "sonner";

// The one place that uses sonner: components call `toast` from here (never sonner itself), and the console layout's
// providers render this module's <Toaster /> once.
//
// Toasts confirm a completed action in addition to the page's inline alert (which stays: it is where the details
// are). They never take focus; Alt+T moves focus to them, Tab reaches "Close toast", and Escape closes the focused one.
// They are announced: sonner's region is aria-live="polite", switched to "assertive" while an error goes in. They sit
// above the sticky action bars of the edit and onboarding forms (never over Save), in the console's own colours.
//
// Sonner is not in every page's first load (~10 kB gzip): it and its <Toaster> load with the tab's first toast. The
// live region is put in the page first and the toast only REGION_SETTLE_MS later, so a screen reader that reads only
// changes inside regions it already knows still reads it.

type Kind = "success" | "error" | "warning" | "info";
type SonnerModule = typeof import("sonner");

const REGION_SETTLE_MS = 200;
/** How long the region stays assertive after an error toast went in (screen readers read the politeness at insertion). */
const ASSERTIVE_MS = 1500;
/** Above the forms' sticky action bars (about 62 px tall), so a toast never covers Save or Cancel. */
const BOTTOM_OFFSET = 80;

let sonner: Promise<SonnerModule> | undefined;
function loadSonner(): Promise<SonnerModule> {
  sonner ??= import("sonner").catch((err: unknown) => {
    sonner = undefined; // a failed chunk load is retried by the next toast
    throw err;
  });
  return sonner;
}

/** Toasts asked for before sonner's Toaster was in the page (each one retries a failed chunk load). */
let requests = 0;
let mounted = false;
const listeners = new Set<() => void>();
let markReady: () => void = () => undefined;
const ready = new Promise<void>((resolve) => {
  markReady = resolve;
});

/** sonner's live region (its `section`), once mounted. */
let region: HTMLElement | null = null;
let politeTimer: ReturnType<typeof setTimeout> | undefined;

/** Errors interrupt: the region is assertive while the error toast is inserted, polite again afterwards. */
function announceAssertively() {
  if (!region) return;
  region.setAttribute("aria-live", "assertive");
  // A later error restarts the wait. (No Date.now() check in the callback: a timer may fire a millisecond before
  // Date.now() reaches its due time, and the region then stayed assertive for good.)
  clearTimeout(politeTimer);
  politeTimer = setTimeout(() => region?.setAttribute("aria-live", "polite"), ASSERTIVE_MS);
}

function show(kind: Kind, message: string, data?: ExternalToast): void {
  if (!mounted) {
    requests++;
    for (const l of listeners) l();
  }
  void Promise.all([loadSonner(), ready])
    .then(([m]) => {
      if (kind === "error") announceAssertively();
      // Errors stay until closed (they matter, and nobody should have to read against a timer).
      m.toast[kind](message, kind === "error" ? { duration: Infinity, ...data } : data);
    })
    .catch(() => undefined);
}

export const toast = {
  success: (message: string, data?: ExternalToast) => show("success", message, data),
  error: (message: string, data?: ExternalToast) => show("error", message, data),
  warning: (message: string, data?: ExternalToast) => show("warning", message, data),
  info: (message: string, data?: ExternalToast) => show("info", message, data),
};

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Calm, in the console's palette (white card, slate text, a coloured edge and icon by kind) rather than sonner's rich colours. */
const EDGE = "!border-l-4";
const TOAST_CLASSES: NonNullable<ToasterProps["toastOptions"]>["classNames"] = {
  toast: "!font-sans !shadow-md",
  title: "!font-medium !text-slate-900",
  description: "!text-slate-600",
  success: `${EDGE} !border-l-emerald-600 [&_[data-icon]]:!text-emerald-700`,
  info: `${EDGE} !border-l-brand-600 [&_[data-icon]]:!text-brand-700`,
  warning: `${EDGE} !border-l-amber-500 [&_[data-icon]]:!text-amber-700`,
  error: `${EDGE} !border-l-rose-600 [&_[data-icon]]:!text-rose-700`,
  actionButton: "!bg-slate-900 !text-white",
};
// The palette's variables (with the light values as fallbacks), so that toasts follow the dark theme too.
const PALETTE = {
  "--normal-bg": "var(--color-white, #fff)",
  "--normal-border": "var(--color-slate-200, #e2e8f0)",
  "--normal-text": "var(--color-slate-900, #0f172a)",
} as React.CSSProperties;

/** Escape closes the toast that has focus (sonner itself only collapses the stack). */
function closeFocusedToast(e: KeyboardEvent) {
  if (e.key !== "Escape" || !(document.activeElement instanceof HTMLElement)) return;
  const t = document.activeElement.closest("[data-sonner-toast]");
  const close = t?.querySelector<HTMLButtonElement>("[data-close-button]");
  if (close) {
    e.preventDefault();
    close.click();
  }
}

/** sonner's Toaster with Roster's settings, mounted when the first toast is asked for. Render it once, in the providers. */
export function Toaster(overrides: Partial<ToasterProps>) {
  const props: ToasterProps = {
    position: "bottom-right",
    closeButton: true,
    duration: 8000,
    offset: { bottom: BOTTOM_OFFSET, right: 16 },
    mobileOffset: { bottom: BOTTOM_OFFSET, left: 16, right: 16 },
    style: PALETTE,
    toastOptions: { classNames: TOAST_CLASSES },
    ...overrides,
  };
  const asked = useSyncExternalStore(
    subscribe,
    () => requests,
    () => 0,
  );
  const [Loaded, setLoaded] = useState<SonnerModule["Toaster"] | null>(null);
  useEffect(() => {
    document.addEventListener("keydown", closeFocusedToast);
    return () => document.removeEventListener("keydown", closeFocusedToast);
  }, []);
  useEffect(() => {
    if (!asked || Loaded) return;
    let live = true;
    loadSonner()
      .then((m) => {
        if (!live) return;
        mounted = true;
        setLoaded(() => m.Toaster);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [asked, Loaded]);
  return Loaded ? (
    <>
      <Loaded
        {...props}
        ref={(el: HTMLElement | null) => {
          region = el;
        }}
      />
      <RegionSettled />
    </>
  ) : null;
}

/** Runs after the Toaster's own effects (it subscribes to sonner's toasts in one): lets queued toasts through. */
function RegionSettled() {
  useEffect(() => {
    const t = setTimeout(markReady, REGION_SETTLE_MS);
    return () => clearTimeout(t);
  }, []);
  return null;
}
