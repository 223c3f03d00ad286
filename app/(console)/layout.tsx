import { AppShell } from "@/components/shell/app-shell";
import { Providers } from "@/components/providers";
import { currentReturnPath } from "@/lib/server/current-path";
import { requireUser } from "@/lib/server/session";

// Every page below reads the session: never prerender them.
export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  // proxy.ts already sends visitors without a session cookie to /signin; this also catches sessions whose
  // Webex tokens are gone (refresh failed or revoked) and non-administrators.
  const user = await requireUser(await currentReturnPath());
  return (
    <Providers>
      <AppShell user={user}>{children}</AppShell>
    </Providers>
  );
}
