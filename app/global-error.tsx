"use client";

import "./globals.css";
import { describeRouteError, type RouteErrorProps } from "@/components/ui/route-error";
import { StandalonePage } from "@/components/ui/standalone-page";
import { THEME_SCRIPT } from "@/components/shell/theme";

/**
 * The last resort: the root layout itself failed, so this replaces the whole document. Kept to plain elements (no
 * router, no providers) so that it renders whatever else is broken; "Try again" is Next's retry (render again from the
 * server), or a reload where Next offers none.
 */
export default function GlobalError({ error, retry }: RouteErrorProps) {
  const message = describeRouteError(error).message;
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <title>Error · Roster</title>
        {/* The viewer's theme, as the root layout would have set it. */}
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-screen font-sans">
        <StandalonePage title="Roster could not open this page">
          <div role="alert" className="rounded-lg border border-rose-200 bg-rose-50 px-4 py-3 text-rose-900">
            <p>{message}</p>
          </div>
          <div className="mt-6 flex flex-wrap gap-2">
            <button
              type="button"
              onClick={() => (retry ? retry() : window.location.reload())}
              className="inline-flex h-9 items-center rounded-md bg-brand-500 px-3 text-sm font-medium text-white shadow-sm hover:bg-brand-600"
            >
              Try again
            </button>
            {/* A full page load on purpose: the app's router is what failed. */}
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
            <a href="/" className="inline-flex h-9 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50">
              Go to the overview
            </a>
          </div>
        </StandalonePage>
      </body>
    </html>
  );
}
