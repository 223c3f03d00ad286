import { JobWatcher } from "./job-watcher";
import { NavLinks } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

export type ShellUser = { name: string; email: string; avatar?: string; roleNames: string[]; canWrite: boolean };

export function AppShell({ user, orgName, children }: { user: ShellUser; orgName?: string; children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <aside className="hidden w-56 shrink-0 border-r border-slate-200 bg-white md:flex md:flex-col">
        <div className="flex h-14 items-center gap-2 border-b border-slate-200 px-4">
          <span aria-hidden className="grid h-7 w-7 place-items-center rounded-md bg-brand-500 text-sm font-bold text-white">R</span>
          <span className="text-base font-semibold tracking-tight">Roster</span>
        </div>
        <nav aria-label="Main" className="flex-1 p-3">
          <NavLinks />
        </nav>
        {orgName ? <p className="border-t border-slate-200 px-4 py-3 text-xs text-slate-500">Organization: <span className="font-medium text-slate-700">{orgName}</span></p> : null}
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-14 items-center justify-between gap-4 border-b border-slate-200 bg-white px-4 md:px-6">
          <nav aria-label="Main (compact)" className="md:hidden">
            <span className="font-semibold">Roster</span>
          </nav>
          <div className="ml-auto flex items-center gap-3">
            {!user.canWrite ? (
              <span className="rounded-full bg-amber-50 px-2.5 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-amber-200" title="You can view but not change anything">
                Read-only
              </span>
            ) : null}
            <div className="text-right leading-tight">
              <p className="text-sm font-medium" data-testid="signed-in-user">{user.name}</p>
              <p className="text-xs text-slate-500">{user.roleNames.join(", ") || user.email}</p>
            </div>
            {user.avatar ? (
              // Webex avatars come from Webex's CDN; a plain img avoids configuring remote image hosts.
              // eslint-disable-next-line @next/next/no-img-element
              <img src={user.avatar} alt="" className="h-8 w-8 rounded-full object-cover" />
            ) : (
              <span aria-hidden className="grid h-8 w-8 place-items-center rounded-full bg-slate-200 text-xs font-semibold text-slate-600">
                {initials(user.name)}
              </span>
            )}
            <SignOutButton />
          </div>
        </header>
        <main id="main" className="flex-1 px-4 py-6 md:px-8">
          {children}
        </main>
        <JobWatcher />
      </div>
    </div>
  );
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p[0]?.toUpperCase() ?? "")
    .join("");
}
