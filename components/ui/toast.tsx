"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import type { ExternalToast, ToasterProps } from "sonner";

// Toasts without sonner on every page's first load (~10 kB gzip): sonner and its <Toaster> load with the tab's first
// toast. The Toaster's live region (a `section` with aria-live="polite") is put in the page first and the toast only
// REGION_SETTLE_MS later, so a screen reader that reads only changes inside regions it already knows still reads it.
// Call sites use `toast` from here exactly as sonner's (the same methods and options).

type Kind = "success" | "error" | "warning" | "info";
type SonnerModule = typeof import("sonner");

const REGION_SETTLE_MS = 200;

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

function show(kind: Kind, message: string, data?: ExternalToast): void {
  if (!mounted) {
    requests++;
    for (const l of listeners) l();
  }
  void Promise.all([loadSonner(), ready])
    .then(([m]) => m.toast[kind](message, data))
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

/** sonner's Toaster (same props), mounted when the first toast is asked for. Render it once, in the providers. */
export function Toaster(props: ToasterProps) {
  const asked = useSyncExternalStore(
    subscribe,
    () => requests,
    () => 0,
  );
  const [Loaded, setLoaded] = useState<SonnerModule["Toaster"] | null>(null);
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
      <Loaded {...props} />
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
