import type { Metadata } from "next";
import { ChangesView } from "@/components/changes/changes-view";
import { IndexFreshness } from "@/components/directory/index-freshness";
import { PageHeader } from "@/components/ui/page-header";
import { consoleUser } from "@/lib/server/console-user";

export const metadata: Metadata = { title: "Changes" };

const DESCRIPTION = "What changed in Webex between two syncs of Roster's index: people added, removed, and each field changed, with Undo.";

export default async function ChangesPage() {
  const user = await consoleUser();
  return (
    <>
      <PageHeader title="Changes" description={DESCRIPTION} />
      {/* The feed comes from the index: its age is always beside it. */}
      <IndexFreshness className="mb-4" />
      <ChangesView canWrite={user.canWrite} />
    </>
  );
}
