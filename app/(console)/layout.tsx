import { redirect } from "next/navigation";
import { AppShell } from "@/components/shell/app-shell";
import { Providers } from "@/components/providers";
import { getSessionUser } from "@/lib/server/session";

// Every page below reads the session: never prerender them.
export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  // proxy.ts already sends signed-out visitors to /signin with a return URL; this is the backstop.
  const user = await getSessionUser();
  if (!user) redirect("/signin");
  if (!user.isAdmin) redirect("/not-admin");
  return (
    <Providers>
      <AppShell user={user}>{children}</AppShell>
    </Providers>
  );
}
