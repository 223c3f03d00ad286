"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useSyncExternalStore } from "react";

// The address bar is the one source of truth. Next's router follows our pushState/replaceState (it patches them)
// and Back/Forward, but in a transition, and on a Back/Forward to an entry written before a reload it first asks
// the server for that entry's page: until it answers (or when a later step overtakes it) useSearchParams still
// names the old URL. So the view reads window.location, again at every popstate, after each of our writes, and
// whenever Next's search params change (its own navigations write the URL only after they render).
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());
function subscribe(onChange: () => void) {
  listeners.add(onChange);
  window.addEventListener("popstate", onChange);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener("popstate", onChange);
  };
}
const locationSearch = () => window.location.search;

/**
 * A list's view, read from the URL with a pure `parse` and written back with `serialize` through the History API
 * (the people grid, the licenses dashboard, a license's holders, reclaim, activity), so changing the view never
 * round-trips to the server. Each push is a Back/Forward step; replace is for refinements. Reload reads the same
 * URL; what `parse` does not accept falls back to its defaults. The view is what the address bar says, at once:
 * after a write, and after Back or Forward (also to a step made before a reload).
 *
 * `keys`: when two views share a page (a license's holders and its usage by team), each names the URL keys it owns;
 * navigating then keeps every other key of the address bar as it is. Without it, the view owns the whole query.
 */
export function useUrlView<V>(parse: (params: URLSearchParams) => V, serialize: (view: V) => string, opts?: { keys: readonly string[] }) {
  const nextSearch = useSearchParams().toString();
  const keys = opts?.keys;
  // The server renders (and hydration starts from) the search params Next knows; the browser then reads its URL.
  const search = useSyncExternalStore(subscribe, locationSearch, () => nextSearch);
  useEffect(notify, [nextSearch]);
  const view = useMemo(() => parse(new URLSearchParams(search)), [parse, search]);
  const navigate = useCallback(
    (next: V, mode: "push" | "replace" = "push") => {
      const url = `${window.location.pathname}${keys ? mergeQuery(window.location.search, serialize(next), keys) : serialize(next)}`;
      if (url === `${window.location.pathname}${window.location.search}`) return;
      if (mode === "push") window.history.pushState(null, "", url);
      else window.history.replaceState(null, "", url);
      notify();
    },
    [serialize, keys],
  );
  return { view, navigate };
}

/** The current query with `own` keys replaced by those of `next` ("?a=1"); the other keys stay, in their order. */
export function mergeQuery(current: string, next: string, own: readonly string[]): string {
  const out = new URLSearchParams();
  for (const [k, v] of new URLSearchParams(current)) if (!own.includes(k)) out.append(k, v);
  for (const [k, v] of new URLSearchParams(next)) if (own.includes(k)) out.append(k, v);
  const s = out.toString();
  return s ? `?${s}` : "";
}
