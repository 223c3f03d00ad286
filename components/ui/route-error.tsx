"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { ApiErrorAlert } from "@/components/ui/api-error-alert";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { ApiRequestError } from "@/lib/query/fetch-api";

/** What Next hands an error.tsx (Next 16 adds `retry`: refresh from the server, then reset). */
export type RouteErrorProps = { error: Error & { digest?: string }; reset: () => void; retry?: () => void };

/**
 * The error as the page shows it. A failed /api call (ApiRequestError) keeps its message and Webex tracking ID;
 * anything else is described, never shown: a server error's text is withheld by Next in production and a browser
 * error's could be anything (never a stack trace). Next's digest ties it to the server log's entry.
 */
export function describeRouteError(error: Error & { digest?: string }): ApiRequestError {
  if (error instanceof ApiRequestError) return error;
  const reference = error.digest ? ` If it keeps failing, give your administrator this reference: ${error.digest}.` : "";
  return new ApiRequestError({
    status: 500,
    message: `Roster could not show this page. Webex or Roster's server may be unavailable or slow; try again in a moment.${reference}`,
  });
}

/**
 * A console route's error page (its error.tsx): the page's name, what happened with the tracking ID when Webex gave
 * one, "Try again" (renders the route again on the server, then resets the boundary) and a way back.
 */
export function RouteError({
  error,
  reset,
  page,
  title,
  back,
}: RouteErrorProps & { page?: string; title: string; back: { href: string; label: string } }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <>
      {page ? <PageHeader title={page} /> : null}
      <div aria-busy={pending || undefined}>
        <ApiErrorAlert
          error={describeRouteError(error)}
          title={title}
          onRetry={() =>
            startTransition(() => {
              router.refresh();
              reset();
            })
          }
        />
      </div>
      <Link href={back.href} className={buttonClass("ghost", "md", "mt-4")}>
        ← {back.label}
      </Link>
    </>
  );
}
