import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import Link from "next/link";
import { IndexFreshness } from "@/components/directory/index-freshness";
import { PeopleDirectory } from "@/components/people/people-directory";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { parsePeopleView } from "@/lib/people/people-view";
import { prefetchPeopleDirectory } from "@/lib/server/people/prefetch-people";
import { getSessionUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "People" };

export default async function PeoplePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await getSessionUser();
  // The first page and the name lookups are fetched here, so they arrive with the HTML.
  const state = user ? await prefetchPeopleDirectory(user, parsePeopleView(await searchParams)) : undefined;
  return (
    <>
      <PageHeader
        title="People"
        description="Everyone in your Webex organization."
        actions={
          user?.canWrite ? (
            <>
              <Link href="/people/import" className={buttonClass("secondary", "md")}>
                Import CSV
              </Link>
              <Link href="/people/new" className={buttonClass("primary", "md")}>
                Add person
              </Link>
            </>
          ) : null
        }
      />
      <HydrationBoundary state={state}>
        <PeopleDirectory canWrite={Boolean(user?.canWrite)} freshness={<IndexFreshness className="text-xs" />} />
      </HydrationBoundary>
    </>
  );
}
