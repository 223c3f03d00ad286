import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { SignOutButton } from "@/components/shell/sign-out-button";
import { getSessionState } from "@/lib/server/session";

export const metadata: Metadata = { title: "Not an administrator" };
export const dynamic = "force-dynamic";

export default async function NotAdminPage() {
  const state = await getSessionState();
  if (!state.user) redirect(state.reason === "expired" ? "/signin?error=SessionExpired" : "/signin");
  if (state.user.isAdmin) redirect("/");
  const { name, email } = state.user;

  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-md rounded-2xl border border-slate-200 bg-white p-8 shadow-sm">
        <p className="text-sm font-semibold tracking-wide text-brand-600">Roster</p>
        <h1 className="mt-2 text-2xl font-semibold text-slate-900">Your account is not a Webex administrator</h1>
        <p className="mt-3 text-sm leading-6 text-slate-600">
          Roster is for people who administer a Webex organization. You are signed in as{" "}
          <span className="font-medium text-slate-900">{name}</span>
          {email && name !== email ? <> ({email})</> : null}, which has no administrator role.
        </p>
        <p className="mt-3 text-sm leading-6 text-slate-600">
          Ask a full administrator of your organization for an administrator role, or sign out and use another
          account.
        </p>
        <div className="mt-6 flex justify-end">
          <SignOutButton className="rounded-lg bg-brand-500 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 disabled:opacity-70" />
        </div>
      </div>
    </main>
  );
}
