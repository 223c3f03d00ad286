"use client";

import { useUrlView } from "@/components/ui/use-url-view";
import { parsePeopleView, serializePeopleView } from "@/lib/people/people-view";

/** The directory's view in the URL (see useUrlView): React Query fetches the page it names. */
export function usePeopleView() {
  return useUrlView(parsePeopleView, serializePeopleView);
}
