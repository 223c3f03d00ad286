import type { Metadata } from "next";
import { PageLoadError } from "@/components/ui/page-load-error";
import { RolesOverview } from "@/components/roles/roles-overview";
import { PageHeader } from "@/components/ui/page-header";
import { webexForUser } from "@/lib/server/api/webex-for-user";
import { consoleUser } from "@/lib/server/console-user";
import { loadForPage } from "@/lib/server/licenses/page-load";
import { rolesWithMembers } from "@/lib/server/licenses/roles";

export const metadata: Metadata = { title: "Roles" };

export default async function RolesPage() {
  const user = await consoleUser();
  const loaded = await loadForPage(() => rolesWithMembers(webexForUser(user), user));
  return (
    <>
      <PageHeader title="Roles" description="Administrator roles and who holds them." />
      {loaded.ok ? (
        <RolesOverview roles={loaded.data} />
      ) : (
        <PageLoadError title="Could not load the roles" message={loaded.message} trackingId={loaded.trackingId} retryHref="/roles" />
      )}
    </>
  );
}
