"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ApiRequestError } from "@/lib/query/fetch-api";

/** A failed request as the admin should see it: what happened, the Webex tracking ID, and Retry. */
export function ApiErrorAlert({ error, title, onRetry }: { error: unknown; title: string; onRetry?: () => void }) {
  const e = error instanceof ApiRequestError ? error : null;
  return (
    <Alert
      tone="error"
      title={title}
      action={onRetry ? <Button size="sm" onClick={onRetry}>Try again</Button> : null}
    >
      <p>{e?.message ?? "Something went wrong."}{e?.retryAfterSeconds ? ` Webex is busy; try again in ${e.retryAfterSeconds} s.` : ""}</p>
      {e?.trackingId ? <p className="mt-1 text-xs">Webex tracking ID (for support): <code className="select-all">{e.trackingId}</code></p> : null}
    </Alert>
  );
}
