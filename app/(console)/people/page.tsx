import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getSessionUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "People" };

export default async function PeoplePage() {
  const user = await getSessionUser();
  return (
    <>
      <PageHeader
        title="People"
        description="Everyone in your Webex organization."
        actions={
          user?.canWrite ? (
            <Link href="/people/new" className="rounded-md bg-brand-500 px-3 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-600">
              Add person
            </Link>
          ) : null
        }
      />
      <EmptyState title="Nothing to show yet">This view is being built.</EmptyState>
    </>
  );
}
