"use client";

import { useEffect, useState } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { ApiRequestError } from "@/lib/query/fetch-api";

/** Error panel: what went wrong, what to do, and the Webex tracking ID support will ask for. */
export function PeopleError({ error, onRetry, retrying }: { error: unknown; onRetry: () => void; retrying: boolean }) {
  const [copied, setCopied] = useState(false);
  const api = error instanceof ApiRequestError ? error : null;
  if (api?.sessionEnded) {
    const back = typeof window === "undefined" ? "/people" : `${window.location.pathname}${window.location.search}`;
    return (
      <Panel title="Your session has ended">
        <p>Sign in again to keep working; you will come back to this view.</p>
        <a href={`/signin?callbackUrl=${encodeURIComponent(back)}`} className={buttonClass("primary", "md", "mt-4")}>
          Sign in again
        </a>
      </Panel>
    );
  }
  const busy = api && (api.status === 429 || api.status === 503);
  const title = busy ? "Webex is busy right now" : api && api.status === 0 ? "Roster could not be reached" : "Couldn't load people";
  const advice = busy
    ? "Webex limits how many requests an organization can make. Wait a moment, then retry."
    : api && api.status >= 500
      ? "Webex or Roster had a problem answering. Retry; if it keeps failing, contact support with the tracking ID."
      : api && api.status === 403
        ? "Your administrator role does not allow reading people."
        : "Retry; if it keeps failing, contact support with the tracking ID.";
  return (
    <Panel title={title} tone="error">
      <p className="text-slate-800" data-testid="error-message">
        {api?.message || (error instanceof Error ? error.message : "Something went wrong.")}
        {api && api.status > 0 ? <span className="text-slate-500"> (HTTP {api.status})</span> : null}
      </p>
      <p className="mt-1">{advice}</p>
      {api?.trackingId ? (
        <p className="mt-3 flex flex-wrap items-center justify-center gap-2 text-xs text-slate-600">
          Webex tracking ID
          <code data-testid="tracking-id" className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-slate-800">
            {api.trackingId}
          </code>
          <button
            type="button"
            className="rounded px-1.5 py-0.5 font-medium text-brand-700 hover:bg-brand-50"
            onClick={() => {
              void navigator.clipboard?.writeText(api.trackingId ?? "").then(() => setCopied(true));
            }}
          >
            {copied ? "Copied" : "Copy"}
          </button>
        </p>
      ) : null}
      <Button variant="primary" className="mt-4" onClick={onRetry} disabled={retrying}>
        {retrying ? <Spinner /> : null}
        {retrying ? "Retrying…" : "Retry"}
      </Button>
    </Panel>
  );
}

export function PeopleEmpty({ filtered, onClear, laterPage, onFirst }: { filtered: boolean; onClear: () => void; laterPage: boolean; onFirst: () => void }) {
  if (laterPage) {
    return (
      <Panel title="No more people">
        <p>You have reached the end of the list.</p>
        <Button className="mt-4" onClick={onFirst}>
          Back to the first page
        </Button>
      </Panel>
    );
  }
  if (!filtered) {
    return (
      <Panel title="No people yet">
        <p>Nobody is in this Webex organization yet.</p>
      </Panel>
    );
  }
  return (
    <Panel title="No one matches">
      <p>No one in your organization matches this search and these filters. Names match from the start; emails must be exact.</p>
      <Button variant="primary" className="mt-4" onClick={onClear}>
        Clear filters
      </Button>
    </Panel>
  );
}

/** "Webex is busy, retrying in 4s": shown while React Query waits out a Retry-After. */
export function BusyNotice({ waitSeconds, attempt }: { waitSeconds: number; attempt: number }) {
  const [start] = useState(() => Date.now());
  const [now, setNow] = useState(start);
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, []);
  const left = Math.max(0, Math.ceil(waitSeconds - (now - start) / 1000));
  return (
    <div role="status" data-testid="busy-notice" className="mb-3 flex items-center gap-2 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      <Spinner className="h-4 w-4 text-amber-700" />
      {left > 0 ? `Webex is busy, retrying in ${left}s` : "Webex is busy, retrying now…"}
      <span className="text-amber-800">(attempt {attempt + 1})</span>
    </div>
  );
}

function Panel({ title, tone, children }: { title: string; tone?: "error"; children: React.ReactNode }) {
  return (
    <div
      role={tone === "error" ? "alert" : undefined}
      className={`rounded-lg border bg-white px-6 py-12 text-center text-sm text-slate-600 shadow-sm ${tone === "error" ? "border-rose-200" : "border-dashed border-slate-300"}`}
    >
      {tone === "error" ? (
        <span aria-hidden className="mx-auto mb-3 grid h-10 w-10 place-items-center rounded-full bg-rose-50 text-rose-600">
          <svg viewBox="0 0 16 16" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="1.8">
            <circle cx="8" cy="8" r="6" />
            <path d="M8 5v3.5M8 11h.01" />
          </svg>
        </span>
      ) : null}
      <h2 className="text-base font-semibold text-slate-900">{title}</h2>
      <div className="mx-auto mt-2 max-w-lg">{children}</div>
    </div>
  );
}
