"use client";

import { useSyncExternalStore } from "react";

const noopSubscribe = () => () => {};

/** False during the server render and hydration, true after: for values only the browser knows. */
export function useIsClient(): boolean {
  return useSyncExternalStore(
    noopSubscribe,
    () => true,
    () => false,
  );
}
