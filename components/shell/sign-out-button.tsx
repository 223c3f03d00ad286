"use client";

import { useState } from "react";

export function SignOutButton({ className }: { className?: string }) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => {
        setPending(true);
        // next-auth's browser client (~10 kB gzip) is on every page's first load if imported here; it is only
        // needed once the button is pressed.
        import("next-auth/react")
          .then(({ signOut }) => signOut({ callbackUrl: "/signin?signedOut=1" }))
          .catch(() => setPending(false));
      }}
      className={
        className ??
        "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60"
      }
    >
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
