"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { parsePeopleView, serializePeopleView, type PeopleView } from "@/lib/people/people-view";

/**
 * The directory's view, read from the URL and written back with the History API. Next integrates
 * pushState/replaceState with useSearchParams, so changing the view never round-trips to the server:
 * React Query fetches the page. Each push is a Back/Forward step; replace is for refinements.
 */
export function usePeopleView() {
  const searchParams = useSearchParams();
  const search = searchParams.toString();
  const parsed = useMemo(() => parsePeopleView(new URLSearchParams(search)), [search]);
  // Next applies history updates to useSearchParams in a transition; until it does, the view we navigated to
  // is shown at once, so controls (checkboxes, selects) never flick back to their old value.
  const [pending, setPending] = useState<PeopleView | null>(null);
  const [seen, setSeen] = useState(search);
  if (seen !== search) {
    setSeen(search);
    setPending(null);
  }
  const navigate = useCallback((next: PeopleView, mode: "push" | "replace" = "push") => {
    const url = `${window.location.pathname}${serializePeopleView(next)}`;
    if (url === `${window.location.pathname}${window.location.search}`) return;
    setPending(next);
    if (mode === "push") window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  }, []);
  return { view: pending ?? parsed, navigate };
}
