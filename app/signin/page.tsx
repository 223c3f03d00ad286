import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { safeReturnTo } from "@/lib/server/return-path";
import { getSessionState } from "@/lib/server/session";
import { signInMessage } from "./messages";
import { SignInButton } from "./sign-in-button";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const error = first(params.error);
  const signedOut = first(params.signedOut) === "1";
  const callbackUrl = safeReturnTo(first(params.callbackUrl));

  // Already signed in (and not here because of an error): go where they were heading.
  if (!error) {
    const state = await getSessionState();
    if (state.user) redirect(callbackUrl);
  }
  const message = signInMessage(error);

  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm rounded-2xl border border-slate-200 bg-white p-8 shadow-sm">
        <p className="text-sm font-semibold tracking-wide text-brand-600">Roster</p>
        <h1 className="mt-2 text-2xl font-semibold text-slate-900">Sign in</h1>
        <p className="mt-2 text-sm leading-6 text-slate-600">
          Use your Webex administrator account. Roster never sees your password.
        </p>

        {message ? (
          <div role="alert" className="mt-6 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900">
            <p className="font-semibold">{message.title}</p>
            <p className="mt-1 leading-6">{message.body}</p>
          </div>
        ) : signedOut ? (
          <p role="status" className="mt-6 rounded-lg border border-slate-200 bg-slate-50 p-4 text-sm text-slate-700">
            You have signed out.
          </p>
        ) : null}

        <div className="mt-6">
          <SignInButton callbackUrl={callbackUrl} />
        </div>
      </div>
      <ul className="mt-8 grid w-full max-w-sm gap-2 text-sm text-slate-600">
        <li>Browse and fix the people of your Webex organization.</li>
        <li>Onboard new hires safely: nothing you did not change is ever cleared.</li>
        <li>See license capacity before a pool runs out.</li>
      </ul>
    </main>
  );
}
