"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useMemo, useState } from "react";

/**
 * A list's view, read from the URL with a pure `parse` and written back with `serialize` through the History API
 * (the people grid, the licenses dashboard, reclaim). Next integrates pushState/replaceState with useSearchParams,
 * so changing the view never round-trips to the server. Each push is a Back/Forward step; replace is for
 * refinements. Reload reads the same URL; what `parse` does not accept falls back to its defaults.
 */
export function useUrlView<V>(parse: (params: URLSearchParams) => V, serialize: (view: V) => string) {
  const searchParams = useSearchParams();
  const search = searchParams.toString();
  const parsed = useMemo(() => parse(new URLSearchParams(search)), [parse, search]);
  // Next applies history updates to useSearchParams in a transition; until it does, the view we navigated to
  // is shown at once, so controls (checkboxes, selects) never flick back to their old value.
  const [pending, setPending] = useState<V | null>(null);
  const [seen, setSeen] = useState(search);
  if (seen !== search) {
    setSeen(search);
    setPending(null);
  }
  const navigate = useCallback(
    (next: V, mode: "push" | "replace" = "push") => {
      const url = `${window.location.pathname}${serialize(next)}`;
      if (url === `${window.location.pathname}${window.location.search}`) return;
      setPending(() => next);
      if (mode === "push") window.history.pushState(null, "", url);
      else window.history.replaceState(null, "", url);
    },
    [serialize],
  );
  return { view: pending ?? parsed, navigate };
}
