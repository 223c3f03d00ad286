import { Suspense } from "react";
import { CommandPalette } from "@/components/palette/command-palette";
import { AppShell } from "@/components/shell/app-shell";
import { Providers } from "@/components/providers";
import { consoleUser } from "@/lib/server/console-user";
import { shellOrgName } from "@/lib/server/shell-org";

// Every page below reads the session: never prerender them.
export const dynamic = "force-dynamic";

/** The organization's name, streamed into the shell: the page never waits for it, and nothing shows without it. */
async function OrgName() {
  const name = await shellOrgName(await consoleUser());
  return name ? (
    <p className="truncate text-xs text-slate-500" title={name} data-testid="org-name">
      <span className="sr-only">Organization: </span>
      {name}
    </p>
  ) : null;
}

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  // proxy.ts already sends visitors without a session cookie to /signin; this also catches sessions whose
  // Webex tokens are gone (refresh failed or revoked) and non-administrators.
  const user = await consoleUser();
  const org = (
    <Suspense fallback={null}>
      <OrgName />
    </Suspense>
  );
  return (
    <Providers>
      <AppShell user={user} org={org}>
        {children}
      </AppShell>
      <CommandPalette canWrite={user.canWrite} />
    </Providers>
  );
}
