"use client";

import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { Toaster } from "@/components/ui/toast";
import { TooltipProvider } from "@/components/ui/tooltip";
import { ApiRequestError } from "@/lib/query/fetch-api";

/**
 * A 401 from our API means the Webex session behind the cookie is gone (refresh failed or was revoked):
 * nothing on the page can work any more, so go to sign-in, say why, and come back here afterwards.
 */
function onApiError(error: unknown) {
  if (error instanceof ApiRequestError && error.sessionEnded && typeof window !== "undefined") {
    const back = window.location.pathname + window.location.search;
    // A full load on purpose: drop every cached query of the ended session before signing in again.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign(`/signin?error=SessionExpired&callbackUrl=${encodeURIComponent(back)}`);
  }
}

export function Providers({ children }: { children: React.ReactNode }) {
  // One client per browser tab; created lazily so server renders never share one between users.
  const [client] = useState(
    () =>
      new QueryClient({
        queryCache: new QueryCache({ onError: onApiError }),
        mutationCache: new MutationCache({ onError: onApiError }),
        defaultOptions: { queries: { staleTime: 30_000, refetchOnWindowFocus: false } },
      }),
  );
  return (
    <QueryClientProvider client={client}>
      <TooltipProvider>{children}</TooltipProvider>
      <Toaster />
    </QueryClientProvider>
  );
}
