import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { ApiRequestError } from "./fetch-api";
import { retryDelay, shouldRetry } from "./retry";

declare module "@tanstack/react-query" {
  interface Register {
    mutationMeta: {
      /**
       * The caller shows a 401 itself (a form holding the admin's unsaved edits, a dialog): the browser client does
       * not leave the page for sign-in when this mutation's session has ended.
       */
      handlesSessionEnd?: boolean;
    };
  }
}

export interface QueryClientOptions {
  /**
   * A server render's client (prefetch, then `dehydrate`): no retries (the server's Webex client already retried
   * within its budget; what still failed is left out and the browser asks again) and no session redirect.
   */
  server?: boolean;
  /** How long a query's data counts as fresh (default 30 s). */
  staleTime?: number;
}

/**
 * A 401 from our API means the Webex session behind the cookie is gone (refresh failed or was revoked):
 * nothing on the page can work any more, so go to sign-in, say why, and come back here afterwards.
 */
function onSessionEnded(error: unknown) {
  if (error instanceof ApiRequestError && error.sessionEnded && typeof window !== "undefined") {
    const back = window.location.pathname + window.location.search;
    // A full load on purpose: drop every cached query of the ended session before signing in again.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign(`/signin?error=SessionExpired&callbackUrl=${encodeURIComponent(back)}`);
  }
}

/**
 * Every QueryClient of the app. In the browser, queries follow the retry policy (./retry.ts: busy answers honouring
 * Retry-After, one network failure, nothing else) and a 401 goes to sign-in; query options need not repeat either.
 */
export function makeQueryClient({ server = false, staleTime = 30_000 }: QueryClientOptions = {}): QueryClient {
  if (server) return new QueryClient({ defaultOptions: { queries: { retry: false, staleTime } } });
  return new QueryClient({
    queryCache: new QueryCache({ onError: onSessionEnded }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (!mutation.meta?.handlesSessionEnd) onSessionEnded(error);
      },
    }),
    defaultOptions: { queries: { staleTime, refetchOnWindowFocus: false, retry: shouldRetry, retryDelay } },
  });
}
