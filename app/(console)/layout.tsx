import { AppShell } from "@/components/shell/app-shell";
import { Providers } from "@/components/providers";
import { consoleUser } from "@/lib/server/console-user";

// Every page below reads the session: never prerender them.
export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  // proxy.ts already sends visitors without a session cookie to /signin; this also catches sessions whose
  // Webex tokens are gone (refresh failed or revoked) and non-administrators.
  const user = await consoleUser();
  return (
    <Providers>
      <AppShell user={user}>{children}</AppShell>
    </Providers>
  );
}
