"use client";

import { useCallback, useSyncExternalStore } from "react";
import { DEFAULT_VISIBLE_COLUMNS, PEOPLE_COLUMN_IDS } from "./people-columns";

// The column choice persists per browser (localStorage) and also travels in the URL (`cols`) once changed,
// so a copied link shows the same columns. The URL wins when both are present.
const STORAGE_KEY = "roster.people.columns";
const listeners = new Set<() => void>();

function subscribe(cb: () => void): () => void {
  listeners.add(cb);
  window.addEventListener("storage", cb);
  return () => {
    listeners.delete(cb);
    window.removeEventListener("storage", cb);
  };
}

function readStored(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function writeStored(value: string | null): void {
  try {
    if (value === null) window.localStorage.removeItem(STORAGE_KEY);
    else window.localStorage.setItem(STORAGE_KEY, value);
  } catch {
    // Private mode or storage denied: the URL still carries the choice.
  }
  for (const l of listeners) l();
}

const known = (ids: readonly string[]) => ids.filter((id) => (PEOPLE_COLUMN_IDS as readonly string[]).includes(id));

export function useColumnVisibility(urlCols: string[] | null, onUrlChange: (cols: string[] | null) => void) {
  const stored = useSyncExternalStore(subscribe, readStored, () => null);
  const visible = urlCols ? known(urlCols) : stored !== null ? known(stored.split(",").filter(Boolean)) : [...DEFAULT_VISIBLE_COLUMNS];

  const setVisible = useCallback(
    (next: string[]) => {
      const ordered = PEOPLE_COLUMN_IDS.filter((id) => next.includes(id));
      writeStored(ordered.join(","));
      onUrlChange(ordered);
    },
    [onUrlChange],
  );
  const reset = useCallback(() => {
    writeStored(null);
    onUrlChange(null);
  }, [onUrlChange]);

  return { visible, setVisible, reset };
}
