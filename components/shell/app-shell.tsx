import { JobWatcher } from "./job-watcher";
import { MobileNav } from "./mobile-nav";
import { NavLinks } from "./nav-links";
import { PaletteTrigger } from "./palette-trigger";
import { SavedViewsNav } from "./saved-views-nav";
import { SignOutButton } from "./sign-out-button";
import { ThemeToggle } from "./theme-toggle";

export type ShellUser = { name: string; email: string; avatar?: string; roleNames: string[]; canWrite: boolean };

/**
 * The console's frame: the sidebar (768 px and wider) or the menu button (narrower), the signed-in admin, and the
 * organization's name. `org` is rendered where the name goes (the layout streams it in, so a slow Webex never holds
 * the page back).
 */
export function AppShell({ user, org, children }: { user: ShellUser; org?: React.ReactNode; children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <aside className="hidden w-56 shrink-0 border-r border-slate-200 bg-white md:flex md:flex-col">
        <div className="flex h-14 items-center gap-2.5 border-b border-slate-200 px-4">
          <Logo />
          <div className="min-w-0 leading-tight">
            <p className="text-base font-semibold tracking-tight">Roster</p>
            {org}
          </div>
        </div>
        <div className="flex-1 overflow-y-auto p-3">
          <PaletteTrigger className="mb-3" />
          <nav aria-label="Main">
            <NavLinks />
          </nav>
          <SavedViewsNav />
        </div>
        <div className="border-t border-slate-200 p-3">
          <ThemeToggle />
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="relative flex h-14 items-center justify-between gap-3 border-b border-slate-200 bg-white px-4 md:px-6">
          <div className="flex min-w-0 items-center gap-2.5 md:hidden">
            <MobileNav org={org} signedInAs={[user.name, user.roleNames.join(", ")].filter(Boolean).join(" · ")} />
            <Logo />
            <span className="hidden font-semibold tracking-tight min-[360px]:inline">Roster</span>
          </div>
          <div className="ml-auto flex items-center gap-3">
            {!user.canWrite ? (
              <span className="rounded-full bg-amber-50 px-2.5 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-amber-200" title="You can view but not change anything">
                Read-only
              </span>
            ) : null}
            <div className="hidden text-right leading-tight sm:block">
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

/** The app icon (public/icon.svg), drawn inline so it needs no request. */
function Logo() {
  return (
    <svg aria-hidden viewBox="0 0 32 32" className="h-7 w-7 shrink-0">
      <rect width="32" height="32" rx="7" className="fill-brand-500" />
      <path d="M11 23V9h6a4.5 4.5 0 0 1 0 9h-6m6 0 4.5 5" fill="none" className="stroke-white" strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
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
